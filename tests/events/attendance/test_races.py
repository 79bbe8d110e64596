"""Many attendees taking the last seats of a session at the same instant
(events/attendance/services.py: signup_join, signup_leave), on real concurrent connections;
PostgreSQL only, as SQLite's in-memory test database cannot hold two writers at once."""

import threading

import pytest
from django.db import connection

from events.attendance.services import signup_join, signup_leave
from events.models import Registration, SessionSignup
from tests.factories import RegistrationFactory, RoomFactory, ScheduleFactory, SlotFactory

pytestmark = pytest.mark.django_db


def run_at_once(*jobs) -> list:
    """Run each job in its own thread and connection, released together by a barrier."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = job()
        except Exception as error:  # the test asserts on what each job raised, IntegrityError too
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def lab_with_attendees(*, cap: int, count: int):
    release = ScheduleFactory(released=True)
    room = RoomFactory(conference=release.conference, capacity=100)
    slot = SlotFactory(schedule=release, room=room, talk=True, signup_required=True, signup_cap=cap)
    people = [RegistrationFactory(conference=release.conference) for _ in range(count)]
    return slot, people


def join(registration: Registration, slot):
    return lambda: signup_join(registration=registration, slot_uid=slot.uid)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_signup_join_many_at_once_never_exceeds_the_cap():
    slot, people = lab_with_attendees(cap=3, count=8)

    outcomes = run_at_once(*(join(person, slot) for person in people))

    assert all(isinstance(outcome, SessionSignup) for outcome in outcomes), outcomes
    signups = SessionSignup.objects.filter(slot_uid=slot.uid)
    assert signups.filter(state=SessionSignup.State.CONFIRMED).count() == 3
    assert signups.filter(state=SessionSignup.State.WAITLISTED).count() == 5
    assert sorted(signups.values_list("position", flat=True)) == list(range(1, 9))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_signup_leave_and_joins_at_once_keep_the_cap():
    slot, people = lab_with_attendees(cap=2, count=7)
    seated = people[:2]
    for person in seated:
        signup_join(registration=person, slot_uid=slot.uid)

    outcomes = run_at_once(
        lambda: signup_leave(registration=seated[0], slot_uid=slot.uid),
        *(join(person, slot) for person in people[2:]),
    )

    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    signups = SessionSignup.objects.filter(slot_uid=slot.uid)
    assert signups.filter(state=SessionSignup.State.CONFIRMED).count() == 2
    assert signups.filter(state=SessionSignup.State.WAITLISTED).count() == 4
