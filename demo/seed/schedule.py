"""Seed this year's agenda as the organizer builds it: talks placed in the working copy
(`slot_place`), breaks, meals, vendor keynotes and the social added as blocks
(`slot_block_create`), the hands-on labs set to need sign-up with a cap (`slot_save`), and
release 1.0 (`schedule_release`). Then the changes before 1.1:
one talk moves to a bigger room (`slot_move`), one is withdrawn, and 1.1 is released.

Every slot passes the scheduling checks (no room or speaker in two places at once) and is
audited, as in the agenda builder.
"""

from django.contrib.auth.models import User

from demo.data.schedule import (
    CANCELLED_IN_1_1,
    MOVED_IN_1_1,
    PROGRAM,
    RELEASE_NOTES,
    SIGNUP_LABS,
    Talk,
)
from demo.data.submissions import SUBMISSIONS
from demo.seed.common import local_time
from demo.seed.conference import Summit
from events.cfp.services import submission_transition
from events.models import Schedule, Slot, Submission
from events.schedule.services import (
    schedule_release,
    schedule_working,
    slot_block_create,
    slot_move,
    slot_place,
    slot_save,
)


def schedule_build(
    *, summit: Summit, submissions: dict[str, Submission], organizer: User
) -> tuple[Schedule, dict[str, Slot]]:
    """Place the program in the working copy and release it as 1.0; returns the release and
    the talks' slots in the working copy by submission key."""
    conference = summit.conference
    working = schedule_working(conference=conference)
    talk_slots: dict[str, Slot] = {}
    for day, entries in zip(conference.days, PROGRAM, strict=True):
        for entry in entries:
            start = local_time(day, entry.start, conference.tz)
            if isinstance(entry, Talk):
                talk_slots[entry.submission] = slot_place(
                    schedule=working,
                    submission=submissions[entry.submission],
                    room=summit.rooms[entry.room],
                    start=start,
                    actor=organizer,
                )
            else:
                slot_block_create(
                    schedule=working,
                    kind=entry.kind,
                    title=entry.title,
                    start=start,
                    end=local_time(day, entry.end, conference.tz),
                    rooms=[summit.rooms[entry.room]] if entry.room else (),
                    description=entry.description,
                    actor=organizer,
                )
    for key, cap in SIGNUP_LABS.items():
        lab = talk_slots[key]
        lab.signup_required, lab.signup_cap = True, cap
        slot_save(slot=lab, actor=organizer)
    release = schedule_release(
        conference=conference, version="1.0", note=RELEASE_NOTES["1.0"], actor=organizer
    )
    return release, talk_slots


def schedule_revise(
    *,
    summit: Summit,
    submissions: dict[str, Submission],
    talk_slots: dict[str, Slot],
    organizer: User,
) -> Schedule:
    """After release 1.0 one session moves to a bigger room and one is withdrawn by the
    organizer (its speakers are told, as they would be); returns release 1.1."""
    key, room = MOVED_IN_1_1
    moved = talk_slots[key]
    slot_move(
        slot=moved, room=summit.rooms[room], start=moved.start, end=moved.end, actor=organizer
    )
    cancelled = next(entry for entry in SUBMISSIONS if entry["key"] == CANCELLED_IN_1_1)
    submission_transition(
        submission=submissions[cancelled["key"]],
        to_state=Submission.State.WITHDRAWN,
        actor=organizer,
        note=cancelled["decision_note"],
    )
    return schedule_release(
        conference=summit.conference, version="1.1", note=RELEASE_NOTES["1.1"], actor=organizer
    )
