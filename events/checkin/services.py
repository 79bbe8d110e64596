"""Check-in writes: a person's arrival on a conference day and their presence at a session,
each recorded once however often (or at however many doors at once) the badge is scanned."""

import datetime
import uuid
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.checkin.selectors import person_company, person_name, registration_by_code
from events.models import CheckIn, Conference, Registration, SessionAttendance, Slot
from events.schedule.selectors import schedule_latest_release


@dataclass(frozen=True)
class Scan:
    """What the person at the door sees after a scan: who it is, and whether this scan
    recorded them or they were recorded before (`at` is then the first time)."""

    registration: Registration
    at: datetime.datetime
    already: bool
    day: datetime.date | None = None
    slot: Slot | None = None

    @property
    def name(self) -> str:
        return person_name(self.registration.user)

    @property
    def company(self) -> str:
        return person_company(self.registration.user)

    @property
    def pass_label(self) -> str:
        return self.registration.get_pass_type_display()


def _registration(conference: Conference, code: str) -> Registration:
    registration = registration_by_code(conference=conference, code=code)
    if registration is None:
        raise ValidationError(
            {
                "code": ValidationError(
                    f"This is not a valid check-in code for {conference.name}.",
                    code="invalid_code",
                )
            }
        )
    return registration


def checkin_record(
    *, conference: Conference, code: str, by: User | None, now: datetime.datetime | None = None
) -> Scan:
    """Check in the person whose badge carries `code`, for today in the conference's
    timezone.

    Idempotent: a second scan on the same day records nothing and answers when the first
    was (`already`), also when two doors scan the badge at once (the unique constraint
    decides, and the loser reads the winner's row). Refuses a forged code, one of another
    conference's registration (code `invalid_code`) and a day outside the conference
    (`not_a_conference_day`). Writes at most one row; sends nothing.
    """
    now = now or timezone.now()
    registration = _registration(conference, code)
    day = timezone.localtime(now, conference.tz).date()
    if not conference.starts_on <= day <= conference.ends_on:
        raise ValidationError(
            {
                "code": ValidationError(
                    f"Check-in is open on the days of {conference.name} only "
                    f"({conference.starts_on:%d %b} to {conference.ends_on:%d %b %Y}).",
                    code="not_a_conference_day",
                )
            }
        )
    record, created = CheckIn.objects.get_or_create(
        registration=registration, day=day, defaults={"at": now, "by": by}
    )
    return Scan(registration=registration, at=record.at, already=not created, day=day)


def session_slot(*, conference: Conference, slot_uid: uuid.UUID | str) -> Slot:
    """The session of the latest release with this uid; refuses an unknown or cancelled one
    (code `unknown_session`)."""
    release = schedule_latest_release(conference=conference)
    slot = None
    if release is not None:
        try:
            slot = (
                Slot.objects.select_related("room", "submission")
                .filter(schedule=release, uid=slot_uid, cancelled=False)
                .first()
            )
        except ValidationError:  # not a uuid
            slot = None
    if slot is None or slot.submission_id is None:
        raise ValidationError(
            {
                "session": ValidationError(
                    "There is no such session in the agenda.", code="unknown_session"
                )
            }
        )
    return slot


def session_attendance_record(
    *,
    conference: Conference,
    code: str,
    slot_uid: uuid.UUID | str,
    by: User | None,
    now: datetime.datetime | None = None,
) -> Scan:
    """Record that the person whose badge carries `code` is at the session, by the session's
    stable uid (as stars are kept). Idempotent like `checkin_record`; refuses a forged or
    foreign code (`invalid_code`) and a session that is not in the latest release or is
    cancelled (`unknown_session`). Writes at most one row; sends nothing.
    """
    now = now or timezone.now()
    slot = session_slot(conference=conference, slot_uid=slot_uid)
    registration = _registration(conference, code)
    record, created = SessionAttendance.objects.get_or_create(
        registration=registration, slot_uid=slot.uid, defaults={"at": now, "by": by}
    )
    return Scan(registration=registration, at=record.at, already=not created, slot=slot)
