"""Seed this year's attendees once release 1.0 is out: the organizer, the scheduled speakers
and a few more people register (`registration_create`, which decides each pass), and star
sessions (`agenda_star`), and sign up for the hands-on labs (`signup_join`), filling one
so that its last two wait. The demo attendee has seen release 1.0
(`registration_see_release`), so the site shows them what 1.1 changes.
"""

import datetime

from django.contrib.auth.models import User

from demo.data.accounts import LOGINS
from demo.data.attendees import ATTENDEE_STARS, LAB_SIGNUPS, REGISTRATIONS
from demo.data.submissions import SUBMISSIONS
from demo.seed.common import SeedError
from events.attendance.services import (
    agenda_star,
    registration_create,
    registration_see_release,
    signup_join,
)
from events.models import Conference, Registration, Schedule, Submission
from members.models import Member


def _expected_passes(
    *, organizer: User, people: dict[str, Member], scheduled: set[str]
) -> dict[User, str]:
    """Who registers, in order, with the pass the demo expects each to get."""
    passes: dict[User, str] = {organizer: Registration.PassType.STAFF}
    for entry in SUBMISSIONS:
        if entry["key"] in scheduled:
            for last in (entry["speaker"], *entry["co"]):
                passes[people[last].user] = Registration.PassType.SPEAKER
    for last, pass_type in REGISTRATIONS:
        passes.setdefault(people[last].user, pass_type)
    return passes


def attendees_register(
    *,
    conference: Conference,
    release: Schedule,
    submissions: dict[str, Submission],
    scheduled: list[str],
    people: dict[str, Member],
    organizer: User,
    now: datetime.datetime,
) -> tuple[int, int]:
    """Register everyone and star their sessions in `release`, the latest; `scheduled` are
    the keys of the submissions placed in it. Returns the registrations and stars made."""
    registrations: dict[int, Registration] = {}
    for user, expected in _expected_passes(
        organizer=organizer, people=people, scheduled=set(scheduled)
    ).items():
        registration = registration_create(conference=conference, user=user, now=now)
        if registration.pass_type != expected:
            raise SeedError(
                f"Demo data error: {user.get_username()} got a {registration.pass_type} pass, "
                f"not the {expected} pass the demo expects."
            )
        registrations[user.pk] = registration

    slots = list(release.slots.active())
    uid_by_submission = {slot.submission_id: slot.uid for slot in slots}
    uid_by_title = {slot.title: slot.uid for slot in slots if slot.title}
    attendee = registrations[people[LOGINS[3][3]].user_id]
    stars = [
        (attendee, uid_by_submission[submissions[star].pk])
        if star in submissions
        else (attendee, uid_by_title[star])
        for star in ATTENDEE_STARS
    ]
    # Every other registered person in turn stars a few talks.
    talks = [uid_by_submission[submissions[key].pk] for key in scheduled]
    for position, registration in enumerate(registrations.values()):
        if registration is attendee or position % 2:
            continue
        picks = {talks[(position * 7 + step * 11) % len(talks)] for step in range(4)}
        stars += [(registration, uid) for uid in picks]
    for registration, uid in stars:
        agenda_star(registration=registration, slot_uid=uid, now=now)
    for key, names in LAB_SIGNUPS.items():
        for last in names:
            signup_join(
                registration=registrations[people[last].user_id],
                slot_uid=uid_by_submission[submissions[key].pk],
                now=now,
            )
    registration_see_release(registration=attendee, release=release)
    return len(registrations), len(stars)
