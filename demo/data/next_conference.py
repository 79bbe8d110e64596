"""Next year's summit: its call for papers and the proposals already submitted to it."""

from demo.data.submissions.entry import Proposal, proposal

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

# Proposals already submitted to next year's summit (its call for papers is open).
NEXT_SUBMISSIONS: tuple[Proposal, ...] = (
    proposal(
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
    proposal(
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
    proposal(
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
    proposal(
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
