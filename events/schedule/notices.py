"""Schedule-change notices: when a release moves, changes or cancels sessions, each attendee
who starred one of them gets one digest e-mail of what changed for them, and each speaker of
one gets theirs.

Attendees' digests are optional mail (MailKind.SCHEDULE): people who turned schedule changes
off are left out, and the mail carries the one-click unsubscribe headers. Speakers' digests
are transactional, like the decision on their talk: a speaker must learn that their own
session moved, so they cannot turn it off. A speaker who also starred other changed sessions
gets both mails, each listing only its own sessions.

Each digest's outbox key names the release, the role and the person, so a release queues at
most one digest per person and role, however often this runs. The recipients and their
sessions are read in a fixed number of queries, whatever the number of sessions and stars.
"""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import User
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from events.models import AgendaItem, Conference, Schedule, Slot, SubmissionSpeaker
from members.models import MailKind
from members.selectors import mail_recipients
from members.services.mail import Mail, absolute, mail_build, mail_queue

if TYPE_CHECKING:
    from events.schedule.services import SessionChange

# The changes attendees and speakers hear of; a new session concerns no one yet.
NOTIFIED_CHANGES = ("moved", "changed", "cancelled")
# Where each person's own part goes in a digest rendered once per role.
NAME_MARK = "\x00name\x00"
CHANGES_MARK = "\x00changes\x00"


@dataclass
class NoticeRecipients:
    """Who is told of a release's changes: by user id, the person and the uids of their
    changed sessions, in the release's order."""

    attendees: dict[int, tuple[User, list[uuid.UUID]]] = field(default_factory=dict)
    speakers: dict[int, tuple[User, list[uuid.UUID]]] = field(default_factory=dict)


def _person(user_id: int, email: str, first_name: str, last_name: str) -> User:
    # Enough of the account for a mail (address, name, id for the unsubscribe link),
    # without loading thousands of full rows.
    return User(pk=user_id, email=email, first_name=first_name, last_name=last_name)


def schedule_change_recipients(
    *, conference: Conference, changes: Sequence["SessionChange"]
) -> NoticeRecipients:
    """The attendees (who starred a moved, changed or cancelled session and did not turn
    schedule-change mail off) and the speakers (of such a session's talk, active accounts
    with an address) to tell, each with their sessions. Three queries at most, whatever the
    number of sessions and stars; none when nothing concerns anyone."""
    notified = [change for change in changes if change.change in NOTIFIED_CHANGES]
    recipients = NoticeRecipients()
    if not notified:
        return recipients
    order = {change.uid: index for index, change in enumerate(notified)}
    # Two plain reads, filtered here: with the opt-outs as a subquery and the changed uids as
    # an IN list, SQLite probed the stars' (registration, uid) index once per registration
    # and uid (8,000 x 600 in the bench) and took over 20 s.
    wanted = set(
        mail_recipients(
            kind=MailKind.SCHEDULE,
            users=User.objects.filter(registrations__conference_id=conference.pk),
        ).values_list("pk", flat=True)
    )
    stars = (
        AgendaItem.objects.filter(registration__conference_id=conference.pk)
        .values_list(
            "registration__user_id",
            "registration__user__email",
            "registration__user__first_name",
            "registration__user__last_name",
            "slot_uid",
        )
        .order_by("registration__user_id")
    )
    for user_id, email, first_name, last_name, slot_uid in stars.iterator(chunk_size=5000):
        if user_id not in wanted or slot_uid not in order:
            continue
        entry = recipients.attendees.get(user_id)
        if entry is None:
            entry = recipients.attendees[user_id] = (
                _person(user_id, email, first_name, last_name),
                [],
            )
        entry[1].append(slot_uid)

    by_submission: dict[int, list[uuid.UUID]] = defaultdict(list)
    for change in notified:
        if change.slot.submission_id is not None:
            by_submission[change.slot.submission_id].append(change.uid)
    if by_submission:
        speakers = (
            SubmissionSpeaker.objects.filter(
                submission_id__in=list(by_submission),
                member__user__in=mail_recipients(kind=MailKind.TRANSACTIONAL),
            )
            .values_list(
                "member__user_id",
                "member__user__email",
                "member__user__first_name",
                "member__user__last_name",
                "submission_id",
            )
            .order_by("member__user_id")
        )
        for user_id, email, first_name, last_name, submission_id in speakers:
            entry = recipients.speakers.get(user_id)
            if entry is None:
                entry = recipients.speakers[user_id] = (
                    _person(user_id, email, first_name, last_name),
                    [],
                )
            entry[1].extend(by_submission[submission_id])
    for _user, uids in (*recipients.attendees.values(), *recipients.speakers.values()):
        uids.sort(key=order.__getitem__)
    return recipients


def _when(slot: Slot, conference: Conference) -> str:
    start = timezone.localtime(slot.start, conference.tz)
    end = timezone.localtime(slot.end, conference.tz)
    room = slot.room.name if slot.room is not None else "whole venue"
    return f"{start:%a %d %b %H:%M}–{end:%H:%M}, {room}"  # noqa: RUF001 - a time range's en dash


def _describe(change: "SessionChange", conference: Conference) -> str:
    """One session's change as the digest shows it, in the conference's timezone."""
    slot = change.slot
    before = change.before
    lines: list[str] = []
    if change.change == "moved" and before is not None:
        lines = [f"was: {_when(before, conference)}", f"now: {_when(slot, conference)}"]
    elif change.change == "changed" and before is not None:
        if before.display_title != slot.display_title:
            lines.append(f"was titled: {before.display_title}")
        lines.append(f"when: {_when(slot, conference)} (unchanged)")
        lines.append("Its details changed; see the session's page.")
    elif change.change == "cancelled":
        lines = [f"was: {_when(slot, conference)}"]
    if change.change != "cancelled":
        lines.append(absolute(reverse("events:session", args=[conference.slug, change.uid])))
    return "\n".join(
        [f"{change.change.capitalize()}: {slot.display_title}"] + [f"  {line}" for line in lines]
    )


def schedule_change_mails(*, release: Schedule, changes: Sequence["SessionChange"]) -> list[Mail]:
    """The digests of a release: one per attendee and one per speaker concerned, each
    listing only that person's sessions. Reads as `schedule_change_recipients`; writes
    nothing.

    The template (events/email/schedule_changes.txt) is rendered once per role, around a
    marker where each person's name and sessions go: with thousands of recipients,
    rendering it per person would cost more than everything else together."""
    conference = release.conference
    recipients = schedule_change_recipients(conference=conference, changes=changes)
    described = {
        change.uid: _describe(change, conference)
        for change in changes
        if change.change in NOTIFIED_CHANGES
    }
    context = {
        "site_name": settings.SITE_NAME,
        "conference": conference.name,
        "version": release.version,
        "timezone": conference.timezone,
        "note": release.note,
        "schedule_url": absolute(reverse("events:schedule", args=[conference.slug])),
        "agenda_url": absolute(reverse("events:agenda", args=[conference.slug])),
        "submissions_url": absolute(reverse("events:my_submissions")),
        "name": NAME_MARK,
        "changes": CHANGES_MARK,
    }
    subject = get_template("events/email/schedule_changes_subject.txt").render(context)
    body = get_template("events/email/schedule_changes.txt")
    mails = []
    for role, people, kind in (
        ("attendee", recipients.attendees, MailKind.SCHEDULE),
        ("speaker", recipients.speakers, MailKind.TRANSACTIONAL),
    ):
        if not people:
            continue
        # Each layout in three parts, around the name and the sessions: a person's text is
        # joined in, never searched, so nothing they typed can act as a marker.
        layouts = {}
        for plural in (False, True):
            text = body.render({**context, "role": role, "plural": plural})
            opening, rest = text.split(NAME_MARK, 1)
            middle, closing = rest.split(CHANGES_MARK, 1)
            layouts[plural] = (opening, middle, closing)
        for user_id, (user, uids) in people.items():
            opening, middle, closing = layouts[len(uids) > 1]
            text = "".join(
                (
                    opening,
                    user.get_full_name() or "there",
                    middle,
                    "\n\n".join(described[uid] for uid in uids),
                    closing,
                )
            )
            mails.append(
                mail_build(
                    key=f"schedule-changes:{release.pk}:{role}:{user_id}",
                    to=user.email,
                    subject=subject,
                    body=text,
                    kind=kind,
                    user=user,
                )
            )
    return mails


def schedule_change_notify(*, release: Schedule, changes: Sequence["SessionChange"]) -> int:
    """Queue the release's digests in the outbox (members.services.mail), in the caller's
    transaction; they are sent once it commits. Queuing again queues nothing twice.
    Returns how many digests are in the outbox for the release."""
    return len(mail_queue(mails=schedule_change_mails(release=release, changes=changes)))
