"""Seed this year's attendees: the organizer (staff pass), the scheduled speakers (speaker
passes) and a few more people register, and star sessions of the latest release. The demo
attendee last looked at release 1.0, so the site shows them what 1.1 changed.
"""

from django.contrib.auth.base_user import AbstractBaseUser

from demo.data.accounts import LOGINS
from demo.data.attendees import ATTENDEE_STARS, REGISTRATIONS
from demo.data.submissions import SUBMISSIONS
from events.models import AgendaItem, Conference, Registration, Schedule, Submission
from members.models import Member


def attendees_register(
    *,
    conference: Conference,
    first_release: Schedule,
    release: Schedule,
    submissions: dict[str, Submission],
    scheduled: list[str],
    people: dict[str, Member],
    organizer: AbstractBaseUser,
) -> tuple[int, int]:
    """Register everyone and star their sessions in `release`, the latest; `scheduled` are
    the keys of the submissions placed in it. Returns the registrations and stars made."""
    released = list(release.slots.active())
    uid_by_submission = {slot.submission_id: slot.uid for slot in released}
    uid_by_title = {slot.title: slot.uid for slot in released if slot.title}
    # The cancelled session stays in the release; whoever starred it keeps it.
    uid_by_submission.update(
        {
            slot.submission_id: slot.uid
            for slot in release.slots.filter(cancelled=True, submission__isnull=False)
        }
    )

    passes: dict[int, str] = {organizer.pk: Registration.PassType.STAFF}
    for entry in SUBMISSIONS:
        if entry["key"] in scheduled:
            for last in (entry["speaker"], *entry["co"]):
                passes[people[last].user_id] = Registration.PassType.SPEAKER
    for last, pass_type in REGISTRATIONS:
        passes.setdefault(people[last].user_id, pass_type)
    registrations = {
        user_id: Registration(conference=conference, user_id=user_id, pass_type=kind)
        for user_id, kind in passes.items()
    }
    attendee = people[LOGINS[3][3]].user_id
    registrations[attendee].last_seen_release = first_release
    Registration.objects.bulk_create(registrations.values())

    items = [
        AgendaItem(
            registration=registrations[attendee],
            slot_uid=uid_by_submission[submissions[star].pk]
            if star in submissions
            else uid_by_title[star],
        )
        for star in ATTENDEE_STARS
    ]
    # Every other registered person in turn stars a few talks.
    talks = [uid_by_submission[submissions[key].pk] for key in scheduled]
    for position, (user_id, registration) in enumerate(registrations.items()):
        if user_id == attendee or position % 2:
            continue
        picks = {talks[(position * 7 + step * 11) % len(talks)] for step in range(4)}
        items += [AgendaItem(registration=registration, slot_uid=uid) for uid in picks]
    AgendaItem.objects.bulk_create(items)
    return len(registrations), len(items)
