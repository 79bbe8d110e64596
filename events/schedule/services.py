"""Writes to the agenda: the scheduling rule (`slot_check`), placing, moving, resizing and
unscheduling slots under a lock of the working copy, blocks, and releasing a version.

The agenda builder, the admin, the API and the call for papers call these functions, so the
rule lives here once.
"""

import datetime
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from audit.services import Action, audit_record
from events.attendance.services import signups_promote
from events.models import Conference, Room, Schedule, Slot, Submission, SubmissionSpeaker
from events.schedule.notices import schedule_change_notify, schedule_change_recipients
from webhooks.emit import EventType, WebhookEvent, webhook_emit, webhook_endpoints_count


def schedule_working(*, conference: Conference) -> Schedule:
    """The conference's working copy, created empty the first time it is asked for."""
    schedule, _ = Schedule.objects.get_or_create(conference=conference, version="")
    return schedule


def _local(moment: datetime.datetime, conference: Conference) -> str:
    return timezone.localtime(moment, conference.tz).strftime("%a %d %b %H:%M")


def _local_time(moment: datetime.datetime, conference: Conference) -> str:
    return timezone.localtime(moment, conference.tz).strftime("%H:%M")


def slot_check(*, slot: Slot) -> None:
    """The scheduling rule. Raises ValidationError naming every conflict of the slot.

    A slot must lie within the conference's days (in its timezone), carry a talk that is
    accepted or confirmed, not overlap another active slot of its schedule in the same room
    (a slot without a room takes the whole venue), and not put any of its speakers in two
    places at once. Runs a fixed number of queries whatever the schedule's size.
    """
    schedule = slot.schedule
    conference = schedule.conference
    errors: list[ValidationError] = []
    if slot.start is None or slot.end is None or slot.end <= slot.start:
        raise ValidationError("A slot must end after it starts.", code="invalid_times")
    if slot.room is not None and slot.room.conference_id != conference.pk:
        errors.append(ValidationError("That room belongs to another conference.", code="room"))
    if slot.start < conference.opens_at or slot.end > conference.closes_at:
        errors.append(
            ValidationError(
                f"{_local(slot.start, conference)} to {_local(slot.end, conference)} is outside "
                f"the conference days ({conference.starts_on:%d %b} to "
                f"{conference.ends_on:%d %b %Y}, {conference.timezone}).",
                code="outside_conference",
            )
        )
    submission = slot.submission if slot.submission_id else None
    if slot.kind == Slot.Kind.TALK and submission is None:
        errors.append(
            ValidationError("A talk slot needs a talk; use another kind for a block.", code="kind")
        )
    if slot.kind in (Slot.Kind.BREAK, Slot.Kind.MEAL, Slot.Kind.SOCIAL) and submission:
        errors.append(ValidationError("Breaks, meals and socials carry no talk.", code="kind"))
    if submission is None and not slot.title.strip():
        errors.append(ValidationError("A block without a talk needs a title.", code="title"))
    if submission is not None:
        if submission.conference_id != conference.pk:
            errors.append(
                ValidationError("That talk was submitted to another conference.", code="talk")
            )
        placed = (
            Slot.objects.active()
            .filter(schedule_id=schedule.pk, submission_id=submission.pk)
            .exclude(pk=slot.pk)
            .select_related("room")
            .first()
        )
        if placed is not None:
            errors.append(
                ValidationError(
                    f"“{submission.title}” is already placed "
                    f"({placed.room.name if placed.room is not None else 'whole venue'}, "
                    f"{_local(placed.start, conference)}).",
                    code="already_placed",
                )
            )
        if submission.state not in Submission.SCHEDULABLE_STATES:
            errors.append(
                ValidationError(
                    f"“{submission.title}” is {submission.get_state_display().lower()} and "
                    "cannot be scheduled.",
                    code="not_schedulable",
                )
            )

    others = (
        Slot.objects.active()
        .filter(schedule_id=schedule.pk)
        .overlapping(slot.start, slot.end)
        .exclude(pk=slot.pk)
        .select_related("room", "submission")
    )
    if slot.room_id is not None:
        room_clash = others.filter(Q(room_id=slot.room_id) | Q(room__isnull=True))
    else:
        room_clash = others
    for other in room_clash:
        where = other.room.name if other.room_id else "the whole venue"
        errors.append(
            ValidationError(
                f"{slot.room.name if slot.room is not None else 'The whole venue'} is taken from "
                f"{_local_time(other.start, conference)} to {_local_time(other.end, conference)}"
                f" by “{other.display_title}” ({where}).",
                code="room_overlap",
            )
        )

    if submission is not None:
        speaker_ids = SubmissionSpeaker.objects.filter(submission_id=submission.pk).values(
            "member_id"
        )
        clashing_slots = {
            other.submission_id: other
            for other in others.filter(
                submission__submission_speakers__member_id__in=speaker_ids
            ).distinct()
        }
        if clashing_slots:
            busy_speakers = SubmissionSpeaker.objects.filter(
                submission_id__in=clashing_slots, member_id__in=speaker_ids
            ).select_related("member__user")
            for busy in busy_speakers:
                other = clashing_slots[busy.submission_id]
                where = other.room.name if other.room_id else "the whole venue"
                errors.append(
                    ValidationError(
                        f"{busy.member.name} already speaks in “{other.display_title}” "
                        f"({where}, {_local_time(other.start, conference)} to "
                        f"{_local_time(other.end, conference)}).",
                        code="speaker_overlap",
                    )
                )
    if errors:
        raise ValidationError(errors)


def _lock_working_copy(*, schedule_id: int) -> Schedule:
    """Lock a schedule row for a check-then-write; refuse a released version."""
    schedule = (
        Schedule.objects.select_for_update(of=("self",))
        .select_related("conference")
        .get(pk=schedule_id)
    )
    if not schedule.is_working_copy:
        raise ValidationError(
            "A released schedule cannot be changed; edit the working copy.", code="released"
        )
    return schedule


def _refuse_stale(*, slot: Slot, expected_updated_at: datetime.datetime | None) -> None:
    """Refuse the write when the stored slot changed since the caller read it.

    Run under the schedule's lock, so no writer can slip in between the check and the write.
    """
    if expected_updated_at is None or slot.pk is None:
        return
    stored = (
        Slot.objects.filter(pk=slot.pk, schedule_id=slot.schedule_id)
        .values_list("updated_at", flat=True)
        .first()
    )
    if stored is None:
        raise ValidationError(
            "Someone else has removed this slot since you loaded the page. "
            "The grid shows the schedule as it is now.",
            code="stale",
        )
    if stored != expected_updated_at:
        raise ValidationError(
            "Someone else has changed this slot since you loaded the page; your change was "
            "not saved. The grid shows the schedule as it is now.",
            code="stale",
        )


def slot_save(
    *,
    slot: Slot,
    expected_updated_at: datetime.datetime | None = None,
    actor: User | None = None,
) -> Slot:
    """Check a slot of a working copy against the scheduling rule and save it.

    The schedule row is locked for the check and the write, so concurrent writers take
    turns; on PostgreSQL an exclusion constraint refuses a room overlap even so. Given
    `expected_updated_at` (the slot's `updated_at` when the caller read it), a slot changed
    or removed since then is refused as stale rather than overwritten.
    Raises ValidationError naming the conflicts. Writes an audit entry naming the actor.
    """
    with transaction.atomic():
        schedule = _lock_working_copy(schedule_id=slot.schedule_id)
        slot.schedule = schedule
        _refuse_stale(slot=slot, expected_updated_at=expected_updated_at)
        slot.full_clean(exclude=["schedule"], validate_constraints=False)
        slot_check(slot=slot)
        try:
            with transaction.atomic():
                slot.save()
        except IntegrityError as error:
            raise ValidationError(
                "Another organizer has just changed this part of the schedule. "
                "Reload and try again.",
                code="concurrent_change",
            ) from error
        audit_record(actor=actor, action=Action.SLOT_SAVED, target=slot)
    return slot


def validation_error_items(error: ValidationError) -> list[ValidationError]:
    """The single errors inside a ValidationError, whether it holds a list or a field dict,
    each with its message and code."""
    if hasattr(error, "error_dict"):
        return [item for items in error.error_dict.values() for item in items]
    return error.error_list


def slots_drop_for_submission(*, submission: Submission) -> int:
    """Take a talk that left the program (withdrawn or rejected) off the working copy,
    freeing its room and its speakers; the next release lists it as cancelled. Released
    versions keep it. Returns how many slots were removed."""
    deleted, _ = Slot.objects.filter(schedule__version="", submission=submission).delete()
    return deleted


def slot_kind_for(*, submission: Submission) -> str:
    """A talk in the keynote format is shown and exported as a keynote."""
    return Slot.Kind.KEYNOTE if submission.format.slug == "keynote" else Slot.Kind.TALK


def slot_place(
    *,
    schedule: Schedule,
    submission: Submission,
    room: Room | None,
    start: datetime.datetime,
    end: datetime.datetime | None = None,
    actor: User | None = None,
) -> Slot:
    """Place a talk in the working copy; its length defaults to its format's duration.

    A talk that was in the latest release (and has since been unscheduled) gets its
    released session's uid back, so the next release lists it as moved rather than as
    cancelled and new, and attendees who starred it keep it. Checked and saved by
    `slot_save`; raises ValidationError naming the conflicts.
    """
    released_uid = (
        Slot.objects.filter(
            schedule__in=schedule.conference.schedules.released().values("pk")[:1],
            submission=submission,
        )
        .values_list("uid", flat=True)
        .first()
    )
    slot = Slot(
        schedule=schedule,
        kind=slot_kind_for(submission=submission),
        room=room,
        start=start,
        end=end or start + submission.format.duration,
        submission=submission,
    )
    if released_uid is not None:
        slot.uid = released_uid
    return slot_save(slot=slot, actor=actor)


def slot_move(
    *,
    slot: Slot,
    room: Room | None,
    start: datetime.datetime,
    end: datetime.datetime,
    expected_updated_at: datetime.datetime | None = None,
    actor: User | None = None,
) -> Slot:
    """Move or resize a slot of the working copy: another room (None for the whole venue),
    another time or day, another length.

    Refused, and nothing written, when the new place breaks the scheduling rule or the slot
    changed since the caller read it (`expected_updated_at`). Raises ValidationError.
    """
    slot.room = room
    slot.start = start
    slot.end = end
    return slot_save(slot=slot, expected_updated_at=expected_updated_at, actor=actor)


def slot_unschedule(
    *,
    slot: Slot,
    expected_updated_at: datetime.datetime | None = None,
    actor: User | None = None,
) -> None:
    """Take a slot out of the working copy: a talk goes back to the list of talks to place,
    a block is deleted.

    Released versions keep their copy; the next release lists a released session that is
    no longer in the working copy as cancelled. Refused for a released schedule and for a
    slot changed or removed since the caller read it. Raises ValidationError. Writes an
    audit entry naming the actor.
    """
    with transaction.atomic():
        _lock_working_copy(schedule_id=slot.schedule_id)
        _refuse_stale(slot=slot, expected_updated_at=expected_updated_at)
        audit_record(actor=actor, action=Action.SLOT_DELETED, target=slot)
        Slot.objects.filter(pk=slot.pk).delete()


BLOCK_KINDS = (
    Slot.Kind.BREAK,
    Slot.Kind.MEAL,
    Slot.Kind.SOCIAL,
    Slot.Kind.KEYNOTE,
    Slot.Kind.OTHER,
)


def slot_block_create(
    *,
    schedule: Schedule,
    kind: str,
    title: str,
    start: datetime.datetime,
    end: datetime.datetime,
    rooms: Iterable[Room] = (),
    description: str = "",
    actor: User | None = None,
) -> list[Slot]:
    """Add a block without a talk (break, lunch, keynote, social) to the working copy.

    Without rooms it is one slot for the whole venue: one session in exports and feeds,
    and it keeps every room busy, including rooms added later. With rooms it is one slot
    per room, all saved or none; each is then moved on its own. Every room's conflicts are
    named together. Raises ValidationError.
    """
    if kind not in BLOCK_KINDS:
        raise ValidationError(
            f"A block is one of: {', '.join(str(Slot.Kind(k).label) for k in BLOCK_KINDS)}.",
            code="kind",
        )
    places: list[Room | None] = list(rooms) or [None]
    slots: list[Slot] = []
    errors: list[ValidationError] = []
    with transaction.atomic():
        for room in places:
            slot = Slot(
                schedule=schedule,
                kind=kind,
                room=room,
                start=start,
                end=end,
                title=title.strip(),
                description=description,
            )
            try:
                slots.append(slot_save(slot=slot, actor=actor))
            except ValidationError as error:
                for item in validation_error_items(error):
                    if item.message not in {known.message for known in errors}:
                        errors.append(item)
        if errors:
            # Leaving the atomic block with an exception undoes the rooms already saved.
            raise ValidationError(errors)
    return slots


# What a release copies of a slot; a session whose copy differs from the previous
# release's has changed, and if its place differs it has moved.
RELEASED_FIELDS = (
    "uid",
    "kind",
    "room_id",
    "start",
    "end",
    "submission_id",
    "title",
    "description",
)


PLACE_FIELDS = ("start", "end", "room_id")

# Copied too, but a change of them is no news to calendar subscribers: no new SEQUENCE.
SIGNUP_FIELDS = ("signup_required", "signup_cap")


def _fields(slot: Slot, names: tuple[str, ...]) -> tuple:
    return tuple(getattr(slot, name) for name in names)


def _release_copy(slot: Slot, release: Schedule, **state) -> Slot:
    return Slot(
        schedule=release,
        **{name: getattr(slot, name) for name in RELEASED_FIELDS + SIGNUP_FIELDS},
        **state,
    )


def _changelog_entry(slot: Slot, conference: Conference) -> dict[str, str]:
    return {
        "uid": str(slot.uid),
        "title": slot.display_title,
        "start": timezone.localtime(slot.start, conference.tz).isoformat(),
        "room": slot.room.name if slot.room is not None else "",
    }


@dataclass(frozen=True)
class SessionChange:
    """One session a release moves, changes, adds or cancels: its copy in the previous
    release (None when new) and in the working copy (None when cancelled)."""

    change: str
    uid: uuid.UUID
    before: Slot | None
    after: Slot | None

    @property
    def slot(self) -> Slot:
        """The session as it will be (as it was, when cancelled)."""
        return cast(Slot, self.after or self.before)


@dataclass
class ReleasePlan:
    """What releasing the working copy now would write: the released copies of the slots,
    the changelog and the sessions that changed. Computed without writing anything."""

    copies: list[Slot]
    changelog: dict[str, list[dict[str, str]]]
    changes: list[SessionChange]


def _release_plan(*, conference: Conference, working: Schedule, release: Schedule) -> ReleasePlan:
    """Compare the working copy with the previous release, slot by slot, for `release`, not
    yet saved (a preview never saves it). The one comparison of a release and its preview.
    Three queries whatever the schedule's size."""
    previous = conference.schedules.released().first()
    previous_slots = (
        {s.uid: s for s in previous.slots.select_related("room", "submission")} if previous else {}
    )
    plan = ReleasePlan(
        copies=[],
        changelog={"new": [], "moved": [], "changed": [], "cancelled": []},
        changes=[],
    )

    def record(change: str, slot: Slot, before: Slot | None, after: Slot | None) -> None:
        plan.changelog[change].append(_changelog_entry(slot, conference))
        plan.changes.append(SessionChange(change=change, uid=slot.uid, before=before, after=after))

    working_slots = working.slots.active().select_related("room", "submission")
    kept_uids = set()
    for slot in working_slots:
        if slot.submission_id and slot.submission.state not in Submission.SCHEDULABLE_STATES:
            continue
        kept_uids.add(slot.uid)
        before = previous_slots.get(slot.uid)
        if before is None or before.cancelled:
            sequence = before.sequence + 1 if before else 0
            plan.copies.append(_release_copy(slot, release, sequence=sequence, changed_in=release))
            record("new", slot, None, slot)
        elif _fields(before, RELEASED_FIELDS) != _fields(slot, RELEASED_FIELDS):
            sequence = before.sequence + 1
            plan.copies.append(_release_copy(slot, release, sequence=sequence, changed_in=release))
            moved = _fields(before, PLACE_FIELDS) != _fields(slot, PLACE_FIELDS)
            record("moved" if moved else "changed", slot, before, slot)
        else:
            plan.copies.append(
                _release_copy(
                    slot, release, sequence=before.sequence, changed_in_id=before.changed_in_id
                )
            )
    for uid, before in previous_slots.items():
        if uid in kept_uids:
            continue
        if before.cancelled:
            state = {"sequence": before.sequence, "changed_in_id": before.changed_in_id}
        else:
            state = {"sequence": before.sequence + 1, "changed_in": release}
            record("cancelled", before, before, None)
        plan.copies.append(_release_copy(before, release, cancelled=True, **state))
    return plan


@dataclass(frozen=True)
class ReleasePreview:
    """What a release would do, shown to organizers before they confirm it: the changelog,
    and how many attendees and speakers would be mailed and webhook endpoints called."""

    changelog: dict[str, list[dict[str, str]]]
    attendees: int
    speakers: int
    webhook_endpoints: int

    @property
    def counts(self) -> dict[str, int]:
        return {change: len(entries) for change, entries in self.changelog.items()}

    @property
    def fingerprint(self) -> str:
        """Names this preview: a confirmation made on an older preview (the working copy
        or the stars changed since) has another."""
        content = json.dumps(
            [self.changelog, self.attendees, self.speakers], sort_keys=True, default=str
        )
        return hashlib.sha256(content.encode()).hexdigest()[:32]


def _release_version_check(*, conference: Conference, version: str, query: bool = True) -> str:
    """The version's name, stripped; ValidationError (on the version field) when it is empty
    or, with `query`, already released."""
    version = version.strip()
    if not version:
        raise ValidationError({"version": "Name the version, e.g. 1.0 or “Final”."})
    if query and Schedule.objects.filter(conference=conference, version=version).exists():
        raise ValidationError({"version": f"Version {version} has already been released."})
    return version


def schedule_release_preview(
    *, conference: Conference, version: str | None = None
) -> ReleasePreview:
    """The changelog a release of the working copy would have now, and the number of people
    its schedule-change notices would reach (events.schedule.notices), by the same code
    as `schedule_release`. Given a version, refuses it as the release would (empty, or
    already released). Writes nothing; a fixed number of queries. Raises ValidationError."""
    if version is not None:
        _release_version_check(conference=conference, version=version)
    working = Schedule.objects.filter(conference=conference, version="").first()
    if working is None:
        raise ValidationError("There is no working schedule to release.", code="empty")
    plan = _release_plan(
        conference=conference,
        working=working,
        release=Schedule(conference=conference, version="preview"),
    )
    recipients = schedule_change_recipients(conference=conference, changes=plan.changes)
    return ReleasePreview(
        changelog=plan.changelog,
        attendees=len(recipients.attendees),
        speakers=len(recipients.speakers),
        webhook_endpoints=webhook_endpoints_count(event_type=EventType.SCHEDULE_RELEASED),
    )


def schedule_release(
    *,
    conference: Conference,
    version: str,
    note: str = "",
    actor: User | None = None,
    now: datetime.datetime | None = None,
) -> Schedule:
    """Copy the working schedule into a new released version, with a changelog.

    Against the previous release each session is new, moved (time or room changed),
    changed (another detail changed), unchanged or cancelled. Changed sessions take this
    release as `changed_in` and a raised `sequence`; a session that left the working copy,
    or whose talk is no longer accepted or confirmed, is kept as a cancelled slot so that
    calendar subscribers learn of it. Seats the release adds to a session with sign-up (a
    raised cap, a bigger room) go to the people on its waitlist, who are mailed
    (`events.attendance.services.signups_promote`). Writes in one transaction, with an audit
    entry. Side effects, once the transaction commits: one digest e-mail per attendee who
    starred a moved, changed or cancelled session and per speaker of one
    (events.schedule.notices); webhooks `schedule.released` and one `session.changed` per
    changelog entry (docs/webhooks.md).
    """
    now = now or timezone.now()
    version = _release_version_check(conference=conference, version=version, query=False)
    with transaction.atomic():
        working = (
            Schedule.objects.select_for_update().filter(conference=conference, version="").first()
        )
        if working is None:
            raise ValidationError("There is no working schedule to release.", code="empty")
        _release_version_check(conference=conference, version=version)
        release = Schedule(
            conference=conference, version=version, released_at=now, released_by=actor, note=note
        )
        release.full_clean(validate_constraints=False)
        plan = _release_plan(conference=conference, working=working, release=release)
        release.changelog = plan.changelog
        release.save()
        Slot.objects.bulk_create(plan.copies)
        audit_record(actor=actor, action=Action.SCHEDULE_RELEASED, target=release)
        signups_promote(release=release, now=now)
        schedule_change_notify(release=release, changes=plan.changes)
        webhook_emit(events=_release_webhook_events(release=release, conference=conference))
    return release


def _release_webhook_events(*, release: Schedule, conference: Conference) -> list[WebhookEvent]:
    """The webhook events of a release: the release itself, then each changelog entry."""
    schedule_url = settings.SITE_URL + reverse("events:schedule", args=[conference.slug])
    about = {"slug": conference.slug, "name": conference.name}
    changelog = release.changelog
    events = [
        WebhookEvent(
            type=EventType.SCHEDULE_RELEASED,
            data={
                "conference": about,
                "version": release.version,
                "released_at": release.released_at,
                "note": release.note,
                "changes": {change: len(entries) for change, entries in changelog.items()},
                "url": schedule_url,
            },
        )
    ]
    for change, entries in changelog.items():
        events += [
            WebhookEvent(
                type=EventType.SESSION_CHANGED,
                data={
                    "conference": about,
                    "version": release.version,
                    "change": change,
                    "session": entry,
                },
            )
            for entry in entries
        ]
    return events
