"""This year's summit: where and when it is held, its rooms, tracks and session formats,
and the texts the site shows for it."""

CONFERENCE_SLUG = "polaris-users-summit"
CONFERENCE_TIMEZONE = "Europe/Amsterdam"

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
