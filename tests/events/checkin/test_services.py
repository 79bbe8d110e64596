"""Checking badges in at the door and at sessions (events/checkin/services.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events.checkin.selectors import checkin_day_counts, registration_checkin_code
from events.checkin.services import checkin_record, session_attendance_record
from events.models import CheckIn, SessionAttendance
from tests.factories import RegistrationFactory, SlotFactory

pytestmark = pytest.mark.django_db


def refusal_code(refused: pytest.ExceptionInfo) -> str:
    """The code of a refusal that names its field (the API reports it under that field)."""
    [(_, [error])] = refused.value.error_dict.items()
    return error.code


def test_checkin_record_checks_the_person_in_for_the_day(door):
    scan = checkin_record(
        conference=door.conference, code=door.code, by=door.staff, now=door.at(9, 12)
    )

    record = CheckIn.objects.get()
    assert (scan.already, scan.name, record.day, record.by) == (
        False,
        "Ada Lovelace",
        datetime.date(2030, 6, 10),
        door.staff,
    )


def test_checkin_record_a_second_scan_answers_the_first_time_without_a_second_record(door):
    checkin_record(conference=door.conference, code=door.code, by=door.staff, now=door.at(9, 12))

    again = checkin_record(
        conference=door.conference, code=door.code, by=door.organizer, now=door.at(10, 30)
    )

    assert again.already
    assert again.at == door.at(9, 12)
    assert CheckIn.objects.count() == 1


def test_checkin_record_on_the_next_day_is_a_new_check_in(door):
    checkin_record(conference=door.conference, code=door.code, by=door.staff, now=door.at(9))

    next_day = checkin_record(
        conference=door.conference, code=door.code, by=door.staff, now=door.at(9, day=1)
    )

    assert not next_day.already
    assert checkin_day_counts(conference=door.conference) == [
        (datetime.date(2030, 6, 10), 1),
        (datetime.date(2030, 6, 11), 1),
    ]


def test_checkin_record_refuses_a_forged_code_and_writes_nothing(door):
    forged = door.code[:-1] + ("2" if door.code[-1] != "2" else "3")

    with pytest.raises(ValidationError) as refused:
        checkin_record(conference=door.conference, code=forged, by=door.staff, now=door.at(9))

    assert refusal_code(refused) == "invalid_code"
    assert CheckIn.objects.count() == 0


def test_checkin_record_refuses_a_code_of_another_conference(door):
    elsewhere = RegistrationFactory()

    with pytest.raises(ValidationError) as refused:
        checkin_record(
            conference=door.conference,
            code=registration_checkin_code(elsewhere),
            by=door.staff,
            now=door.at(9),
        )

    assert refusal_code(refused) == "invalid_code"


def test_checkin_record_refuses_the_old_code_of_a_registration_given_to_someone_else(door):
    old_code = door.code
    other = RegistrationFactory().user
    door.registration.user = other
    door.registration.save(update_fields=["user"])

    with pytest.raises(ValidationError) as refused:
        checkin_record(conference=door.conference, code=old_code, by=door.staff, now=door.at(9))

    assert refusal_code(refused) == "invalid_code"


def test_checkin_record_refuses_a_day_outside_the_conference(door):
    with pytest.raises(ValidationError) as refused:
        checkin_record(
            conference=door.conference, code=door.code, by=door.staff, now=door.at(9, day=-1)
        )

    assert refusal_code(refused) == "not_a_conference_day"
    assert CheckIn.objects.count() == 0


def test_session_attendance_record_is_recorded_once(door):
    first = session_attendance_record(
        conference=door.conference,
        code=door.code,
        slot_uid=door.talk.uid,
        by=door.staff,
        now=door.at(9, 5),
    )
    second = session_attendance_record(
        conference=door.conference,
        code=door.code,
        slot_uid=door.talk.uid,
        by=door.staff,
        now=door.at(9, 20),
    )

    assert (first.already, second.already, second.at) == (False, True, door.at(9, 5))
    assert SessionAttendance.objects.get().slot_uid == door.talk.uid


def test_session_attendance_record_refuses_a_cancelled_session(door):
    cancelled = SlotFactory(schedule=door.release, talk=True, cancelled=True)

    with pytest.raises(ValidationError) as refused:
        session_attendance_record(
            conference=door.conference, code=door.code, slot_uid=cancelled.uid, by=door.staff
        )

    assert refusal_code(refused) == "unknown_session"
    assert SessionAttendance.objects.count() == 0


def test_session_attendance_record_refuses_a_forged_code(door):
    with pytest.raises(ValidationError) as refused:
        session_attendance_record(
            conference=door.conference, code="1-AAAAA-AAAAA", slot_uid=door.talk.uid, by=None
        )

    assert refusal_code(refused) == "invalid_code"
