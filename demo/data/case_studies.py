"""The member companies' case studies, by slug."""

from typing import TypedDict


class CaseStudyEntry(TypedDict):
    """One case study: its company (by key), products (by slug), the state the demo leaves it
    in, its author (by last name), how long ago it was published (None unless published) and
    its text."""

    company: str
    slug: str
    title: str
    products: tuple[str, ...]
    state: str
    author: str
    published_days_ago: int | None
    challenge: str
    solution: str
    results: str


CASE_STUDIES: tuple[CaseStudyEntry, ...] = (
    {
        "company": "vanderlinde",
        "slug": "hourly-store-replenishment",
        "title": "Hourly store replenishment from continuous demand forecasts",
        "products": ("polaris-warehouse", "polaris-streams", "polaris-ml-studio"),
        "state": "published",
        "author": "de Vries",
        "published_days_ago": 140,
        "challenge": "Replenishment orders for 640 stores were computed once a night from the "
        "previous day's sales. The nightly load took nine hours, so there was no time left for "
        "corrections, and fresh produce was either sold out by noon or written off.",
        "solution": "Till transactions now stream into Polaris Streams within a minute. A demand "
        "forecast trained in Polaris ML Studio re-runs every hour on the latest sales, stock "
        "and weather, and proposes order corrections that store managers can accept in the "
        "store app.",
        "results": "Nightly load from 9 h to 40 min; forecasts refreshed hourly instead of "
        "daily; 12% less fresh-food waste in the 80 pilot stores; out-of-stock hours down 18%.",
    },
    {
        "company": "nordhavn",
        "slug": "regulatory-reporting-migration",
        "title": "Regulatory reporting moved off an on-premises appliance in seven months",
        "products": ("polaris-warehouse", "polaris-governance"),
        "state": "published",
        "author": "Kristensen",
        "published_days_ago": 310,
        "challenge": "The bank's regulatory and risk reporting ran on an on-premises MPP "
        "appliance whose support contract ended within a year. A reporting gap towards the "
        "supervisor was not an option.",
        "solution": "Both platforms ran in parallel for three month-end closes while automated "
        "reconciliation compared every reported figure at line level. Access to customer data "
        "is governed by row access policies derived from the HR hierarchy.",
        "results": "14 TB and 2,300 reports migrated in 7 months; month-end close from 5 days "
        "to 2; appliance contract of EUR 1.2 million a year retired; no late regulatory filing.",
    },
    {
        "company": "keystone",
        "slug": "same-day-claims-triage",
        "title": "Same-day claims triage with consolidated claims data",
        "products": ("polaris-warehouse", "polaris-lakehouse"),
        "state": "published",
        "author": "Okafor",
        "published_days_ago": 205,
        "challenge": "Data needed to route a new claim lived in four systems loaded on "
        "different schedules, so a claim took three days to reach the right adjuster. "
        "Triage queries competed with actuarial batch jobs for the same compute.",
        "solution": "Claims, policy and third-party data were consolidated in Polaris "
        "Warehouse, with claim documents and photos in Polaris Lakehouse. Triage runs in its "
        "own compute pool, sized for its peak at Monday morning.",
        "results": "Claims triage from 3 days to same day; 38% lower compute spend after "
        "workload isolation; adjuster reassignments down by a third.",
    },
    {
        "company": "brightwave",
        "slug": "network-events-in-seconds",
        "title": "Four billion network events a day, queryable in seconds",
        "products": ("polaris-streams", "polaris-warehouse"),
        "state": "published",
        "author": "Patel",
        "published_days_ago": 96,
        "challenge": "Network telemetry arrived in hourly files. Regional outages were noticed "
        "by the call centre before the network operations team could see them in data.",
        "solution": "Routers and line cards publish events to Kafka, which Polaris Streams "
        "ingests continuously into tables clustered by region and time. Outage detection "
        "queries run every minute over the last fifteen minutes of events.",
        "results": "4 billion events a day at a 9-second median ingestion latency; regional "
        "outages detected 20 minutes earlier on average; cost per billion events down 45%.",
    },
    {
        "company": "meridian",
        "slug": "hipaa-ready-analytics",
        "title": "HIPAA-ready analytics for 40 hospitals",
        "products": ("polaris-governance", "polaris-warehouse"),
        "state": "published",
        "author": "Chen",
        "published_days_ago": 252,
        "challenge": "Analysts needed to join data across patients and hospitals, while every "
        "new dataset with protected health information took weeks of manual access review.",
        "solution": "Every column with protected health information is tagged on arrival, and "
        "tag-based masking policies de-identify it for every role without a documented "
        "purpose. Re-identification requests are granted per project and audited.",
        "results": "Access reviews from 6 weeks to 3 days; 100% of PHI columns tagged and "
        "masked; zero audit findings in the last two external audits.",
    },
    {
        "company": "castellano",
        "slug": "finops-shared-warehouse",
        "title": "FinOps for a warehouse shared by 60 teams",
        "products": ("polaris-warehouse", "polaris-governance"),
        "state": "published",
        "author": "Iglesias",
        "published_days_ago": 61,
        "challenge": "Sixty teams shared one Polaris account. Month-end reporting queued behind "
        "experiments, and nobody could say which team spent what.",
        "solution": "Workloads were separated into compute pools by business purpose, every "
        "query carries a cost-centre tag, and each domain has a monthly budget with alerts "
        "at 80% and 100%.",
        "results": "Compute spend down 41% in two quarters; every query attributed to a cost "
        "centre; month-end jobs finish 3 hours earlier.",
    },
    {
        "company": "ostara",
        "slug": "dynamic-pricing",
        "title": "Dynamic markdown pricing with price-elasticity models",
        "products": ("polaris-ml-studio", "polaris-warehouse"),
        "state": "published",
        "author": "Schulz",
        "published_days_ago": 33,
        "challenge": "End-of-season markdowns for 30,000 products followed fixed rules, "
        "leaving slow sellers unsold and discounting products that would have sold anyway.",
        "solution": "Price-elasticity models trained in Polaris ML Studio on three years of "
        "sales, stock and weather data propose markdowns per product and country; buyers "
        "approve or overrule them within guardrails.",
        "results": "Markdown costs down 9%; sell-through up 6 points; model retraining from "
        "weekly to daily.",
    },
    {
        "company": "kestrel",
        "slug": "real-time-eta",
        "title": "Real-time arrival predictions for 12,000 trucks",
        "products": ("polaris-streams", "polaris-ml-studio"),
        "state": "in_review",
        "author": "Vogel",
        "published_days_ago": None,
        "challenge": "Customers were told planned delivery times that were wrong by almost an "
        "hour on a bad day, and the call centre had no better information.",
        "solution": "GPS pings, traffic feeds and depot schedules are joined in Polaris "
        "Streams; an arrival-time model served from Polaris ML Studio updates each delivery's "
        "ETA every two minutes.",
        "results": "90th-percentile ETA error from 47 to 12 minutes; 'where is my delivery' "
        "calls down 31%.",
    },
    {
        "company": "lumiere",
        "slug": "smart-meter-data",
        "title": "Half-hourly readings from 2.1 million smart meters",
        "products": ("polaris-lakehouse", "polaris-streams"),
        "state": "published",
        "author": "Garnier",
        "published_days_ago": 177,
        "challenge": "Smart-meter readings grew to 35 billion a year. The previous platform "
        "kept only three months online, and analysts waited days for historical extracts.",
        "solution": "Raw readings land in Polaris Lakehouse as open tables partitioned by "
        "month and region; curated daily aggregates live in Polaris Warehouse. Analysts query "
        "both with the same SQL.",
        "results": "35 billion readings a year queryable in seconds; seven years online "
        "instead of three months; storage cost per TB down 60%.",
    },
    {
        "company": "harvest",
        "slug": "dbt-monorepo",
        "title": "One dbt project, 600 models, 25 analytics engineers",
        "products": ("polaris-warehouse",),
        "state": "draft",
        "author": "Brooks",
        "published_days_ago": None,
        "challenge": "Continuous integration for the shared dbt project took 50 minutes, and "
        "every merge risked rebuilding all 600 models.",
        "solution": "State-based selection with deferral to production, zero-copy clones for "
        "CI, ownership groups and model contracts at team boundaries.",
        "results": "CI from 50 to 8 minutes; CI compute cost down 70%; broken downstream "
        "models after merges down from weekly to rare.",
    },
    {
        "company": "cobalt",
        "slug": "fraud-features-streaming",
        "title": "Fraud features fresh within a second",
        "products": ("polaris-ml-studio", "polaris-streams"),
        "state": "published",
        "author": "Murphy",
        "published_days_ago": 120,
        "challenge": "The fraud model had to decide within 150 milliseconds, but its strongest "
        "features were computed hourly in batch.",
        "solution": "Velocity, merchant-risk and device features are maintained as streaming "
        "aggregates in Polaris Streams and read by the scoring service; batch versions of the "
        "same features check them every night.",
        "results": "Feature freshness from 1 hour to 800 ms; fraud losses down 23%; false "
        "declines down 11%.",
    },
    {
        "company": "skarlet",
        "slug": "audience-data-products",
        "title": "Three audience data products instead of 200 dashboards",
        "products": ("polaris-warehouse", "polaris-governance"),
        "state": "in_review",
        "author": "Johansson",
        "published_days_ago": None,
        "challenge": "Editors, advertisers and the rights team each asked for their own "
        "audience dashboards, and the numbers disagreed.",
        "solution": "Three documented data products with owners and service levels, shared "
        "through governed views, replaced request-by-request dashboards.",
        "results": "Dashboard requests down 70%; the three products have 420 regular users; "
        "one definition of a 'view' across the company.",
    },
)
