"""The static text of the demo users' group that `manage.py seed_demo` builds.

Everything here is fictional: companies, people and numbers. Domains end in `.example`
(RFC 2606) so that no demo address or website can reach a real one. Dates are not stored
here; the command computes them relative to the day it runs so the demo always looks current.
People are referred to by their last name, which is unique across the demo.
"""

from dataclasses import dataclass
from decimal import Decimal

CONFERENCE_SLUG = "polaris-users-summit"
CONFERENCE_TIMEZONE = "Europe/Amsterdam"

SITE_URL = "http://127.0.0.1:8000/"
ADMIN_URL = "http://127.0.0.1:8000/admin/"

# Published with the demo on purpose: the command refuses to run without DEBUG unless forced.
LOGINS = (
    # role, username, password, last name of the person (None: not a member company's person)
    ("organizer", "organizer", "guildhall-demo-organizer", None),
    ("reviewer", "reviewer", "guildhall-demo-reviewer", "Østergaard"),
    ("member", "member", "guildhall-demo-member", "de Vries"),
    ("attendee", "attendee", "guildhall-demo-attendee", "Brunner"),
)
ORGANIZER = {
    "first_name": "Eva",
    "last_name": "Lindqvist",
    "email": "eva.lindqvist@polaris-users.example",
}

# The program committee, by last name. None of them reviews their own company's proposals.
PROGRAM_COMMITTEE = ("Østergaard", "Whitman", "Hughes", "Laurent", "Virtanen", "Evans")

TIERS = (
    {
        "key": "community",
        "name": "Community",
        "annual_dues": Decimal("1500.00"),
        "seats": 3,
        "conference_passes": 1,
        "may_submit_talks": False,
        "order": 0,
    },
    {
        "key": "professional",
        "name": "Professional",
        "annual_dues": Decimal("6000.00"),
        "seats": 10,
        "conference_passes": 3,
        "may_submit_talks": True,
        "order": 1,
    },
    {
        "key": "enterprise",
        "name": "Enterprise",
        "annual_dues": Decimal("18000.00"),
        "seats": 40,
        "conference_passes": 8,
        "may_submit_talks": True,
        "order": 2,
    },
)

PRODUCTS = (
    (
        "polaris-warehouse",
        "Polaris Warehouse",
        "The cloud data warehouse: separated storage and compute, elastic compute pools, "
        "time travel and zero-copy clones.",
    ),
    (
        "polaris-streams",
        "Polaris Streams",
        "Continuous ingestion and streaming SQL over Kafka, Kinesis and change-data-capture "
        "feeds, landing in warehouse tables within seconds.",
    ),
    (
        "polaris-lakehouse",
        "Polaris Lakehouse",
        "Open table formats on object storage, queried with the same SQL and governed by the "
        "same catalogue as the warehouse.",
    ),
    (
        "polaris-governance",
        "Polaris Governance",
        "Classification tags, masking and row access policies, access history and lineage.",
    ),
    (
        "polaris-ml-studio",
        "Polaris ML Studio",
        "Training, evaluating and serving machine-learning models next to the data, with "
        "point-in-time feature tables.",
    ),
)

# periods: (years ago, tier key, state). 0 is the current period, which starts `offset` days
# before the run (at least 110, so that it covers the whole call for papers); a negative
# offset starts it in the future. A missing year between two periods is a gap in membership.
COMPANIES = (
    {
        "key": "vanderlinde",
        "name": "Vanderlinde Retail Group",
        "industry": "retail",
        "country": "NL",
        "domain": "vanderlinde.example",
        "directory": True,
        "offset": 214,
        "periods": (
            (0, "enterprise", "active"),
            (1, "professional", "active"),
            (2, "professional", "active"),
        ),
        "description": "Family-owned grocery and household retailer with 640 stores across the "
        "Benelux and a fast-growing online shop. Runs replenishment, loyalty and e-commerce "
        "analytics on Polaris Warehouse and Polaris Streams.",
        "people": (
            ("Sanne", "de Vries", "Head of Data Platform"),
            ("Joris", "Bakker", "Senior Analytics Engineer"),
            ("Fleur", "Jansen", "Director of Customer Analytics"),
            ("Pieter", "van Dijk", "Data Engineer"),
        ),
    },
    {
        "key": "nordhavn",
        "name": "Nordhavn Bank",
        "industry": "banking",
        "country": "DK",
        "domain": "nordhavnbank.example",
        "directory": True,
        "offset": 301,
        "periods": ((0, "enterprise", "active"), (1, "enterprise", "active")),
        "description": "Danish retail and business bank serving 1.8 million customers. Moved its "
        "regulatory reporting and risk data marts from an on-premises appliance to Polaris.",
        "people": (
            ("Mette", "Kristensen", "Chief Data Officer"),
            ("Lars", "Østergaard", "Lead Data Architect"),
            ("Freja", "Holm", "Risk Data Engineer"),
            ("Rasmus", "Dahl", "BI Developer"),
        ),
    },
    {
        "key": "aurelia",
        "name": "Aurelia Assicurazioni",
        "industry": "insurance",
        "country": "IT",
        "domain": "aurelia-assicurazioni.example",
        "directory": True,
        "offset": 157,
        "periods": ((0, "professional", "active"), (2, "professional", "lapsed")),
        "description": "Property and casualty insurer with 2.4 million policies in Italy. Uses "
        "Polaris for claims analytics, fraud scoring and actuarial reporting.",
        "people": (
            ("Giulia", "Romano", "Head of Analytics"),
            ("Marco", "Bianchi", "Data Engineering Lead"),
            ("Chiara", "Conti", "Actuarial Data Engineer"),
        ),
    },
    {
        "key": "keystone",
        "name": "Keystone Mutual Insurance",
        "industry": "insurance",
        "country": "US",
        "domain": "keystonemutual.example",
        "directory": True,
        "offset": 268,
        "periods": (
            (0, "enterprise", "active"),
            (1, "enterprise", "active"),
            (2, "professional", "active"),
        ),
        "description": "Mutual insurer covering homes, cars and small businesses in 22 US states. "
        "Its claims, policy and customer data have lived in Polaris since 2021.",
        "people": (
            ("Rachel", "Whitman", "VP Data and Analytics"),
            ("David", "Okafor", "Principal Data Engineer"),
            ("Emily", "Tran", "Analytics Engineering Manager"),
            ("Marcus", "Hale", "Data Governance Lead"),
        ),
    },
    {
        "key": "brightwave",
        "name": "Brightwave Telecom",
        "industry": "telecom",
        "country": "GB",
        "domain": "brightwave.example",
        "directory": True,
        "offset": 189,
        "periods": ((0, "enterprise", "active"), (1, "enterprise", "active")),
        "description": "UK broadband and mobile operator with 3.2 million customers. Streams "
        "network telemetry into Polaris Streams for outage detection and capacity planning.",
        "people": (
            ("Oliver", "Hughes", "Head of Data Engineering"),
            ("Priya", "Patel", "Streaming Platform Lead"),
            ("Tom", "Fletcher", "Senior Data Engineer"),
            ("Hannah", "Price", "Customer Analytics Manager"),
        ),
    },
    {
        "key": "telvia",
        "name": "Telvia Móvil",
        "industry": "telecom",
        "country": "ES",
        "domain": "telvia.example",
        "directory": True,
        "offset": 133,
        "periods": ((0, "professional", "active"), (1, "community", "active")),
        "description": "Spanish mobile network operator. Its churn, upsell and network-planning "
        "models train on Polaris, and 4,000 employees use dashboards built on it.",
        "people": (
            ("Javier", "Morales", "Data Platform Manager"),
            ("Lucía", "Fernández", "Machine Learning Engineer"),
            ("Alejandro", "Ruiz", "BI Lead"),
        ),
    },
    {
        "key": "kestrel",
        "name": "Kestrel Freight",
        "industry": "logistics",
        "country": "DE",
        "domain": "kestrel-freight.example",
        "directory": True,
        "offset": 246,
        "periods": ((0, "professional", "active"), (1, "professional", "active")),
        "description": "Road freight and contract logistics from 40 depots in Germany, Austria "
        "and Poland, with 12,000 trucks on the road. Finished its move from an on-premises "
        "warehouse to Polaris last year.",
        "people": (
            ("Jonas", "Becker", "Head of Business Intelligence"),
            ("Katrin", "Vogel", "Data Engineer"),
            ("Stefan", "Hoffmann", "Solutions Architect"),
        ),
    },
    {
        "key": "meridian",
        "name": "Meridian Health Partners",
        "industry": "healthcare",
        "country": "US",
        "domain": "meridianhealth.example",
        "directory": True,
        "offset": 322,
        "periods": ((0, "enterprise", "active"), (1, "professional", "active")),
        "description": "Network of 40 hospitals and 300 clinics in the US Midwest. Its clinical "
        "data platform on Polaris serves quality reporting, research and operations.",
        "people": (
            ("Aisha", "Rahman", "Director of Clinical Data"),
            ("Kevin", "Morrison", "Data Architect"),
            ("Laura", "Chen", "Privacy Engineer"),
            ("Grace", "Delgado", "Clinical Informatics Analyst"),
        ),
    },
    {
        "key": "sanavita",
        "name": "Sanavita Klinikgruppe",
        "industry": "healthcare",
        "country": "CH",
        "domain": "sanavita.example",
        "directory": True,
        "offset": 118,
        "periods": ((0, "community", "active"),),
        "description": "Group of eleven private clinics in German-speaking Switzerland, moving its "
        "hospital reporting to the cloud this year.",
        "people": (
            ("Beat", "Keller", "IT Director"),
            ("Nina", "Brunner", "BI Analyst"),
        ),
    },
    {
        "key": "hollandia",
        "name": "Hollandia Rail Cargo",
        "industry": "logistics",
        "country": "NL",
        "domain": "hollandiarail.example",
        "directory": True,
        "offset": 175,
        "periods": ((0, "professional", "active"), (2, "community", "lapsed")),
        "description": "Rail freight operator running 1,400 trains a week between Rotterdam, "
        "Germany and Italy. Plans capacity and wagon rotations on Polaris.",
        "people": (
            ("Maarten", "Visser", "Data Lead"),
            ("Eline", "de Graaf", "Planning Analyst"),
            ("Bram", "Mulder", "Data Engineer"),
        ),
    },
    {
        "key": "lumiere",
        "name": "Lumière Énergie",
        "industry": "energy",
        "country": "FR",
        "domain": "lumiere-energie.example",
        "directory": True,
        "offset": 287,
        "periods": ((0, "professional", "active"), (1, "professional", "active")),
        "description": "Electricity and gas supplier with 2.1 million smart meters in France. "
        "Keeps half-hourly meter readings in Polaris Lakehouse.",
        "people": (
            ("Camille", "Laurent", "Head of Data"),
            ("Hugo", "Moreau", "Data Scientist"),
            ("Élodie", "Garnier", "Data Engineer"),
        ),
    },
    {
        "key": "nordlys",
        "name": "Nordlys Kraft",
        "industry": "energy",
        "country": "NO",
        "domain": "nordlyskraft.example",
        "directory": False,
        "offset": 142,
        "periods": ((1, "professional", "lapsed"), (2, "professional", "active")),
        "description": "Hydropower producer and grid operator in northern Norway. Forecasts "
        "production from weather and reservoir data.",
        "people": (
            ("Ingrid", "Haugen", "Analytics Manager"),
            ("Erik", "Solberg", "Data Engineer"),
        ),
    },
    {
        "key": "castellano",
        "name": "Banco Castellano",
        "industry": "banking",
        "country": "ES",
        "domain": "bancocastellano.example",
        "directory": True,
        "offset": 230,
        "periods": (
            (0, "enterprise", "active"),
            (1, "enterprise", "active"),
            (2, "enterprise", "active"),
        ),
        "description": "Spanish bank with 900 branches. Organises its data platform as a data "
        "mesh of twelve business domains on a shared Polaris account.",
        "people": (
            ("Carmen", "Navarro", "Head of Data Governance"),
            ("Diego", "Serrano", "Data Platform Architect"),
            ("Marta", "Iglesias", "FinOps Analyst"),
            ("Pablo", "Ortega", "Analytics Engineer"),
        ),
    },
    {
        "key": "helvion",
        "name": "Helvion Pharma",
        "industry": "healthcare",
        "country": "BE",
        "domain": "helvion.example",
        "directory": True,
        "offset": 199,
        "periods": ((0, "professional", "active"), (1, "professional", "active")),
        "description": "Mid-sized pharmaceutical company developing vaccines and biologics. "
        "Runs research and clinical trial data on Polaris under GxP.",
        "people": (
            ("Sofie", "Peeters", "Head of R&D Data"),
            ("Wout", "Claes", "Data Engineer"),
            ("An", "Maes", "Quality Data Manager"),
        ),
    },
    {
        "key": "ostara",
        "name": "Ostara Fashion",
        "industry": "retail",
        "country": "DE",
        "domain": "ostara-fashion.example",
        "directory": True,
        "offset": 125,
        "periods": ((0, "professional", "active"), (1, "community", "active")),
        "description": "Online fashion retailer shipping to 14 European countries. Prices 30,000 "
        "products a season with models trained in Polaris ML Studio.",
        "people": (
            ("Lena", "Schmidt", "Head of Data and Analytics"),
            ("Felix", "Wagner", "Analytics Engineer"),
            ("Mia", "Schulz", "Pricing Data Scientist"),
        ),
    },
    {
        "key": "cobalt",
        "name": "Cobalt Payments",
        "industry": "banking",
        "country": "IE",
        "domain": "cobaltpay.example",
        "directory": True,
        "offset": 161,
        "periods": ((0, "professional", "active"),),
        "description": "Card acquirer and payment processor for 60,000 European merchants. "
        "Scores every transaction for fraud with features computed in Polaris Streams.",
        "people": (
            ("Ciara", "Byrne", "Data Engineering Lead"),
            ("Seán", "Murphy", "Fraud Analytics Lead"),
            ("Aoife", "Kelly", "Platform Engineer"),
        ),
    },
    {
        "key": "brandt",
        "name": "Brandt Werke",
        "industry": "manufacturing",
        "country": "DE",
        "domain": "brandtwerke.example",
        "directory": True,
        "offset": 256,
        "periods": ((0, "community", "active"), (1, "community", "active")),
        "description": "Maker of precision castings for the automotive industry, with five plants "
        "in Saxony. Collects machine data from its production lines into Polaris.",
        "people": (
            ("Tobias", "Krüger", "Digitalisation Manager"),
            ("Anna", "Lehmann", "Process Data Analyst"),
        ),
    },
    {
        "key": "skarlet",
        "name": "Skarlet Media",
        "industry": "media",
        "country": "SE",
        "domain": "skarletmedia.example",
        "directory": True,
        "offset": 208,
        "periods": ((0, "professional", "active"), (2, "professional", "lapsed")),
        "description": "Nordic broadcaster and streaming service. Counts every play for royalty "
        "payments and publishes audience data products to editors and advertisers.",
        "people": (
            ("Elin", "Johansson", "Head of Audience Data"),
            ("Oskar", "Lindberg", "Data Engineer"),
            ("Sara", "Nyström", "Data Platform Engineer"),
        ),
    },
    {
        "key": "havenstad",
        "name": "Gemeente Havenstad",
        "industry": "public_sector",
        "country": "NL",
        "domain": "havenstad.example",
        "directory": True,
        "offset": 277,
        "periods": ((0, "community", "active"), (1, "community", "active")),
        "description": "Dutch port municipality of 180,000 inhabitants. Publishes open data on "
        "housing, mobility and air quality from its Polaris account.",
        "people": (
            ("Thijs", "Smit", "Chief Data Officer"),
            ("Noor", "El Amrani", "Data Analyst"),
        ),
    },
    {
        "key": "northbridge",
        "name": "Northbridge University",
        "industry": "education",
        "country": "GB",
        "domain": "northbridge.example",
        "directory": True,
        "offset": 311,
        "periods": ((0, "community", "active"), (1, "community", "active")),
        "description": "Research university with 28,000 students. Uses Polaris for institutional "
        "analytics and as a secure environment for research data.",
        "people": (
            ("Gareth", "Evans", "Head of Institutional Analytics"),
            ("Sophie", "Turner", "Research Data Engineer"),
        ),
    },
    {
        "key": "quokka",
        "name": "Quokka Games",
        "industry": "software",
        "country": "AU",
        "domain": "quokkagames.example",
        "directory": False,
        "offset": 183,
        "periods": ((1, "community", "lapsed"),),
        "description": "Mobile game studio whose titles have 12 million monthly players. "
        "Analyses player telemetry for game balancing and monetisation.",
        "people": (
            ("Liam", "O'Connor", "Lead Data Engineer"),
            ("Chloe", "Nguyen", "Game Analytics Manager"),
        ),
    },
    {
        "key": "parcelo",
        "name": "Parcelo",
        "industry": "logistics",
        "country": "PL",
        "domain": "parcelo.example",
        "directory": False,
        "offset": -12,
        "periods": ((0, "community", "pending"),),
        "description": "Parcel-locker network with 9,000 lockers in Poland and the Czech "
        "Republic. Starting its first Polaris project this year.",
        "people": (
            ("Katarzyna", "Nowak", "CTO"),
            ("Piotr", "Zieliński", "Data Engineer"),
        ),
    },
    {
        "key": "harvest",
        "name": "Harvest & Co. Grocers",
        "industry": "retail",
        "country": "US",
        "domain": "harvestgrocers.example",
        "directory": True,
        "offset": 241,
        "periods": ((0, "professional", "active"), (1, "professional", "active")),
        "description": "Regional grocery chain with 210 stores in the US Pacific Northwest. Its "
        "25 analytics engineers maintain a single dbt project on Polaris.",
        "people": (
            ("Jennifer", "Alvarez", "Director of Data Engineering"),
            ("Ryan", "Brooks", "Staff Analytics Engineer"),
            ("Michelle", "Park", "Supply Chain Analyst"),
        ),
    },
    {
        "key": "solaria",
        "name": "Solaria Air",
        "industry": "logistics",
        "country": "PT",
        "domain": "solaria-air.example",
        "directory": False,
        "offset": 139,
        "periods": ((1, "professional", "lapsed"), (2, "professional", "active")),
        "description": "Leisure airline flying from Lisbon and Porto to 60 destinations. Uses "
        "Polaris for revenue management and crew planning.",
        "people": (
            ("João", "Ferreira", "BI Manager"),
            ("Inês", "Carvalho", "Data Engineer"),
        ),
    },
    {
        "key": "kaleva",
        "name": "Kaleva Mutual",
        "industry": "insurance",
        "country": "FI",
        "domain": "kalevamutual.example",
        "directory": True,
        "offset": 263,
        "periods": ((0, "community", "active"), (1, "professional", "active")),
        "description": "Finnish mutual pension and life insurer. Consolidating actuarial and "
        "customer data on Polaris.",
        "people": (
            ("Mikko", "Virtanen", "Data Architect"),
            ("Aino", "Mäkinen", "Analytics Engineer"),
        ),
    },
)

# Rotated over the people to give each a short biography after their title and company.
BIO_LINES = (
    "Has spent twelve years moving analytics from on-premises servers to the cloud and "
    "still keeps a printout of the last appliance's error log.",
    "Cares about data modelling, code review for SQL and getting analysts and engineers "
    "into the same planning meeting.",
    "Previously built reporting platforms for a consultancy; organises the local dbt meetup.",
    "Spends most days on streaming pipelines and the rest explaining why exactly-once is "
    "harder than it sounds.",
    "Joined from a software engineering background and brought tests, CI and on-call "
    "rotations to the data team.",
    "Works with finance and business owners to turn questions into metrics everyone "
    "defines the same way.",
    "Leads a team of eight and writes about data platform cost on an internal blog that "
    "finance reads more than engineering does.",
    "Started as an analyst, learned engineering on the job, and now mentors analysts who "
    "want to do the same.",
    "Focuses on access control, privacy and the audits that check both.",
    "Trained as a statistician; builds models and the pipelines that keep their features fresh.",
    "Believes the best dashboard is the one you can delete; has deleted several hundred.",
    "Has run data platforms in three industries and migrated warehouses in all of them.",
)

CASE_STUDIES = (
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

ROOMS = (
    # key, name, capacity
    ("A", "Auditorium", 850),
    ("B", "Amstel Hall", 320),
    ("C", "IJ Hall", 200),
    ("D", "Keizersgracht Room", 120),
    ("E", "Prinsengracht Room", 80),
    ("L", "Polaris Lab", 48),
)

TRACKS = (
    (
        "architecture",
        "Architecture and migration",
        "#2b6cb0",
        "Moving off legacy platforms, lakehouse and warehouse design, data mesh in practice.",
    ),
    (
        "pipelines",
        "Pipelines and streaming",
        "#2f855a",
        "dbt at scale, streaming ingestion, change data capture, orchestration and testing.",
    ),
    (
        "governance",
        "Governance and cost",
        "#b7791f",
        "Access control, privacy, regulation, FinOps and keeping the bill understandable.",
    ),
    (
        "analytics",
        "Analytics, BI and ML",
        "#9c4221",
        "Semantic layers, BI for thousands of users, features and models next to the data.",
    ),
)

FORMATS = (
    ("keynote", "Keynote", 45, "Plenary talk in the Auditorium, by invitation of the committee."),
    (
        "case-study",
        "Case study",
        30,
        "How your company uses Polaris: the problem, what you "
        "built, and measurable results. 25 minutes and 5 for questions.",
    ),
    ("panel", "Panel", 60, "A moderator and three or four panellists from different members."),
    (
        "hands-on-lab",
        "Hands-on lab",
        90,
        "Attendees work along on their laptops; trial accounts are provided.",
    ),
    ("lightning-talk", "Lightning talk", 10, "One idea, one result, ten minutes."),
)

VENUE = "Amstel Waterfront Congress Centre"
VENUE_ADDRESS = "Piet Heinkade 155\n1019 HC Amsterdam\nThe Netherlands"

WELCOME_TEXT = (
    "Welcome to Amsterdam and to this year's Polaris Users' Summit.\n\n"
    "For three days the Amstel Waterfront Congress Centre belongs to the people who run "
    "Polaris in production. Nearly every session in this programme was proposed by a member "
    "company and chosen by a program committee of members: migrations that finished (and the "
    "weekends they took), pipelines that run every minute, the governance and cost work that "
    "rarely makes a vendor slide, and models that made it out of the notebook.\n\n"
    "Star the sessions you want to see and subscribe to your personal calendar; if a session "
    "moves, your calendar moves with it. Coffee is in the foyer, lunch is on the river "
    "terrace, and on Wednesday evening the boats leave for the summit social from the quay "
    "in front of the building.\n\n"
    "Thank you to every speaker, reviewer and volunteer. Enjoy the summit."
)

CFP_TEXT = (
    "We want to hear how you use Polaris in production. The best proposals tell a story with "
    "numbers: what was slow, expensive or fragile, what you built, and what changed.\n\n"
    "Topics we are looking for:\n"
    "- migrations from on-premises warehouses and appliances, including the parts that went "
    "wrong\n"
    "- dbt and other transformation pipelines at scale, testing and CI for data\n"
    "- streaming ingestion and change data capture\n"
    "- cost control, chargeback and workload isolation\n"
    "- governance, privacy, regulation and audits\n"
    "- data mesh and data products in practice\n"
    "- BI for thousands of users, semantic layers, ML features and models next to the data\n\n"
    "Formats: case study (30 minutes), panel (60), hands-on lab (90) and lightning talk (10). "
    "Speakers must work at a member company whose membership includes talks (Professional or "
    "Enterprise); co-speakers may come from any company. Reviews are anonymous, and no one "
    "reviews a proposal from their own company."
)

NEXT_CFP_TEXT = (
    "Next year's summit is a year away, and the call for papers is open now. Tell us what "
    "you built with Polaris this year and what it changed, with numbers.\n\n"
    "This year we especially want:\n"
    "- the second year after a migration: what you cleaned up, what it costs now\n"
    "- streaming and change data capture that runs unattended\n"
    "- governance that auditors signed off on\n"
    "- machine learning in production next to the data\n\n"
    "Speakers must work at a member company whose membership includes talks (Professional or "
    "Enterprise); co-speakers may come from any company. Reviews are anonymous, and no one "
    "reviews a proposal from their own company."
)

# Review comments by the score they come with.
REVIEW_COMMENTS = {
    5: (
        "Exactly what members come for: a real system, honest numbers and a clear before and "
        "after. Ask the speaker to keep the part about what went wrong.",
        "Strong, specific proposal. The results are measurable and the outline fits the slot.",
        "Highly relevant to many members; the speaker clearly did the work described.",
    ),
    4: (
        "Good topic and a concrete story. The abstract could say more about the results, but "
        "the outline suggests they will be in the talk.",
        "Solid and useful. Some overlap with other proposals on the same theme, but this one "
        "has the clearest numbers.",
        "Would attend. Suggest trimming the architecture overview in favour of the lessons.",
    ),
    3: (
        "Interesting, but the abstract is light on specifics: what changed, by how much?",
        "Reasonable proposal; it depends on what else we have in this track.",
    ),
    2: (
        "Too generic for our audience; most members have already heard this story.",
        "Reads more like a product overview than a member's experience.",
    ),
    1: ("Out of scope for a users' group summit.",),
}


def _submission(
    key,
    speaker,
    title,
    form,
    track,
    state,
    abstract,
    *,
    co=(),
    level="intermediate",
    case_study=None,
    outline="",
    notes="",
    withdrawn_from=None,
    decision_note="",
):
    return {
        "key": key,
        "speaker": speaker,
        "co": co,
        "title": title,
        "format": form,
        "track": track,
        "level": level,
        "state": state,
        "case_study": case_study,
        "abstract": abstract,
        "outline": outline,
        "notes": notes,
        "withdrawn_from": withdrawn_from,
        "decision_note": decision_note,
    }


# withdrawn_from says how far a withdrawn proposal got: "draft", "submitted", "accepted" (all
# withdrawn by the speaker before the schedule was released) or "released" (confirmed and
# scheduled, then withdrawn by an organizer after release 1.0).
SUBMISSIONS = (
    # Day 1
    _submission(
        "nordhavn-appliance",
        "Kristensen",
        "Leaving the appliance: moving regulatory reporting to Polaris in seven months",
        "case-study",
        "architecture",
        "confirmed",
        "Nordhavn Bank's regulatory reporting ran for eleven years on an on-premises MPP "
        "appliance whose support contract was ending. We moved 14 TB, 2,300 reports and the "
        "month-end close to Polaris Warehouse in seven months without a reporting gap. This "
        "talk covers how we ran both platforms in parallel, reconciled every figure the "
        "supervisor sees, and decided what not to migrate. Expect the reconciliation queries, "
        "the cutover calendar and the three things we would plan differently.",
        case_study="regulatory-reporting-migration",
        outline="1. Why the appliance had to go, and the deadline it gave us\n"
        "2. Parallel run: two platforms, one set of numbers\n"
        "3. Automated reconciliation at report-line level\n"
        "4. Cutover weekend and the first month-end close\n"
        "5. What we would do differently",
    ),
    _submission(
        "harvest-dbt-monorepo",
        "Brooks",
        "dbt at 600 models: keeping a monorepo fast and sane",
        "case-study",
        "pipelines",
        "confirmed",
        "Harvest & Co. runs one dbt project with more than 600 models on Polaris, built by 25 "
        "analytics engineers in four teams. CI took 50 minutes and every merge risked a full "
        "rebuild. We cut CI to eight minutes with state-based selection and deferral, split the "
        "project into ownership groups without splitting the repository, and made model "
        "contracts mandatory at team boundaries. You will see our CI configuration, the "
        "compute sizes we use per job, and how we measure the cost of each pull request.",
        co=("Alvarez",),
        level="advanced",
        case_study="dbt-monorepo",
        outline="1. How we got to 600 models\n"
        "2. Slim CI: state:modified, deferral and zero-copy clones\n"
        "3. Ownership groups and model contracts\n"
        "4. Cost per pull request as a team metric",
    ),
    _submission(
        "castellano-isolation",
        "Iglesias",
        "Workload isolation that finance understands",
        "case-study",
        "governance",
        "confirmed",
        "When Banco Castellano put 60 teams on one Polaris account, month-end reporting queued "
        "behind data-science experiments and nobody could say who spent what. We separated "
        "workloads into compute pools by business purpose, tagged every query with a cost "
        "centre and gave each domain a monthly budget with alerts. Compute spend fell 41% in "
        "two quarters while month-end jobs finished earlier. This talk shows the pool layout, "
        "the tagging conventions, and the monthly report that finance now reads without our "
        "help.",
        case_study="finops-shared-warehouse",
    ),
    _submission(
        "vanderlinde-replenishment",
        "de Vries",
        "Hourly store replenishment: from a nightly batch to continuous forecasts",
        "case-study",
        "analytics",
        "confirmed",
        "Vanderlinde's 640 stores used to receive replenishment orders computed from last "
        "night's sales. A nine-hour nightly load left no room for intraday corrections, and "
        "fresh produce was either sold out by noon or thrown away. We moved till data to "
        "Polaris Streams, rebuilt the demand forecast in ML Studio and now refresh orders every "
        "hour. The nightly load takes 40 minutes, and fresh-food waste fell 12% in the pilot "
        "region. We will show the architecture, the forecast features that mattered, and how "
        "we convinced store managers to trust the numbers.",
        co=("Bakker",),
        case_study="hourly-store-replenishment",
        outline="1. The nightly batch and what it cost us\n"
        "2. Till data in Polaris Streams\n"
        "3. The forecast: features, retraining, evaluation\n"
        "4. Store managers, overrides and trust\n"
        "5. Results after six months",
    ),
    _submission(
        "brightwave-events",
        "Patel",
        "Four billion network events a day with Polaris Streams",
        "case-study",
        "pipelines",
        "confirmed",
        "Brightwave's broadband network emits about four billion events a day: line syncs, "
        "router reboots, DNS failures. We ingest them with Polaris Streams at a median latency "
        "of nine seconds and detect regional outages twenty minutes before the call centre "
        "does. This talk covers partitioning and clustering for time series at that volume, "
        "how we handle late and duplicate events, and what the bill looks like per billion "
        "events.",
        level="advanced",
        case_study="network-events-in-seconds",
    ),
    _submission(
        "meridian-contracts",
        "Morrison",
        "Data contracts between 40 hospitals",
        "case-study",
        "governance",
        "confirmed",
        "Meridian Health Partners receives admission, lab and billing feeds from 40 hospitals "
        "running six different EHR systems. Every schema change used to break downstream "
        "reports for days. We introduced data contracts: versioned schemas, owners and quality "
        "checks that each hospital's feed must pass before it lands in the shared warehouse. "
        "We describe the contract format, how we enforce it at ingestion with Polaris "
        "Governance, and how we negotiated the change with hospital IT teams who owe us "
        "nothing.",
    ),
    _submission(
        "ostara-dbt-lab",
        "Wagner",
        "Hands-on: incremental models in dbt on Polaris",
        "hands-on-lab",
        "pipelines",
        "confirmed",
        "Bring a laptop. In 90 minutes you will build a small dbt project on a Polaris trial "
        "account, turn a slow full-refresh model into an incremental one, handle late-arriving "
        "rows with a merge strategy, and add tests that fail when they should. We provide the "
        "sample data (an e-commerce order feed) and a finished solution to compare against. "
        "Some SQL experience is needed; no dbt experience is.",
        co=("Brooks",),
        level="beginner",
        outline="1. Setup and sample data (10 min)\n"
        "2. From table to incremental model (25 min)\n"
        "3. Late-arriving data and merge keys (25 min)\n"
        "4. Tests and documentation (20 min)\n"
        "5. Questions (10 min)",
        notes="The room needs power at every seat; we will send setup instructions a week ahead.",
    ),
    _submission(
        "keystone-claims",
        "Okafor",
        "Claims triage the same day",
        "case-study",
        "architecture",
        "confirmed",
        "At Keystone Mutual a new claim took three days to reach the right adjuster, because "
        "the data needed for triage lived in four systems loaded on different schedules. We "
        "consolidated claims, policy and third-party data in Polaris, with the documents in "
        "Polaris Lakehouse, and rebuilt triage on top. Claims are now routed the same day, and "
        "isolating the triage workload cut our compute spend by 38%. We will walk through the "
        "data model and the workload design.",
        case_study="same-day-claims-triage",
    ),
    _submission(
        "cobalt-query-tags",
        "Kelly",
        "Tagging every query: chargeback for 60 teams",
        "case-study",
        "governance",
        "accepted",
        "Cobalt Payments charges each product team for its share of the data platform. That "
        "only works if every query carries an owner. We enforce query tags from dbt, the BI "
        "tool, notebooks and service accounts, reject untagged queries in production, and "
        "publish a daily cost per team. This talk shows the enforcement points, the exceptions "
        "we had to allow, and how the conversation with teams changed once they saw their own "
        "numbers.",
    ),
    _submission(
        "panel-migration",
        "Hughes",
        "Panel: what we wish we had known before migrating",
        "panel",
        "architecture",
        "confirmed",
        "Four members who moved their warehouses to Polaris in the last three years compare "
        "notes: a telco, a bank, a rail freight operator and an insurer. How long did it "
        "really take, what did they underestimate, which legacy habits followed them into the "
        "cloud, and what would they tell a team starting next month? Bring your questions; "
        "half the session is open to the floor.",
        co=("Navarro", "Visser", "Romano"),
        level="beginner",
    ),
    _submission(
        "aurelia-cdc",
        "Conti",
        "Change data capture from a 30-year-old policy system",
        "case-study",
        "pipelines",
        "confirmed",
        "Aurelia's policy administration system is older than most of our data team, and "
        "nobody may touch its database. We stream its changes from the database log into "
        "Polaris Streams, rebuild policy history as slowly changing dimensions, and reconcile "
        "nightly against the system's own extracts. The talk covers log-based CDC on tables "
        "without primary keys, ordering guarantees, and what we do when the log is truncated.",
        level="advanced",
    ),
    _submission(
        "telvia-features",
        "Fernández",
        "Feature store or just tables? ML features in the warehouse",
        "case-study",
        "analytics",
        "confirmed",
        "Telvia's churn, upsell and network-planning models share about 400 features. We "
        "evaluated three feature stores and ended up keeping features as versioned tables in "
        "Polaris, read point-in-time by ML Studio. This talk explains what a feature store "
        "would have given us, what we built instead in about 300 lines of SQL and Python, and "
        "how we avoid training-serving skew without a separate online store.",
    ),
    _submission(
        "nordhavn-rls",
        "Holm",
        "Row-level security for 9,000 branch managers",
        "case-study",
        "governance",
        "accepted",
        "Every branch manager at Nordhavn Bank may see the customers of their own branch and "
        "nobody else's. We implemented this with row access policies driven by the HR "
        "hierarchy rather than hand-maintained lists, and kept dashboard queries fast. We will "
        "show the policy design, the performance pitfalls we hit with large mapping tables, "
        "and how auditors test that it works.",
    ),
    _submission(
        "telvia-bi",
        "Ruiz",
        "BI at scale: 4,000 dashboard users and one semantic layer",
        "case-study",
        "analytics",
        "confirmed",
        "Telvia has 4,000 people opening dashboards every Monday morning. Before our semantic "
        "layer, each of the three BI tools in use defined revenue its own way, and the "
        "warehouse answered the same question 4,000 times. We introduced one semantic layer "
        "with cached aggregates on Polaris; Monday peak compute halved and the 'which number is "
        "right' meetings stopped. This talk covers the metric definitions, the caching "
        "strategy and the migration of 900 dashboards.",
    ),
    _submission(
        "lumiere-meters",
        "Garnier",
        "Smart-meter readings at 30-minute resolution",
        "case-study",
        "architecture",
        "confirmed",
        "Lumière Énergie reads 2.1 million smart meters every half hour: 35 billion readings a "
        "year. Raw readings land in Polaris Lakehouse as open tables; curated daily and monthly "
        "aggregates live in Polaris Warehouse. Analysts query both with one SQL dialect. We "
        "share our partitioning scheme, how we handle meter replacements and estimated "
        "readings, and why storage per terabyte costs us 60% less than on our previous "
        "platform.",
        co=("Moreau",),
        case_study="smart-meter-data",
    ),
    _submission(
        "hollandia-testing",
        "Mulder",
        "Testing data pipelines like software",
        "case-study",
        "pipelines",
        "confirmed",
        "Hollandia Rail Cargo's planners used to notice broken data before our monitoring did. "
        "We now run unit tests on transformation logic with small fixtures, contract tests at "
        "every source, and data-diff checks in CI before anything reaches production. This "
        "talk is a practical tour of our test pyramid for SQL pipelines, with the failures each "
        "layer caught in the last year and the ones that still got through.",
        level="beginner",
    ),
    # Day 2
    _submission(
        "keystone-keynote",
        "Whitman",
        "Ten years of data at Keystone Mutual: what lasted and what we threw away",
        "keynote",
        "architecture",
        "confirmed",
        "In ten years Keystone Mutual's data platform went from a single reporting database to "
        "an on-premises warehouse, a Hadoop cluster, and finally Polaris. This keynote looks "
        "back at which decisions aged well (a conformed customer dimension, a data quality "
        "budget, hiring analysts into engineering teams) and which did not (building our own "
        "scheduler, a lake without owners). A candid look at the parts of data architecture "
        "that outlive their technology.",
        level="beginner",
    ),
    _submission(
        "castellano-mesh",
        "Navarro",
        "Data mesh in a bank, two years in",
        "case-study",
        "governance",
        "confirmed",
        "Banco Castellano reorganised its data platform around twelve business domains two "
        "years ago. Some domains now publish well-documented data products that others reuse; "
        "some publish nothing. This talk is an honest progress report: what a domain team "
        "needs before it can own data, the platform services that made ownership cheap, the "
        "governance we kept central, and the metrics we use to see whether the mesh works.",
        level="advanced",
    ),
    _submission(
        "skarlet-exactly-once",
        "Lindberg",
        "Exactly-once ingestion from Kafka into Polaris Streams",
        "case-study",
        "pipelines",
        "confirmed",
        "Skarlet Media counts every play of every programme for royalty payments, so a "
        "duplicated or lost event costs money. We describe how we ingest 300,000 events per "
        "second from Kafka into Polaris Streams with idempotent writes, how we detect gaps, and "
        "what 'exactly once' really means end to end when producers retry. Includes the "
        "monitoring queries we run every five minutes.",
        level="advanced",
    ),
    _submission(
        "ostara-pricing",
        "Schulz",
        "Dynamic pricing with Polaris ML Studio",
        "case-study",
        "analytics",
        "confirmed",
        "Ostara Fashion marks down 30,000 products at the end of every season. We replaced "
        "rule-based markdowns with price-elasticity models trained in ML Studio on three years "
        "of sales, stock and weather data. Markdown costs fell 9% and models now retrain daily "
        "instead of weekly. We cover feature engineering for sparse fashion sales, how buyers "
        "overrule the model, and the guardrails that keep prices sensible.",
        case_study="dynamic-pricing",
    ),
    _submission(
        "harvest-bi-merger",
        "Alvarez",
        "From 300 reports to 30: rationalising BI after a merger",
        "case-study",
        "analytics",
        "accepted",
        "When Harvest & Co. merged with a regional grocer, we inherited a second BI estate of "
        "300 reports, many answering the same question differently. Query history in Polaris "
        "told us which reports anyone actually opened. We retired 90% of them, rebuilt the rest "
        "on shared models, and kept the business on side. This talk is about the process, the "
        "politics and the query history that made the case.",
        level="beginner",
    ),
    _submission(
        "kestrel-eta",
        "Vogel",
        "Real-time ETAs for 12,000 trucks",
        "case-study",
        "pipelines",
        "confirmed",
        "Kestrel Freight's customers want to know when their delivery arrives, not when it was "
        "planned to. We combine GPS pings from 12,000 trucks, traffic feeds and depot schedules "
        "in Polaris Streams and predict arrival times with a model served from ML Studio. ETA "
        "error dropped from 47 to 12 minutes at the 90th percentile. We describe the streaming "
        "joins, the model, and how we keep it honest when a truck's GPS goes quiet.",
        co=("Becker",),
        case_study="real-time-eta",
    ),
    _submission(
        "meridian-phi",
        "Chen",
        "Masking PHI without breaking analysts",
        "case-study",
        "governance",
        "confirmed",
        "Protected health information at Meridian is tagged, masked and audited in Polaris "
        "Governance, yet analysts still join across patients and hospitals every day. We show "
        "how tag-based masking policies, tokenised patient keys and purpose-based roles let "
        "analysts work on de-identified data by default and request re-identification with an "
        "audit trail. Access reviews that took six weeks now take three days.",
        case_study="hipaa-ready-analytics",
    ),
    _submission(
        "brightwave-streams-lab",
        "Fletcher",
        "Hands-on: streaming ingestion with Polaris Streams in 90 minutes",
        "hands-on-lab",
        "pipelines",
        "confirmed",
        "Build a streaming pipeline end to end: create a stream from a sample Kafka topic of "
        "network events, transform it with streaming SQL, land it in a clustered table, and "
        "put an alert on late data. Brightwave's streaming team runs the lab and shares the "
        "configuration they use in production. You need a laptop and a browser; we provide "
        "the trial accounts.",
        co=("Patel",),
        outline="1. A stream from a Kafka topic\n"
        "2. Streaming SQL: filters, windows, joins to reference data\n"
        "3. Landing in a clustered table\n"
        "4. Alerting on late and missing data",
    ),
    _submission(
        "helvion-delete",
        "Maes",
        "Our warehouse bill fell 30% when we deleted things",
        "lightning-talk",
        "governance",
        "confirmed",
        "Helvion Pharma kept every table ever created, just in case. A clean-up of unused "
        "tables, stale clones and generous time-travel settings cut our storage and compute "
        "bill by 30% in a month. Ten minutes on how we found what nobody used and how we got "
        "permission to delete it.",
        level="beginner",
    ),
    _submission(
        "skarlet-grants-yaml",
        "Nyström",
        "One YAML file for all our Polaris grants",
        "lightning-talk",
        "governance",
        "confirmed",
        "Skarlet Media manages every role, grant and masking policy in a single reviewed YAML "
        "file applied by CI. Ten minutes on the format, the drift check that runs nightly, and "
        "why our auditors now ask for a pull request link instead of screenshots.",
    ),
    _submission(
        "vanderlinde-query-tags",
        "van Dijk",
        "Query tags: the cheapest observability you will ever buy",
        "lightning-talk",
        "governance",
        "confirmed",
        "A query tag costs one line of configuration and tells you which dashboard, dbt model "
        "or notebook spent your money. Ten minutes on the tagging scheme Vanderlinde uses and "
        "the three questions it answered in its first week.",
        level="beginner",
    ),
    _submission(
        "keystone-antipatterns",
        "Tran",
        "Five SQL anti-patterns we found in 10,000 queries",
        "lightning-talk",
        "analytics",
        "accepted",
        "We sampled 10,000 expensive queries from our query history and sorted them by what "
        "went wrong. Five patterns explained most of the cost: accidental cross joins, SELECT * "
        "into BI extracts, functions on clustering keys, repeated subqueries and date filters "
        "that prune nothing. Ten minutes, five fixes.",
    ),
    _submission(
        "cobalt-fraud",
        "Murphy",
        "Fraud features in under a second",
        "case-study",
        "analytics",
        "confirmed",
        "Card fraud decisions at Cobalt Payments must be made in 150 milliseconds, but our best "
        "features (spend velocity, merchant risk, device history) were computed hourly in the "
        "warehouse. We moved them to Polaris Streams as materialised aggregates served to the "
        "scoring model. Feature freshness went from one hour to 800 milliseconds and fraud "
        "losses fell 23%. We explain the aggregation windows, the backfill strategy and how we "
        "test streaming features against their batch versions.",
        co=("Byrne",),
        level="advanced",
        case_study="fraud-features-streaming",
    ),
    _submission(
        "keystone-gov-as-code",
        "Hale",
        "Governance as code with Polaris Governance",
        "case-study",
        "governance",
        "confirmed",
        "Keystone Mutual keeps classification tags, masking policies and data owners in the "
        "same repository as the dbt models they protect. A change that adds a sensitive column "
        "fails CI until the column is classified. This talk shows the workflow, the policy "
        "tests, and the small set of conventions that made 40 engineers actually follow it.",
    ),
    _submission(
        "helvion-lakehouse",
        "Peeters",
        "Lakehouse or warehouse? We chose both",
        "case-study",
        "architecture",
        "confirmed",
        "Helvion Pharma's research data includes instrument files, images and genomics results "
        "next to classic tabular clinical data. We keep raw and semi-structured research data "
        "in Polaris Lakehouse as open tables and serve curated, validated data from Polaris "
        "Warehouse, with one catalogue over both. We explain where we draw the line, how we "
        "avoid copying data twice, and what our scientists think of it.",
    ),
    _submission(
        "panel-finops",
        "Serrano",
        "Panel: FinOps for data teams",
        "panel",
        "governance",
        "confirmed",
        "Cloud warehouses made capacity planning disappear and cost conversations appear. Four "
        "members compare how they budget, attribute and reduce their Polaris spend: a bank, a "
        "telco, a logistics company and a fashion retailer. What worked, what annoyed their "
        "engineers, and who should own the bill? Moderated, with plenty of time for questions.",
        co=("Price", "Becker", "Schmidt"),
        level="beginner",
    ),
    _submission(
        "skarlet-audience",
        "Johansson",
        "Audience data products at a streaming broadcaster",
        "case-study",
        "analytics",
        "confirmed",
        "Skarlet Media's editors, advertisers and rights team all want to know who watched "
        "what. We stopped building dashboards on request and started publishing three audience "
        "data products with owners, documentation and service levels. This talk covers how we "
        "chose the products, the contract each one offers, and how usage grew once people "
        "could find and trust them.",
        case_study="audience-data-products",
    ),
    _submission(
        "aurelia-procedures",
        "Bianchi",
        "Migrating 1,200 stored procedures without rewriting them by hand",
        "case-study",
        "architecture",
        "confirmed",
        "Aurelia's actuarial reporting lived in 1,200 stored procedures written over twenty "
        "years. We translated them automatically to Polaris SQL, grouped them by lineage into "
        "dbt models, and verified every output against the old system with data diffs. "
        "Automated translation handled 85%; the rest taught us where the business logic really "
        "was. We share the tooling, the verification approach and the timeline.",
        level="advanced",
    ),
    _submission(
        "hollandia-twin",
        "de Graaf",
        "Planning rail freight with a digital twin on Polaris",
        "case-study",
        "analytics",
        "accepted",
        "Hollandia Rail Cargo plans 1,400 freight trains a week across three countries. Our "
        "planners now test timetable changes against a simulation fed by two years of train "
        "movements, wagon loads and track works stored in Polaris. We explain the data model "
        "behind the twin, how the simulation reads from the warehouse, and the first planning "
        "decisions it changed.",
    ),
    _submission(
        "vanderlinde-semantic",
        "Jansen",
        "Semantic layer versioning: metrics meet Git",
        "case-study",
        "analytics",
        "confirmed",
        "Vanderlinde's metric definitions used to change silently when someone edited a "
        "dashboard. Now every metric is defined in code, versioned, reviewed and released like "
        "software, and dashboards declare which version they use. We show our release process, "
        "how we deprecate a metric without breaking 200 dashboards, and how finance signs off "
        "on definitions.",
    ),
    # Day 3
    _submission(
        "meridian-keynote",
        "Rahman",
        "Analytics that clinicians trust",
        "keynote",
        "analytics",
        "confirmed",
        "Dashboards do not change how hospitals work; clinicians who trust the numbers do. The "
        "director of clinical data at Meridian Health Partners tells how her team earned that "
        "trust across 40 hospitals: publishing data quality openly, pairing analysts with "
        "wards, and saying no to metrics that would have been gamed. A keynote about the human "
        "side of a data platform, with the platform in the background.",
        level="beginner",
    ),
    _submission(
        "kestrel-cutover",
        "Hoffmann",
        "Zero-downtime cutover: the last weekend of our migration",
        "case-study",
        "architecture",
        "confirmed",
        "After fourteen months of migration, Kestrel Freight moved its last 300 operational "
        "reports from the old on-premises warehouse to Polaris in one weekend, with depots "
        "working around the clock. We describe the runbook, the dual-write period, the rollback "
        "plan we never used, and the monitoring we watched at three in the morning: a detailed "
        "account of the final step other migration talks skip.",
        level="advanced",
        outline="1. Fourteen months in two slides\n"
        "2. The runbook and who held which step\n"
        "3. Dual writes and reconciliation\n"
        "4. Saturday night: what we watched\n"
        "5. Monday morning and the first incident",
    ),
    _submission(
        "lumiere-orchestration",
        "Moreau",
        "Orchestrating 3,000 daily jobs: Airflow, dbt and Polaris tasks",
        "case-study",
        "pipelines",
        "confirmed",
        "Lumière Énergie runs about 3,000 data jobs a day, from meter ingestion to regulatory "
        "submissions. We moved simple, warehouse-only dependencies into Polaris tasks, kept "
        "cross-system workflows in Airflow, and let dbt own transformations. This talk explains "
        "where we drew those lines, how we see one lineage across all three, and how on-call "
        "engineers find the failing job in under five minutes.",
    ),
    _submission(
        "helvion-gxp",
        "Claes",
        "Clinical trial data under GxP in a cloud warehouse",
        "case-study",
        "governance",
        "confirmed",
        "Regulators expect clinical trial data to be validated, audit-trailed and "
        "reproducible. We describe how Helvion Pharma qualified its Polaris environment for GxP "
        "use: validated deployment pipelines, immutable audit logs, time travel for "
        "reproducibility, and the documentation our quality team needed. Useful for anyone in "
        "a regulated industry who has been told the cloud cannot be validated.",
        level="advanced",
    ),
    _submission(
        "brightwave-c360",
        "Price",
        "Customer 360 without a customer 360 project",
        "case-study",
        "analytics",
        "confirmed",
        "Brightwave tried twice to build a single customer view as a big-bang project and "
        "failed twice. The third attempt was incremental: one shared customer key, then one use "
        "case at a time (churn, collections, network complaints), each adding the attributes it "
        "needed. Two years later the customer table has 180 documented attributes and 40 "
        "consumers. We share the key-matching approach and the governance that stopped it from "
        "sprawling.",
    ),
    _submission(
        "cobalt-scd",
        "Byrne",
        "Slowly changing dimensions at streaming speed",
        "case-study",
        "pipelines",
        "confirmed",
        "Merchant and card attributes at Cobalt Payments change thousands of times an hour, and "
        "fraud analysts need to know what a record looked like at the moment of each "
        "transaction. We maintain type-2 history from a change stream in Polaris Streams, with "
        "merges every minute rather than every night. We cover the merge logic, out-of-order "
        "changes, and keeping point-in-time joins fast.",
        level="advanced",
    ),
    _submission(
        "nordhavn-access",
        "Kristensen",
        "Who may see what: access reviews in a bank",
        "case-study",
        "governance",
        "withdrawn",
        "Regulators expect Nordhavn Bank to show, at any moment, who can see which customer "
        "data and why. Quarterly access reviews used to take a team of five six weeks. We now "
        "generate review packs from Polaris access history and grants, route them to data "
        "owners, and revoke unused access automatically after 90 days. This talk shows the "
        "queries, the workflow and the auditors' feedback.",
        withdrawn_from="released",
        decision_note="Withdrawn at the speaker's request: she cannot travel on the last day.",
    ),
    _submission(
        "telvia-ml-lab",
        "Fernández",
        "Hands-on: your first model in Polaris ML Studio",
        "hands-on-lab",
        "analytics",
        "confirmed",
        "In 90 minutes, train, evaluate and deploy a churn model on a sample telecom dataset "
        "without leaving Polaris. We cover feature preparation in SQL, training and comparing "
        "models in ML Studio, batch scoring into a table, and monitoring drift. Aimed at "
        "analysts and engineers who know SQL but have not trained a model before. Laptops "
        "required; accounts provided.",
        co=("Schulz",),
        level="beginner",
    ),
    _submission(
        "vanderlinde-query-history",
        "Bakker",
        "What 18 months of query history taught us about our data model",
        "case-study",
        "analytics",
        "confirmed",
        "Query history is a record of what people actually ask of your data. We mined 18 "
        "months of it at Vanderlinde to find tables nobody joined, columns everyone derived the "
        "same way, and joins that should have been modelled once. The result was a smaller, "
        "faster model and 30% fewer support tickets. We share the queries and the heuristics.",
        level="advanced",
    ),
    _submission(
        "ostara-lake",
        "Schmidt",
        "Retiring the data lake we built in 2016",
        "case-study",
        "architecture",
        "confirmed",
        "Ostara Fashion's 2016 data lake held 800 TB, of which we could vouch for about a "
        "tenth. Retiring it took a year: inventorying what was used, moving the living parts to "
        "Polaris Lakehouse, and archiving the rest with a deletion date. We explain how we "
        "found owners, what we did with datasets nobody claimed, and the costs we removed.",
    ),
    _submission(
        "panel-future",
        "Johansson",
        "Closing panel: the next five years of the data warehouse",
        "panel",
        "architecture",
        "confirmed",
        "Open table formats, streaming everywhere, assistants writing SQL, tighter regulation: "
        "what will a member's data platform look like in five years? Four data leaders from "
        "media, retail, insurance and energy argue about what will change and what will not, "
        "and take questions from the floor.",
        co=("de Vries", "Whitman", "Laurent"),
        level="beginner",
    ),
    # Rejected
    _submission(
        "kestrel-journey",
        "Becker",
        "Our journey to the cloud",
        "case-study",
        "architecture",
        "rejected",
        "Kestrel Freight moved to the cloud. In this talk we share our journey, the challenges "
        "we faced and the lessons we learned along the way, and give an overview of our "
        "current architecture and next steps.",
        level="beginner",
        decision_note="Thank you for proposing. The committee preferred the more specific "
        "cutover talk from your colleague; this abstract did not say what was learned.",
    ),
    _submission(
        "skarlet-benchmark",
        "Lindberg",
        "Polaris against three other warehouses: our benchmark",
        "case-study",
        "architecture",
        "rejected",
        "We ran TPC-DS at 1 TB on Polaris and three competing cloud warehouses and compare "
        "runtimes and cost per query for each of the 99 queries.",
        level="advanced",
        decision_note="Vendor comparisons are out of scope for the summit, and several "
        "warehouses' terms forbid publishing benchmark results.",
    ),
    _submission(
        "hollandia-day-in-life",
        "Visser",
        "A day in the life of a data team",
        "case-study",
        "analytics",
        "rejected",
        "What does a data team at a rail freight operator actually do all day? We walk "
        "through a typical day from the morning stand-up to the evening batch.",
        level="beginner",
        decision_note="A charming idea, but the committee looks for talks with a technical "
        "result members can reuse.",
    ),
    _submission(
        "cobalt-kubernetes",
        "Kelly",
        "Kubernetes operators for everything",
        "case-study",
        "pipelines",
        "rejected",
        "How Cobalt Payments' platform team wraps every piece of infrastructure in a "
        "Kubernetes operator, from message queues to certificate rotation.",
        level="advanced",
        decision_note="Interesting, but not about using Polaris; try a platform engineering "
        "conference.",
    ),
    _submission(
        "brightwave-exec-dashboards",
        "Price",
        "Real-time dashboards for the executive floor",
        "lightning-talk",
        "analytics",
        "rejected",
        "The screens on Brightwave's executive floor now refresh every minute from Polaris. "
        "Ten minutes on how we built them.",
        level="beginner",
        decision_note="Too thin for the lightning slot; we accepted your customer 360 talk.",
    ),
    _submission(
        "lumiere-failed-mesh",
        "Garnier",
        "Lessons from a data mesh that failed",
        "case-study",
        "governance",
        "rejected",
        "Our first attempt at a data mesh at Lumière Énergie stalled after nine months. We "
        "describe the domain boundaries we chose, why teams did not take ownership, and what "
        "we are trying now.",
        decision_note="A valuable story, but the program already has a data mesh progress "
        "report and only one slot for the topic. Please propose it again next year.",
    ),
    _submission(
        "meridian-fhir",
        "Morrison",
        "A primer on FHIR for data engineers",
        "case-study",
        "pipelines",
        "rejected",
        "FHIR is becoming the standard for exchanging health data. This talk introduces its "
        "resources, bundles and search parameters for data engineers who need to load FHIR "
        "data into a warehouse.",
        level="beginner",
        decision_note="More a tutorial on a standard than a member's experience; your "
        "data contracts talk is in.",
    ),
    _submission(
        "ostara-excel",
        "Wagner",
        "Excel is still our most popular BI tool",
        "lightning-talk",
        "analytics",
        "rejected",
        "Despite three BI tools, most analysis at Ostara still ends in a spreadsheet. Ten "
        "minutes on why, and on the live connection we built to make it safer.",
        decision_note="The committee had more lightning proposals than slots this year.",
    ),
    # Still under review (the waiting list)
    _submission(
        "harvest-cost-anomalies",
        "Park",
        "Cost anomaly alerts from Polaris usage views",
        "lightning-talk",
        "governance",
        "submitted",
        "A nightly query over Polaris usage views compares each team's spend with its own "
        "trailing four weeks and posts anomalies to chat. Ten minutes on the query, the "
        "thresholds and the false alarms we tuned away.",
        level="beginner",
    ),
    _submission(
        "vanderlinde-supplier-shares",
        "de Vries",
        "Sharing data with 300 suppliers through Polaris data shares",
        "case-study",
        "architecture",
        "submitted",
        "Vanderlinde used to send its suppliers weekly CSV files of sales and stock. Now 300 "
        "suppliers read governed, supplier-specific views through Polaris data shares, updated "
        "hourly. We cover the share design, row-level filtering per supplier, and how we "
        "onboarded suppliers who had never used a warehouse.",
    ),
    _submission(
        "telvia-geo",
        "Morales",
        "Mapping coverage complaints with geospatial SQL",
        "case-study",
        "analytics",
        "submitted",
        "Customer complaints about mobile coverage arrive as free text with a postcode. We "
        "geocode them, join them to cell-site coverage polygons with geospatial SQL in Polaris, "
        "and send the network team a weekly map of where complaints and measured coverage "
        "disagree.",
    ),
    # Drafts never submitted
    _submission(
        "vanderlinde-loyalty",
        "de Vries",
        "Loyalty analytics for six million cardholders",
        "case-study",
        "analytics",
        "draft",
        "How Vanderlinde segments six million loyalty cardholders every night and what the "
        "category managers do with it.",
    ),
    _submission(
        "keystone-incidents",
        "Okafor",
        "Blameless incident reviews for data pipelines",
        "case-study",
        "pipelines",
        "draft",
        "We borrowed the incident review from site reliability engineering and applied it to "
        "broken dashboards and late loads.",
    ),
    _submission(
        "keystone-onboarding",
        "Tran",
        "Onboarding analysts in a week",
        "lightning-talk",
        "analytics",
        "draft",
        "A checklist, a sandbox and a first pull request on day two.",
        level="beginner",
    ),
    # Withdrawn by their speakers before the schedule was released
    _submission(
        "helvion-terraform",
        "Claes",
        "Managing Polaris with Terraform",
        "case-study",
        "governance",
        "withdrawn",
        "Every warehouse, role and compute pool at Helvion Pharma is declared in Terraform.",
        withdrawn_from="draft",
        decision_note="Merged into my GxP talk instead.",
    ),
    _submission(
        "harvest-dashboard-tests",
        "Brooks",
        "Snapshot testing for BI dashboards",
        "lightning-talk",
        "analytics",
        "withdrawn",
        "We render every dashboard's queries against a fixed snapshot in CI and fail the "
        "build when a number changes unexpectedly. Ten minutes on the setup and the bugs it "
        "caught.",
        withdrawn_from="submitted",
        decision_note="Withdrawn: I would rather prepare the dbt talk and the lab properly.",
    ),
    _submission(
        "brightwave-caching",
        "Hughes",
        "Cutting dashboard latency with result caching",
        "case-study",
        "analytics",
        "withdrawn",
        "Brightwave's Monday-morning dashboards hit the warehouse with the same 200 queries. "
        "We describe the result-caching layer we are building and the latency we expect.",
        withdrawn_from="accepted",
        decision_note="Withdrawn: the caching project was postponed, so there is nothing to "
        "report yet.",
    ),
    # Accepted late, after version 1.1: not placed yet, left for the organizer to drag onto
    # the grid in the agenda builder.
    _submission(
        "nordhavn-stress-tests",
        "Dahl",
        "Stress tests overnight: the bank's capital model on elastic compute",
        "case-study",
        "architecture",
        "confirmed",
        "Nordhavn Bank's supervisor asks for forty stress scenarios every quarter. The capital "
        "model used to run for three days on a reserved cluster; it now runs overnight on "
        "compute that exists only for those hours. How we sized it, what it costs per "
        "scenario, and the reconciliation that convinced the risk committee.",
        co=("Kristensen",),
    ),
    _submission(
        "meridian-consent",
        "Delgado",
        "Patient consent as data: one table every query has to join",
        "case-study",
        "governance",
        "accepted",
        "Meridian Health keeps each patient's consent as rows, not as a flag, and row access "
        "policies make every query honour it. What the model looks like, how research teams "
        "get pseudonymised extracts, and the audit questions it answers in seconds.",
    ),
    _submission(
        "castellano-forecast",
        "Ortega",
        "Forecasting store traffic with models next to the data",
        "case-study",
        "analytics",
        "confirmed",
        "Castellano trains its store-traffic forecasts where the data lives, on a schedule, "
        "and serves them to the staffing planner as a table. Feature freshness, the cost of a "
        "training run, and why we stopped exporting to a separate ML platform.",
    ),
    _submission(
        "vanderlinde-lightning-tags",
        "de Vries",
        "Ten minutes on naming warehouses so the bill explains itself",
        "lightning-talk",
        "governance",
        "accepted",
        "One naming rule for compute clusters turned our monthly bill from a puzzle into a "
        "report by team. The rule, the check that enforces it, and what it changed.",
    ),
    _submission(
        "brightwave-lightning-sla",
        "Price",
        "Ten minutes on freshness SLAs that people read",
        "lightning-talk",
        "pipelines",
        "confirmed",
        "Every Brightwave table shows when it was last loaded and when it should have been. "
        "Why a single freshness column beat three monitoring tools.",
    ),
    _submission(
        "kestrel-lab-orchestration",
        "Becker",
        "Lab: from cron to event-driven loads in ninety minutes",
        "hands-on-lab",
        "pipelines",
        "accepted",
        "Bring a laptop: we take a nightly cron-driven load and rebuild it step by step as "
        "event-driven ingestion with retries, alerting and a backfill you can trust.",
        level="beginner",
    ),
    _submission(
        "panel-skills",
        "Okafor",
        "Panel: the data team we will hire next year",
        "panel",
        "analytics",
        "confirmed",
        "Four members' heads of data on the skills they are hiring for, the roles they stopped "
        "hiring for, and how they train analysts into analytics engineers.",
        co=("Schulz", "Lindberg", "Mulder"),
    ),
    _submission(
        "hollandia-cdc-ports",
        "Visser",
        "Change data capture from forty port terminals",
        "case-study",
        "pipelines",
        "accepted",
        "Hollandia Logistics streams changes from forty terminal operating systems, each with "
        "its own database, into one model of every container's whereabouts. What broke first, "
        "and the lag we now promise our customers.",
        level="advanced",
    ),
)


@dataclass(frozen=True)
class Talk:
    """A submission placed in a room; it lasts as long as its format."""

    start: str
    room: str
    submission: str


@dataclass(frozen=True)
class Block:
    """A session without a submission: a vendor keynote, a break, a meal, the social."""

    start: str
    end: str
    room: str | None
    kind: str
    title: str
    description: str = ""


def _coffee(start: str, end: str) -> Block:
    return Block(start, end, None, "break", "Coffee break", "Coffee, tea and fruit in the foyer.")


def _lunch() -> Block:
    return Block(
        "12:30",
        "13:30",
        None,
        "meal",
        "Lunch",
        "Lunch is served in the foyer and on the river "
        "terrace; vegetarian and vegan dishes at every counter.",
    )


# One list per conference day, in the conference's timezone. Room keys are those of ROOMS;
# a block without a room takes the whole venue.
PROGRAM = (
    (
        Block(
            "08:00",
            "09:00",
            None,
            "meal",
            "Registration and breakfast",
            "Collect your badge at the main entrance; breakfast in the foyer.",
        ),
        Block(
            "09:00",
            "09:45",
            "A",
            "keynote",
            "Opening keynote: a year of Polaris, and the next one",
            "The Polaris product and engineering leads on what shipped this year, what members "
            "asked for, and the roadmap for the next twelve months.",
        ),
        Talk("10:00", "A", "nordhavn-appliance"),
        Talk("10:00", "B", "harvest-dbt-monorepo"),
        Talk("10:00", "C", "castellano-isolation"),
        _coffee("10:30", "11:00"),
        Talk("11:00", "A", "vanderlinde-replenishment"),
        Talk("11:00", "B", "brightwave-events"),
        Talk("11:00", "C", "meridian-contracts"),
        Talk("11:00", "L", "ostara-dbt-lab"),
        Talk("11:40", "A", "keystone-claims"),
        Talk("11:40", "D", "cobalt-query-tags"),
        _lunch(),
        Talk("13:30", "A", "panel-migration"),
        Talk("13:30", "B", "aurelia-cdc"),
        Talk("13:30", "C", "telvia-features"),
        Talk("14:00", "E", "nordhavn-rls"),
        _coffee("14:30", "15:00"),
        Talk("15:00", "A", "telvia-bi"),
        Talk("15:00", "B", "lumiere-meters"),
        Talk("15:00", "C", "hollandia-testing"),
    ),
    (
        Talk("09:00", "A", "keystone-keynote"),
        Talk("10:00", "A", "castellano-mesh"),
        Talk("10:00", "B", "skarlet-exactly-once"),
        Talk("10:00", "C", "ostara-pricing"),
        _coffee("10:30", "11:00"),
        Talk("11:00", "A", "harvest-bi-merger"),
        Talk("11:00", "B", "kestrel-eta"),
        Talk("11:00", "C", "meridian-phi"),
        Talk("11:00", "L", "brightwave-streams-lab"),
        Talk("11:40", "A", "helvion-delete"),
        Talk("11:50", "A", "skarlet-grants-yaml"),
        Talk("12:00", "A", "vanderlinde-query-tags"),
        Talk("12:10", "A", "keystone-antipatterns"),
        _lunch(),
        Talk("13:30", "A", "cobalt-fraud"),
        Talk("13:30", "B", "keystone-gov-as-code"),
        Talk("13:30", "C", "helvion-lakehouse"),
        Talk("14:00", "B", "panel-finops"),
        Talk("14:10", "A", "skarlet-audience"),
        Talk("14:10", "C", "aurelia-procedures"),
        _coffee("15:00", "15:30"),
        Talk("15:30", "A", "hollandia-twin"),
        Talk("15:30", "E", "vanderlinde-semantic"),
        Block(
            "19:00",
            "23:00",
            None,
            "social",
            "Summit social: canal cruise and dinner",
            "Boats leave from the quay in front of the venue at 19:00 for dinner at De "
            "Houtloods on the western docks. Bring your badge.",
        ),
    ),
    (
        Talk("09:00", "A", "meridian-keynote"),
        Talk("10:00", "A", "kestrel-cutover"),
        Talk("10:00", "B", "lumiere-orchestration"),
        Talk("10:00", "C", "helvion-gxp"),
        _coffee("10:30", "11:00"),
        Talk("11:00", "A", "brightwave-c360"),
        Talk("11:00", "B", "cobalt-scd"),
        Talk("11:00", "C", "nordhavn-access"),
        Talk("11:00", "L", "telvia-ml-lab"),
        Talk("11:40", "A", "vanderlinde-query-history"),
        Talk("11:40", "D", "ostara-lake"),
        _lunch(),
        Talk("13:30", "A", "panel-future"),
        Block(
            "14:30",
            "14:45",
            "A",
            "other",
            "Closing remarks and next year's dates",
            "The program committee's thanks, the talks members rated highest, and where we "
            "meet next year.",
        ),
    ),
)

RELEASE_NOTES = {
    "1.0": "The full programme for all three days. Times are Amsterdam time.",
    "1.1": "'Tagging every query' moves to the larger IJ Hall after many attendees starred it. "
    "'Who may see what: access reviews in a bank' is cancelled at the speaker's request.",
}
# Changes made to the working copy between releases 1.0 and 1.1.
MOVED_IN_1_1 = ("cobalt-query-tags", "C")
CANCELLED_IN_1_1 = "nordhavn-access"

# Registrations besides the organizer (staff pass) and the scheduled speakers (speaker passes).
REGISTRATIONS = (
    ("Brunner", "member"),
    ("Østergaard", "member"),
    ("Virtanen", "member"),
    ("Evans", "member"),
    ("Smit", "member"),
    ("Krüger", "member"),
    ("Dahl", "member"),
    ("Delgado", "member"),
    ("Ortega", "member"),
    ("Keller", "paid"),
    ("Turner", "paid"),
    ("Nowak", "paid"),
    ("O'Connor", "paid"),
    ("Haugen", "paid"),
)
# What the demo attendee starred: submission keys, or titles of blocks. It includes a clash
# and the session cancelled in 1.1.
ATTENDEE_STARS = (
    "Opening keynote: a year of Polaris, and the next one",
    "nordhavn-appliance",
    "meridian-contracts",
    "brightwave-events",  # at the same time as the one above: My agenda marks the clash
    "cobalt-query-tags",
    "panel-migration",
    "keystone-keynote",
    "meridian-phi",
    "panel-finops",
    "Summit social: canal cruise and dinner",
    "meridian-keynote",
    "helvion-gxp",
    "nordhavn-access",
    "panel-future",
)

# Proposals already submitted to next year's summit (its call for papers is open).
NEXT_SUBMISSIONS = (
    _submission(
        "next-streams-year-two",
        "Patel",
        "Year two of Polaris Streams: running four billion events a day unattended",
        "case-study",
        "pipelines",
        "submitted",
        "Last year we moved our network events to Polaris Streams. This year we stopped "
        "watching them: automatic backfills, schema changes without pages at night, and an "
        "on-call rota that went from weekly incidents to two in twelve months. We show the "
        "runbooks we deleted and the three alerts we kept.",
        outline="1. Where we were a year ago\n2. Self-healing backfills\n"
        "3. Schema changes without downtime\n4. The alerts we kept",
    ),
    _submission(
        "next-hospital-ml",
        "Morrison",
        "Bed-occupancy forecasts next to the data",
        "case-study",
        "analytics",
        "submitted",
        "Forty hospitals now plan beds with a forecast that is trained and served inside "
        "Polaris. We cover feature tables, retraining every night in under ten minutes, and "
        "how clinicians learned to trust a number that is sometimes wrong.",
        level="advanced",
    ),
    _submission(
        "next-nordhavn-audit",
        "Holm",
        "Passing the supervisor's audit with lineage we already had",
        "case-study",
        "governance",
        "submitted",
        "The bank's supervisor asked where every figure in a regulatory report comes from. "
        "We answered from Polaris lineage and access history in two weeks instead of the "
        "three months it took last time.",
    ),
    _submission(
        "next-dbt-lab",
        "Wagner",
        "Hands-on: unit tests for dbt models",
        "hands-on-lab",
        "pipelines",
        "submitted",
        "Bring a laptop: we write unit tests for incremental models, run them in CI against "
        "zero-copy clones, and look at what they catch that data tests do not.",
        level="beginner",
    ),
)


# The group's news channel: (days ago, slug, title, body).
ANNOUNCEMENTS = (
    (
        3,
        "agenda-1-1-released",
        "Agenda 1.1 is out",
        "Version 1.1 of the summit agenda moves the hands-on Streams lab to the larger Harbour "
        "Hall and removes one withdrawn session. Subscribed calendars update by themselves.",
    ),
    (
        24,
        "case-study-library-open",
        "The case-study library is open",
        "Member companies can now write up what they built with Polaris and submit it for the "
        "library. Search it by results, such as “nightly load”, or filter by industry and "
        "product. Ask your primary contact to add you if you cannot write one yet.",
    ),
    (
        65,
        "call-for-papers-open",
        "The call for papers is open",
        "Tell the other members what you built, what it cost and what it changed. Proposals "
        "with measurable results and a named product are the ones the committee picks first.",
    ),
)
