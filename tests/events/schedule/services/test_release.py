"""Releasing the schedule (events/schedule/services.py: schedule_release,
slots_drop_for_submission): the released copy, its version and author, and the changelog
against the previous release — new, moved, changed and cancelled sessions with their
sequence numbers."""

import pytest
from django.core.exceptions import ValidationError

from events.cfp.services import submission_transition
from events.models import Schedule, Slot, Submission
from events.schedule.services import (
    schedule_release,
    schedule_working,
    slot_save,
    slots_drop_for_submission,
)
from tests.events.schedule.services.conftest import (
    ACCEPTED,
    CONFIRMED,
    JUNE_10,
    RELEASE_1,
    RELEASE_2,
    RELEASE_3,
    WITHDRAWN,
    accepted_talk,
    at,
    new_slot,
    place,
    uids,
)
from tests.factories import ConferenceFactory, RoomFactory

pytestmark = pytest.mark.django_db


# Releasing the schedule


@pytest.fixture
def agenda(conference, working, room, other_room) -> dict[str, Slot]:
    """A working copy with two talks and a lunch for the whole venue."""
    return {
        "keynote": place(
            working,
            room,
            at(conference, JUNE_10, 9),
            at(conference, JUNE_10, 10),
            submission=accepted_talk(conference, "Streaming at Orbit"),
        ),
        "lab": place(
            working,
            other_room,
            at(conference, JUNE_10, 9),
            at(conference, JUNE_10, 10, 30),
            submission=accepted_talk(conference, "Lakehouse lab", state=CONFIRMED),
        ),
        "lunch": place(
            working, None, at(conference, JUNE_10, 12), at(conference, JUNE_10, 13), title="Lunch"
        ),
    }


def released(release: Schedule, slot: Slot) -> Slot:
    return release.slots.get(uid=slot.uid)


def test_schedule_release_copies_working_slots_with_same_uids(conference, working, agenda):
    release = schedule_release(conference=conference, version="1.0", now=RELEASE_1)

    def fields(schedule):
        return sorted(
            schedule.slots.values_list(
                "uid", "kind", "room", "start", "end", "submission", "title", "cancelled"
            )
        )

    assert (fields(release), working.slots.count()) == (fields(working), 3)


def test_schedule_release_records_version_time_author_and_note(conference, agenda, organizer):
    release = schedule_release(
        conference=conference,
        version=" 1.0 ",
        note="First program.",
        actor=organizer,
        now=RELEASE_1,
    )

    release.refresh_from_db()
    assert (release.version, release.released_at, release.released_by, release.note) == (
        "1.0",
        RELEASE_1,
        organizer,
        "First program.",
    )


def test_schedule_release_first_lists_every_session_as_new(conference, agenda):
    release = schedule_release(conference=conference, version="1.0", now=RELEASE_1)

    keynote = agenda["keynote"]
    assert release.changelog["new"][0] == {
        "uid": str(keynote.uid),
        "title": "Streaming at Orbit",
        "start": "2030-06-10T09:00:00+02:00",
        "room": "Auditorium",
    }
    assert (
        uids(release.changelog["new"]),
        release.changelog["moved"],
        release.changelog["changed"],
        release.changelog["cancelled"],
    ) == (sorted(str(slot.uid) for slot in agenda.values()), [], [], [])


def test_schedule_release_first_starts_every_sequence_at_zero(conference, agenda):
    release = schedule_release(conference=conference, version="1.0", now=RELEASE_1)

    assert set(release.slots.values_list("sequence", "changed_in")) == {(0, release.pk)}


def test_schedule_release_without_changes_has_empty_changelog(conference, agenda):
    first = schedule_release(conference=conference, version="1.0", now=RELEASE_1)

    second = schedule_release(conference=conference, version="1.1", now=RELEASE_2)

    assert (
        second.changelog,
        set(second.slots.values_list("sequence", "changed_in", "cancelled")),
    ) == (
        {"new": [], "moved": [], "changed": [], "cancelled": []},
        {(0, first.pk, False)},
    )


def test_schedule_release_moved_in_time_raises_sequence(conference, agenda):
    first = schedule_release(conference=conference, version="1.0", now=RELEASE_1)
    keynote = agenda["keynote"]
    keynote.start, keynote.end = at(conference, JUNE_10, 10, 30), at(conference, JUNE_10, 11, 30)
    slot_save(slot=keynote)

    second = schedule_release(conference=conference, version="1.1", now=RELEASE_2)

    assert (
        second.changelog["moved"],
        second.changelog["changed"],
        second.changelog["new"],
        (released(second, keynote).sequence, released(second, keynote).changed_in),
        (released(second, agenda["lab"]).sequence, released(second, agenda["lab"]).changed_in),
    ) == (
        [
            {
                "uid": str(keynote.uid),
                "title": "Streaming at Orbit",
                "start": "2030-06-10T10:30:00+02:00",
                "room": "Auditorium",
            }
        ],
        [],
        [],
        (1, second),
        (0, first),
    )


def test_schedule_release_copies_signup_and_cap_without_raising_sequence(conference, agenda):
    schedule_release(conference=conference, version="1.0", now=RELEASE_1)
    lab = agenda["lab"]
    lab.signup_required, lab.signup_cap = True, 12
    slot_save(slot=lab)

    second = schedule_release(conference=conference, version="1.1", now=RELEASE_2)

    copy = released(second, lab)
    assert (copy.signup_required, copy.signup_cap, copy.sequence) == (True, 12, 0)
    assert (second.changelog["changed"], second.changelog["moved"]) == ([], [])


def test_schedule_release_moved_to_other_room_listed_as_moved(conference, agenda):
    schedule_release(conference=conference, version="1.0", now=RELEASE_1)
    lunch = agenda["lunch"]
    lunch.room = RoomFactory(conference=conference, name="Foyer")
    slot_save(slot=lunch)

    second = schedule_release(conference=conference, version="1.1", now=RELEASE_2)

    assert (uids(second.changelog["moved"]), released(second, lunch).sequence) == (
        [str(lunch.uid)],
        1,
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "Lunch and posters"), ("description", "Vegan options."), ("kind", Slot.Kind.MEAL)],
)
def test_schedule_release_changed_detail_listed_as_changed(conference, agenda, field, value):
    schedule_release(conference=conference, version="1.0", now=RELEASE_1)
    lunch = agenda["lunch"]
    setattr(lunch, field, value)
    slot_save(slot=lunch)

    second = schedule_release(conference=conference, version="1.1", now=RELEASE_2)

    assert (
        uids(second.changelog["changed"]),
        second.changelog["moved"],
        released(second, lunch).sequence,
        released(second, lunch).changed_in,
        getattr(released(second, lunch), field),
    ) == ([str(lunch.uid)], [], 1, second, value)


def test_schedule_release_changed_in_points_at_release_that_last_changed_it(conference, agenda):
    first = schedule_release(conference=conference, version="1", now=RELEASE_1)
    lunch = agenda["lunch"]
    lunch.title = "Lunch and posters"
    slot_save(slot=lunch)
    second = schedule_release(conference=conference, version="2", now=RELEASE_2)

    third = schedule_release(conference=conference, version="3", now=RELEASE_3)

    assert (
        (released(third, lunch).sequence, released(third, lunch).changed_in),
        (
            released(third, agenda["keynote"]).sequence,
            released(third, agenda["keynote"]).changed_in,
        ),
    ) == ((1, second), (0, first))


def test_schedule_release_removed_session_kept_as_cancelled(conference, agenda):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    lab = agenda["lab"]
    lab.delete()

    second = schedule_release(conference=conference, version="2", now=RELEASE_2)

    copy = released(second, lab)
    assert copy.submission is not None
    assert (
        uids(second.changelog["cancelled"]),
        (copy.cancelled, copy.sequence, copy.changed_in, copy.submission.title),
        second.slots.count(),
    ) == ([str(lab.uid)], (True, 1, second, "Lakehouse lab"), 3)


def test_schedule_release_cancelled_session_not_reported_again(conference, agenda):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    lab = agenda["lab"]
    lab.delete()
    second = schedule_release(conference=conference, version="2", now=RELEASE_2)

    third = schedule_release(conference=conference, version="3", now=RELEASE_3)

    copy = released(third, lab)
    assert (
        third.changelog["cancelled"],
        (copy.cancelled, copy.sequence, copy.changed_in),
    ) == ([], (True, 1, second))


def test_schedule_release_cancelled_working_slot_released_as_cancelled(conference, agenda):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    lunch = agenda["lunch"]
    lunch.cancelled = True
    lunch.save(update_fields=["cancelled"])

    second = schedule_release(conference=conference, version="2", now=RELEASE_2)

    assert (uids(second.changelog["cancelled"]), released(second, lunch).cancelled) == (
        [str(lunch.uid)],
        True,
    )


def test_schedule_release_withdrawn_talk_released_as_cancelled(conference, agenda, organizer):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    keynote = agenda["keynote"]
    submission_transition(submission=keynote.submission, to_state=WITHDRAWN, actor=organizer)

    second = schedule_release(conference=conference, version="2", now=RELEASE_2)

    copy = released(second, keynote)
    assert (
        [entry["title"] for entry in second.changelog["cancelled"]],
        (copy.cancelled, copy.sequence, copy.changed_in),
    ) == (["Streaming at Orbit"], (True, 1, second))


def test_slots_drop_for_submission_empties_working_copy_keeps_release(
    conference, agenda, organizer
):
    release = schedule_release(conference=conference, version="1", now=RELEASE_1)
    keynote = agenda["keynote"]

    dropped = slots_drop_for_submission(submission=keynote.submission)

    assert (
        dropped,
        Slot.objects.filter(schedule__version="", submission=keynote.submission).exists(),
        release.slots.filter(submission=keynote.submission).exists(),
    ) == (1, False, True)


def test_schedule_release_talk_withdrawn_before_first_release_left_out(
    conference, agenda, organizer
):
    keynote = agenda["keynote"]
    submission_transition(submission=keynote.submission, to_state=WITHDRAWN, actor=organizer)

    release = schedule_release(conference=conference, version="1", now=RELEASE_1)

    assert (
        release.slots.filter(uid=keynote.uid).exists(),
        release.changelog["cancelled"],
        len(release.changelog["new"]),
    ) == (False, [], 2)


@pytest.mark.parametrize(
    ("from_state", "to_state"), [(ACCEPTED, WITHDRAWN), (CONFIRMED, WITHDRAWN)]
)
def test_submission_transition_out_of_program_frees_working_slot(
    conference, working, room, agenda, organizer, from_state, to_state
):
    keynote = agenda["keynote"]
    Submission.objects.filter(pk=keynote.submission_id).update(state=from_state)
    replacement = Slot(
        schedule=working,
        room=room,
        start=keynote.start,
        end=keynote.end,
        submission=accepted_talk(conference, "Replacement"),
    )

    submission_transition(submission=keynote.submission, to_state=to_state, actor=organizer)
    slot_save(slot=replacement)

    assert (
        working.slots.filter(uid=keynote.uid).exists(),
        working.slots.filter(submission__title="Replacement").count(),
    ) == (False, 1)


def test_schedule_release_restored_session_listed_as_new_with_raised_sequence(conference, agenda):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    lunch = agenda["lunch"]
    lunch.cancelled = True
    lunch.save(update_fields=["cancelled"])
    schedule_release(conference=conference, version="2", now=RELEASE_2)
    lunch.cancelled = False
    lunch.save(update_fields=["cancelled"])

    third = schedule_release(conference=conference, version="3", now=RELEASE_3)

    copy = released(third, lunch)
    assert (
        uids(third.changelog["new"]),
        (copy.cancelled, copy.sequence, copy.changed_in),
    ) == ([str(lunch.uid)], (False, 2, third))


def test_schedule_release_new_session_after_first_release_listed_as_new(
    conference, working, agenda
):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    coffee = slot_save(
        slot=new_slot(
            working,
            None,
            at(conference, JUNE_10, 10, 30),
            at(conference, JUNE_10, 11),
            title="Coffee",
        )
    )

    second = schedule_release(conference=conference, version="2", now=RELEASE_2)

    assert (uids(second.changelog["new"]), released(second, coffee).sequence) == (
        [str(coffee.uid)],
        0,
    )


def test_schedule_release_compares_with_latest_release(conference, agenda):
    schedule_release(conference=conference, version="1", now=RELEASE_1)
    lunch = agenda["lunch"]
    lunch.title = "Lunch and posters"
    slot_save(slot=lunch)
    schedule_release(conference=conference, version="2", now=RELEASE_2)

    third = schedule_release(conference=conference, version="3", now=RELEASE_3)

    assert third.changelog["changed"] == []


def test_schedule_release_ignores_other_conferences_releases(conference, agenda):
    other = ConferenceFactory()
    schedule_working(conference=other)
    schedule_release(conference=other, version="1", now=RELEASE_1)

    release = schedule_release(conference=conference, version="1", now=RELEASE_2)

    assert len(release.changelog["new"]) == 3


def test_schedule_release_same_version_twice_refused(conference, agenda):
    schedule_release(conference=conference, version="1.0", now=RELEASE_1)

    with pytest.raises(ValidationError) as error:
        schedule_release(conference=conference, version=" 1.0", now=RELEASE_2)

    assert (error.value.message_dict, conference.schedules.released().count()) == (
        {"version": ["Version 1.0 has already been released."]},
        1,
    )


@pytest.mark.parametrize("version", ["", "   "])
def test_schedule_release_without_version_name_refused(conference, agenda, version):
    with pytest.raises(ValidationError) as error:
        schedule_release(conference=conference, version=version, now=RELEASE_1)

    assert (list(error.value.message_dict), conference.schedules.released().count()) == (
        ["version"],
        0,
    )


def test_schedule_release_without_working_copy_refused(conference):
    with pytest.raises(ValidationError) as error:
        schedule_release(conference=conference, version="1.0", now=RELEASE_1)

    assert (error.value.messages, Schedule.objects.filter(conference=conference).count()) == (
        ["There is no working schedule to release."],
        0,
    )


def test_schedule_release_version_name_too_long_refused(conference, agenda):
    with pytest.raises(ValidationError) as error:
        schedule_release(conference=conference, version="v" * 51, now=RELEASE_1)

    assert (list(error.value.message_dict), conference.schedules.released().count()) == (
        ["version"],
        0,
    )
