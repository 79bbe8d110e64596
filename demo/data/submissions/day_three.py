"""The proposals on the third day's agenda."""

from demo.data.submissions.entry import Proposal, proposal

PROPOSALS: tuple[Proposal, ...] = (
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
)
