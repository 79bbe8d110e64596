"""The released agenda of this year's summit, and what changed between its releases."""

from dataclasses import dataclass


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


# One list per conference day, in the conference's timezone. Room keys are those of
# `demo.data.conference.ROOMS`; a block without a room takes the whole venue.
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
# The hands-on labs attendees sign up for, with their caps (None: the room's capacity).
SIGNUP_LABS = {
    "ostara-dbt-lab": 12,
    "brightwave-streams-lab": 4,
    "telvia-ml-lab": None,
}

# Changes made to the working copy between releases 1.0 and 1.1.
MOVED_IN_1_1 = ("cobalt-query-tags", "C")
CANCELLED_IN_1_1 = "nordhavn-access"
