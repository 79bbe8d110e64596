"""The proposals on the first day's agenda."""

from demo.data.submissions.entry import Proposal, proposal

PROPOSALS: tuple[Proposal, ...] = (
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
)
