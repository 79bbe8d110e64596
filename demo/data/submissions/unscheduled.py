"""The proposals that are not on the released agenda: rejected, still under review,
never submitted, withdrawn before the release, and accepted too late for it."""

from demo.data.submissions.entry import Proposal, proposal

PROPOSALS: tuple[Proposal, ...] = (
    # Alternates: offered a place should a case study drop out
    proposal(
        "kestrel-depot-weekend",
        "Becker",
        "A weekend cutover of 300 freight depots",
        "case-study",
        "architecture",
        "alternate",
        "How Kestrel Freight moved 300 depots' dispatch data to Polaris over one weekend: "
        "the rehearsals, the rollback plan we never used, and Monday morning's numbers.",
        decision_note="A strong proposal; the program is full, so it is our first alternate "
        "for a case-study slot.",
    ),
    proposal(
        "skarlet-flat-spend",
        "Lindberg",
        "Keeping warehouse costs flat while usage tripled",
        "case-study",
        "analytics",
        "alternate",
        "Workload isolation, auto-suspend and query budgets at Skarlet: how spend stayed flat "
        "over a year in which the number of analysts tripled.",
        decision_note="Liked by the committee; an alternate for a case-study slot.",
    ),
    # Rejected
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
        "vanderlinde-loyalty",
        "de Vries",
        "Loyalty analytics for six million cardholders",
        "case-study",
        "analytics",
        "draft",
        "How Vanderlinde segments six million loyalty cardholders every night and what the "
        "category managers do with it.",
    ),
    proposal(
        "keystone-incidents",
        "Okafor",
        "Blameless incident reviews for data pipelines",
        "case-study",
        "pipelines",
        "draft",
        "We borrowed the incident review from site reliability engineering and applied it to "
        "broken dashboards and late loads.",
    ),
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
        "vanderlinde-lightning-tags",
        "de Vries",
        "Ten minutes on naming warehouses so the bill explains itself",
        "lightning-talk",
        "governance",
        "accepted",
        "One naming rule for compute clusters turned our monthly bill from a puzzle into a "
        "report by team. The rule, the check that enforces it, and what it changed.",
    ),
    proposal(
        "brightwave-lightning-sla",
        "Price",
        "Ten minutes on freshness SLAs that people read",
        "lightning-talk",
        "pipelines",
        "confirmed",
        "Every Brightwave table shows when it was last loaded and when it should have been. "
        "Why a single freshness column beat three monitoring tools.",
    ),
    proposal(
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
    proposal(
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
    proposal(
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
