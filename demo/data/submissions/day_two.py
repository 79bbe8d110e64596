"""The proposals on the second day's agenda."""

from demo.data.submissions.entry import Proposal, proposal

PROPOSALS: tuple[Proposal, ...] = (
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
)
