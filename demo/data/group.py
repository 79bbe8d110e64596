"""The users' group itself: its membership tiers, the vendor's products and the group's news."""

from decimal import Decimal
from typing import TypedDict


class Tier(TypedDict):
    """A membership tier; `key` names it in `demo.data.companies`."""

    key: str
    name: str
    annual_dues: Decimal
    seats: int
    conference_passes: int
    may_submit_talks: bool
    order: int


TIERS: tuple[Tier, ...] = (
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
