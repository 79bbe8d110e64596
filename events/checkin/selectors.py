"""Reads for check-in: the registration a badge's code names, the day counts at the door,
a session's attendance, and the badges' data for the renderer."""

import datetime
import uuid
from collections.abc import Iterator

from django.db.models import Count

from events.checkin.codes import checkin_code, checkin_code_matches, checkin_code_registration_id
from events.exports.badges import BadgeData
from events.models import CheckIn, Conference, Registration, SessionAttendance

BADGE_CHUNK = 500


def registration_by_code(*, conference: Conference, code: str) -> Registration | None:
    """The conference's registration whose badge carries this code, with its person and
    company; None for a forged code, one of another conference, or one that is not a code.
    One query (none for input that cannot be a code)."""
    registration_id = checkin_code_registration_id(code)
    if registration_id is None:
        return None
    registration = (
        Registration.objects.select_related("user__member__company")
        .filter(conference=conference, pk=registration_id)
        .first()
    )
    if registration is None or not checkin_code_matches(
        code, registration_id=registration.pk, user_id=registration.user_id
    ):
        return None
    return registration


def registration_checkin_code(registration: Registration) -> str:
    return checkin_code(registration_id=registration.pk, user_id=registration.user_id)


def person_name(user) -> str:
    return user.get_full_name() or user.get_username()


def person_company(user) -> str:
    member = getattr(user, "member", None)
    company = member.company if member is not None else None
    return company.name if company is not None else ""


def checkin_day_counts(*, conference: Conference) -> list[tuple[datetime.date, int]]:
    """Each day of the conference with how many people have checked in on it. One query."""
    counts = dict(
        CheckIn.objects.filter(registration__conference=conference)
        .values_list("day")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return [(day, counts.get(day, 0)) for day in conference.days]


def session_attendance_count(*, conference: Conference, slot_uid: uuid.UUID) -> int:
    """How many people were recorded at the session. One query."""
    return SessionAttendance.objects.filter(
        registration__conference=conference, slot_uid=slot_uid
    ).count()


def badge_data(registration: Registration) -> BadgeData:
    """One registration's badge, from a registration loaded with its person and company."""
    user = registration.user
    return BadgeData(
        name=person_name(user),
        company=person_company(user),
        pass_label=registration.get_pass_type_display(),
        code=registration_checkin_code(registration),
        pass_type=registration.pass_type,
    )


def conference_badges(*, conference: Conference) -> Iterator[BadgeData]:
    """Every registration's badge, sorted by family name, read in chunks of BADGE_CHUNK rows
    from one query (a server-side cursor on PostgreSQL), so 8,000 badges never sit in
    memory at once."""
    pass_labels = dict(Registration.PassType.choices)
    rows = (
        Registration.objects.filter(conference=conference)
        .order_by("user__last_name", "user__first_name", "pk")
        .values_list(
            "pk",
            "user_id",
            "user__username",
            "user__first_name",
            "user__last_name",
            "user__member__company__name",
            "pass_type",
        )
        .iterator(chunk_size=BADGE_CHUNK)
    )
    for pk, user_id, username, first, last, company, pass_type in rows:
        yield BadgeData(
            name=f"{first} {last}".strip() or username,
            company=company or "",
            pass_label=pass_labels.get(pass_type, pass_type),
            code=checkin_code(registration_id=pk, user_id=user_id),
            pass_type=pass_type,
        )


def checkin_sessions(*, release) -> list[tuple[uuid.UUID, str]]:
    """The talks of a release that attendance can be taken at, as (uid, label) in time order,
    the label with the day, time and room in the conference's timezone. One query."""
    if release is None:
        return []
    tz = release.conference.tz
    rows = (
        release.slots.filter(submission__isnull=False, cancelled=False)
        .order_by("start", "room__order", "pk")
        .values_list("uid", "start", "submission__title", "room__name")
    )
    return [
        (uid, f"{start.astimezone(tz):%a %H:%M} · {room or 'no room'} · {title}")
        for uid, start, title, room in rows
    ]
