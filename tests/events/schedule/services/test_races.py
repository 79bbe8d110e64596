"""Two organizers saving at the same instant (events/schedule/services.py: slot_save,
slot_move), on real concurrent connections; PostgreSQL only."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from events.models import Slot, Submission
from events.schedule.services import schedule_working, slot_move, slot_save
from tests.factories import ConferenceFactory, RoomFactory, SubmissionFactory, local_datetime

pytestmark = pytest.mark.django_db


# Two organizers saving at the same instant, on real concurrent connections (PostgreSQL).
# SQLite's in-memory test database cannot hold two writers at once, so these run in the
# PostgreSQL pass of the suite; there the schedule row lock and the exclusion constraint
# are what keep the agenda consistent.


def run_at_once(*jobs) -> list:
    """Run each job in its own thread and connection, released together by a barrier."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except ValidationError as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_slot_save_two_overlapping_talks_at_once_exactly_one_wins():
    conference = ConferenceFactory(starts_on=datetime.date(2030, 6, 10))
    working = schedule_working(conference=conference)
    room = RoomFactory(conference=conference, name="Auditorium")
    talks = [
        SubmissionFactory(conference=conference, title=title, state=Submission.State.ACCEPTED)
        for title in ("Streaming at Orbit", "Lakehouse lab")
    ]

    def place(talk, hour, minute):
        def job():
            return slot_save(
                slot=Slot(
                    schedule=working,
                    room=room,
                    submission=talk,
                    start=local_datetime(conference, conference.starts_on, hour, minute),
                    end=local_datetime(conference, conference.starts_on, hour + 1, minute),
                )
            )

        return job

    outcomes = run_at_once(place(talks[0], 9, 0), place(talks[1], 9, 30))

    saved = [outcome for outcome in outcomes if isinstance(outcome, Slot)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert (len(saved), len(refused), working.slots.count()) == (1, 1, 1)
    assert refused[0].messages[0].startswith("Auditorium is taken from")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_slot_move_two_slots_into_one_place_at_once_exactly_one_wins():
    conference = ConferenceFactory(starts_on=datetime.date(2030, 6, 10))
    working = schedule_working(conference=conference)
    auditorium = RoomFactory(conference=conference, name="Auditorium")
    studio = RoomFactory(conference=conference, name="Studio")
    day = conference.starts_on
    slots = [
        slot_save(
            slot=Slot(
                schedule=working,
                room=room,
                kind=Slot.Kind.BREAK,
                title=title,
                start=local_datetime(conference, day, 9),
                end=local_datetime(conference, day, 10),
            )
        )
        for room, title in ((auditorium, "Coffee"), (studio, "Tea"))
    ]

    def move(slot, room):
        def job():
            return slot_move(
                slot=Slot.objects.get(pk=slot.pk),
                room=room,
                start=local_datetime(conference, day, 14),
                end=local_datetime(conference, day, 15),
                expected_updated_at=slot.updated_at,
            )

        return job

    # Both go to the Auditorium at 14:00; the Studio slot crosses rooms, the other stays put.
    outcomes = run_at_once(move(slots[0], auditorium), move(slots[1], auditorium))

    saved = [outcome for outcome in outcomes if isinstance(outcome, Slot)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert (len(saved), len(refused)) == (1, 1)
    assert (
        working.slots.filter(room=auditorium, start=local_datetime(conference, day, 14)).count()
        == 1
    )
    assert refused[0].messages[0].startswith("Auditorium is taken from 14:00 to 15:00")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_slot_move_same_slot_from_two_pages_at_once_one_refused_as_stale():
    conference = ConferenceFactory(starts_on=datetime.date(2030, 6, 10))
    working = schedule_working(conference=conference)
    room = RoomFactory(conference=conference, name="Auditorium")
    day = conference.starts_on
    slot = slot_save(
        slot=Slot(
            schedule=working,
            room=room,
            kind=Slot.Kind.BREAK,
            title="Coffee",
            start=local_datetime(conference, day, 9),
            end=local_datetime(conference, day, 10),
        )
    )
    read_at = slot.updated_at

    def move(hour):
        def job():
            return slot_move(
                slot=Slot.objects.get(pk=slot.pk),
                room=room,
                start=local_datetime(conference, day, hour),
                end=local_datetime(conference, day, hour + 1),
                expected_updated_at=read_at,
            )

        return job

    outcomes = run_at_once(move(11), move(15))

    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert (len(refused), [error.error_list[0].code for error in refused]) == (1, ["stale"])
    assert working.slots.get().start.hour in {9, 13}  # 11:00 or 15:00 in Amsterdam summer time
