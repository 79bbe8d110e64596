"""Writes and workflows for conferences: the submission state machine, reviews, the
scheduling rule and schedule releases.

Every writer (forms, admin, API, management commands) calls these functions, so each rule
lives here once.
"""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from audit.services import Action, audit_record, audit_submission_transition
from events.models import (
    Conference,
    Review,
    Schedule,
    Slot,
    Submission,
    SubmissionSpeaker,
    SubmissionTransition,
)
from members.models import Member
from members.roles import is_organizer, is_reviewer
from members.selectors import member_submission_refusal

State = Submission.State

SPEAKER = "speaker"
ORGANIZER = "organizer"

# (from, to) -> who may make the move. Anything not listed is refused.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (State.DRAFT, State.SUBMITTED): frozenset({SPEAKER}),
    (State.DRAFT, State.WITHDRAWN): frozenset({SPEAKER, ORGANIZER}),
    (State.SUBMITTED, State.WITHDRAWN): frozenset({SPEAKER, ORGANIZER}),
    (State.SUBMITTED, State.ACCEPTED): frozenset({ORGANIZER}),
    (State.SUBMITTED, State.REJECTED): frozenset({ORGANIZER}),
    (State.ACCEPTED, State.CONFIRMED): frozenset({SPEAKER}),
    (State.ACCEPTED, State.WITHDRAWN): frozenset({SPEAKER, ORGANIZER}),
    (State.CONFIRMED, State.WITHDRAWN): frozenset({SPEAKER, ORGANIZER}),
}


def _submission_roles(*, submission: Submission, actor: AbstractBaseUser) -> set[str]:
    roles = set()
    if is_organizer(actor):
        roles.add(ORGANIZER)
    if actor.is_authenticated and submission.speakers.filter(user=actor).exists():
        roles.add(SPEAKER)
    return roles


def submission_transition(
    *,
    submission: Submission,
    to_state: str,
    actor: AbstractBaseUser,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Submission:
    """Move a submission to another state, if the actor may make that move now.

    The one gate for every state change. It locks the row, so two clicks make one change,
    and records the change as a SubmissionTransition. A talk withdrawn or rejected leaves
    the working schedule (its slot is deleted). Raises ValidationError (with a code)
    when the move is not in the machine, the actor's role does not allow it, the call for
    papers is closed, the speaker's company may not submit talks, or a speaker withdraws
    after the schedule was released. Sends no e-mail.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Submission.objects.select_for_update(of=("self",))
            .select_related("conference")
            .get(pk=submission.pk)
        )
        from_state = locked.state
        allowed = TRANSITIONS.get((from_state, to_state))
        if allowed is None:
            raise ValidationError(
                f"A {State(from_state).label.lower()} submission cannot become "
                f"{State(to_state).label.lower() if to_state in State.values else to_state}.",
                code="invalid_transition",
            )
        roles = _submission_roles(submission=locked, actor=actor)
        if not roles & allowed:
            who = " or ".join(sorted(allowed))
            raise ValidationError(
                f"Only the {who} may make this submission {State(to_state).label.lower()}.",
                code="not_allowed",
            )
        acting_as_speaker = SPEAKER in roles and ORGANIZER not in roles
        if to_state == State.SUBMITTED:
            conference = locked.conference
            cfp_state = conference.cfp_state(now)
            if cfp_state != "open":
                raise ValidationError(
                    f"The call for papers for {conference.name} "
                    f"{'is closed' if cfp_state == 'closed' else 'is not open yet'}.",
                    code="cfp_closed",
                )
            member = Member.objects.select_related("company").filter(user=actor).first()
            refusal = member_submission_refusal(
                member=member, on=timezone.localtime(now, conference.tz).date()
            )
            if refusal:
                raise ValidationError(refusal, code="not_eligible")
            locked.submitted_at = now
        if (
            to_state == State.WITHDRAWN
            and acting_as_speaker
            and from_state in (State.ACCEPTED, State.CONFIRMED)
            and Schedule.objects.released().filter(conference_id=locked.conference_id).exists()
        ):
            raise ValidationError(
                "The schedule has been released; ask the organizers to withdraw this talk.",
                code="schedule_released",
            )
        locked.state = to_state
        locked.save(update_fields=["state", "submitted_at", "updated_at"])
        if to_state in (State.WITHDRAWN, State.REJECTED):
            # A talk that leaves the program leaves the working copy too, freeing its room
            # and speakers; the next release lists it as cancelled.
            Slot.objects.filter(schedule__version="", submission=locked).delete()
        SubmissionTransition.objects.create(
            submission=locked, from_state=from_state, to_state=to_state, actor=actor, note=note
        )
        if ORGANIZER in roles:
            audit_submission_transition(actor=actor, submission=locked, from_state=from_state)
    submission.state = locked.state
    submission.submitted_at = locked.submitted_at
    return locked


def submission_create(
    *,
    conference: Conference,
    speaker: Member,
    title: str,
    abstract: str,
    session_format,
    track=None,
    audience_level: str = Submission.AudienceLevel.INTERMEDIATE,
    outline: str = "",
    notes: str = "",
    case_study=None,
    co_speakers: Iterable[Member] = (),
) -> Submission:
    """Create a draft with its primary speaker and any co-speakers. Sends no e-mail."""
    submission = Submission(
        conference=conference,
        title=title,
        abstract=abstract,
        format=session_format,
        track=track,
        audience_level=audience_level,
        outline=outline,
        notes=notes,
        case_study=case_study,
    )
    submission.full_clean()
    with transaction.atomic():
        submission.save()
        speakers = [SubmissionSpeaker(submission=submission, member=speaker, is_primary=True)]
        seen = {speaker.pk}
        for member in co_speakers:
            if member.pk not in seen:
                seen.add(member.pk)
                speakers.append(
                    SubmissionSpeaker(submission=submission, member=member, order=len(speakers))
                )
        SubmissionSpeaker.objects.bulk_create(speakers)
    return submission


def review_save(
    *, submission: Submission, reviewer: AbstractBaseUser, score: int, comment: str = ""
) -> Review:
    """Create or update the reviewer's one review of a submission.

    Refuses people outside the program committee, submissions not (or no longer) under
    review, and any submission the reviewer speaks on or with a speaker from the reviewer's
    own company.
    """
    if not is_reviewer(reviewer):
        raise ValidationError("Only the program committee reviews submissions.", code="not_allowed")
    if submission.state != State.SUBMITTED:
        raise ValidationError(
            "Only submitted proposals are open for review.", code="not_under_review"
        )
    reviewer_company_id = (
        Member.objects.filter(user=reviewer).values_list("company_id", flat=True).first()
    )
    if submission.speakers.filter(user=reviewer).exists():
        raise ValidationError(
            "You cannot review a submission you speak on.", code="conflict_of_interest"
        )
    if (
        reviewer_company_id is not None
        and submission.speakers.filter(company_id=reviewer_company_id).exists()
    ):
        raise ValidationError(
            "You cannot review a submission from your own company.", code="conflict_of_interest"
        )
    review = Review.objects.filter(submission=submission, reviewer=reviewer).first() or Review(
        submission=submission, reviewer=reviewer
    )
    review.score = score
    review.comment = comment
    review.full_clean()
    review.save()
    return review


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
    if slot.room_id is not None and slot.room.conference_id != conference.pk:
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
                    f"({placed.room.name if placed.room_id else 'whole venue'}, "
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
                f"{slot.room.name if slot.room_id else 'The whole venue'} is taken from "
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


def slot_save(*, slot: Slot, actor: AbstractBaseUser | None = None) -> Slot:
    """Check a slot of a working copy against the scheduling rule and save it.

    The schedule row is locked for the check and the write, so concurrent writers take
    turns; on PostgreSQL an exclusion constraint refuses a room overlap even so.
    Raises ValidationError naming the conflicts. Writes an audit entry naming the actor.
    """
    with transaction.atomic():
        schedule = (
            Schedule.objects.select_for_update(of=("self",))
            .select_related("conference")
            .get(pk=slot.schedule_id)
        )
        if not schedule.is_working_copy:
            raise ValidationError(
                "A released schedule cannot be changed; edit the working copy.", code="released"
            )
        slot.schedule = schedule
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


def _fields(slot: Slot, names: tuple[str, ...]) -> tuple:
    return tuple(getattr(slot, name) for name in names)


def _release_copy(slot: Slot, release: Schedule, **state) -> Slot:
    return Slot(
        schedule=release, **{name: getattr(slot, name) for name in RELEASED_FIELDS}, **state
    )


def _changelog_entry(slot: Slot, conference: Conference) -> dict[str, str]:
    return {
        "uid": str(slot.uid),
        "title": slot.display_title,
        "start": timezone.localtime(slot.start, conference.tz).isoformat(),
        "room": slot.room.name if slot.room_id else "",
    }


def schedule_release(
    *,
    conference: Conference,
    version: str,
    note: str = "",
    actor: AbstractBaseUser | None = None,
    now: datetime.datetime | None = None,
) -> Schedule:
    """Copy the working schedule into a new released version, with a changelog.

    Against the previous release each session is new, moved (time or room changed),
    changed (another detail changed), unchanged or cancelled. Changed sessions take this
    release as `changed_in` and a raised `sequence`; a session that left the working copy,
    or whose talk is no longer accepted or confirmed, is kept as a cancelled slot so that
    calendar subscribers learn of it. Writes in one transaction, with an audit entry;
    sends nothing.
    """
    now = now or timezone.now()
    version = version.strip()
    if not version:
        raise ValidationError({"version": "Name the version, e.g. 1.0 or “Final”."})
    with transaction.atomic():
        working = (
            Schedule.objects.select_for_update().filter(conference=conference, version="").first()
        )
        if working is None:
            raise ValidationError("There is no working schedule to release.", code="empty")
        if Schedule.objects.filter(conference=conference, version=version).exists():
            raise ValidationError({"version": f"Version {version} has already been released."})
        release = Schedule(
            conference=conference, version=version, released_at=now, released_by=actor, note=note
        )
        release.full_clean(validate_constraints=False)
        previous = conference.schedules.released().first()
        previous_slots = (
            {s.uid: s for s in previous.slots.select_related("room", "submission")}
            if previous
            else {}
        )
        release.save()
        changelog: dict[str, list] = {"new": [], "moved": [], "changed": [], "cancelled": []}
        copies = []
        working_slots = working.slots.active().select_related("room", "submission")
        kept_uids = set()
        for slot in working_slots:
            if slot.submission_id and slot.submission.state not in Submission.SCHEDULABLE_STATES:
                continue
            kept_uids.add(slot.uid)
            before = previous_slots.get(slot.uid)
            if before is None or before.cancelled:
                sequence = before.sequence + 1 if before else 0
                copies.append(_release_copy(slot, release, sequence=sequence, changed_in=release))
                changelog["new"].append(_changelog_entry(slot, conference))
            elif _fields(before, RELEASED_FIELDS) != _fields(slot, RELEASED_FIELDS):
                sequence = before.sequence + 1
                copies.append(_release_copy(slot, release, sequence=sequence, changed_in=release))
                moved = _fields(before, PLACE_FIELDS) != _fields(slot, PLACE_FIELDS)
                changelog["moved" if moved else "changed"].append(
                    _changelog_entry(slot, conference)
                )
            else:
                copies.append(
                    _release_copy(
                        slot,
                        release,
                        sequence=before.sequence,
                        changed_in_id=before.changed_in_id,
                    )
                )
        for uid, before in previous_slots.items():
            if uid in kept_uids:
                continue
            if before.cancelled:
                state = {"sequence": before.sequence, "changed_in_id": before.changed_in_id}
            else:
                state = {"sequence": before.sequence + 1, "changed_in": release}
                changelog["cancelled"].append(_changelog_entry(before, conference))
            copies.append(_release_copy(before, release, cancelled=True, **state))
        Slot.objects.bulk_create(copies)
        release.changelog = changelog
        release.save(update_fields=["changelog"])
        audit_record(actor=actor, action=Action.SCHEDULE_RELEASED, target=release)
    return release
