"""Reads about conferences, with the eager loading their callers need."""

import datetime
import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, F, OuterRef, Prefetch, QuerySet, Subquery

from events.models import (
    AgendaItem,
    Conference,
    Registration,
    Review,
    Room,
    Schedule,
    Slot,
    Submission,
    SubmissionInvitation,
    SubmissionSpeaker,
    SubmissionTransition,
)
from members.models import CaseStudy, Member, MemberCompany
from members.roles import is_organizer
from members.selectors import membership_current


def conference_current(*, today: datetime.date) -> Conference | None:
    """The conference to feature: the next one not yet over, else the most recent."""
    return Conference.objects.upcoming(today).first() or Conference.objects.first()


def schedule_latest_release(*, conference: Conference) -> Schedule | None:
    """The version the public sees, or None before the first release."""
    return conference.schedules.released().first()


def schedule_slots(*, schedule: Schedule):
    """Every slot of a schedule (cancelled ones included) in time and room order, with what
    pages and exports show of it loaded: room, talk, track, format, the case study it
    presents, the release that last changed it, and the speakers (primary first) with their
    users and companies. Two queries however many slots there are; filter with `.active()`
    to leave out cancellations.
    """
    return _slots_with_details(Slot.objects.filter(schedule=schedule)).order_by(
        "start", "room__order", "room__name", "pk"
    )


def _slots_with_details(slots: QuerySet) -> QuerySet:
    speakers = SubmissionSpeaker.objects.select_related("member__user", "member__company")
    return (
        slots.select_related(
            "room",
            "submission__track",
            "submission__format",
            "submission__case_study__company",
            "changed_in",
        )
        # Every slot a release changed joins that release, whose changelog grows with the
        # agenda: loading it per slot made the exports quadratic in the sessions. Callers
        # that join the slot's own schedule defer its changelog the same way.
        .defer("changed_in__changelog", "changed_in__note")
        .prefetch_related(Prefetch("submission__submission_speakers", queryset=speakers))
    )


@dataclass(slots=True)
class SessionSpeaker:
    member_id: int
    name: str
    company: str  # empty for a guest speaker


@dataclass(slots=True)
class SessionRow:
    """A slot as the calendar feeds and conference-app exports print it: plain values, no
    model instances (building ~10,000 of those cost a 600-session feed more than
    writing it)."""

    uid: uuid.UUID
    kind: str
    kind_label: str
    title: str  # the talk's title, or the block's
    abstract: str  # the talk's abstract, or the block's description
    start: datetime.datetime
    end: datetime.datetime
    cancelled: bool
    sequence: int
    changed_at: datetime.datetime | None  # when the release that last changed it came out
    is_talk: bool
    room_id: int | None
    room_name: str
    room_order: int
    room_capacity: int | None
    track_id: int | None
    track_name: str
    track_slug: str
    track_colour: str
    track_order: int
    format_name: str
    speakers: list[SessionSpeaker]


_SESSION_FIELDS = (
    "uid",
    "kind",
    "title",
    "description",
    "start",
    "end",
    "cancelled",
    "sequence",
    "changed_in__released_at",
    "room_id",
    "room__name",
    "room__order",
    "room__capacity",
    "submission_id",
    "submission__title",
    "submission__abstract",
    "submission__track_id",
    "submission__track__name",
    "submission__track__slug",
    "submission__track__colour",
    "submission__track__order",
    "submission__format__name",
)


def session_rows(*, slots: QuerySet) -> list[SessionRow]:
    """The given slots (e.g. `Slot.objects.filter(schedule=release)`) as SessionRows in time
    and room order, speakers primary first. Two queries however many slots there are."""
    rows = list(
        slots.order_by("start", "room__order", "room__name", "pk").values_list(*_SESSION_FIELDS)
    )
    speakers: dict[int, list[SessionSpeaker]] = {}
    submission_ids = {row[13] for row in rows if row[13] is not None}
    if submission_ids:
        for submission_id, member_id, first, last, username, company in (
            SubmissionSpeaker.objects.filter(submission_id__in=submission_ids)
            .order_by("submission_id", "-is_primary", "order", "pk")
            .values_list(
                "submission_id",
                "member_id",
                "member__user__first_name",
                "member__user__last_name",
                "member__user__username",
                "member__company__name",
            )
        ):
            name = f"{first} {last}".strip() or username  # as Member.name
            speakers.setdefault(submission_id, []).append(
                SessionSpeaker(member_id=member_id, name=name, company=company or "")
            )
    labels = dict(Slot.Kind.choices)
    return [
        SessionRow(
            uid=uid,
            kind=kind,
            kind_label=labels.get(kind, kind),
            title=talk_title if submission_id is not None else title,
            abstract=abstract if submission_id is not None else description,
            start=start,
            end=end,
            cancelled=cancelled,
            sequence=sequence,
            changed_at=changed_at,
            is_talk=submission_id is not None,
            room_id=room_id,
            room_name=room_name or "",
            room_order=room_order or 0,
            room_capacity=room_capacity,
            track_id=track_id,
            track_name=track_name or "",
            track_slug=track_slug or "",
            track_colour=track_colour or "",
            track_order=track_order or 0,
            format_name=format_name or "",
            speakers=speakers.get(submission_id, []),
        )
        for (
            uid,
            kind,
            title,
            description,
            start,
            end,
            cancelled,
            sequence,
            changed_at,
            room_id,
            room_name,
            room_order,
            room_capacity,
            submission_id,
            talk_title,
            abstract,
            track_id,
            track_name,
            track_slug,
            track_colour,
            track_order,
            format_name,
        ) in rows
    ]


def schedule_latest_release_ids() -> list[int]:
    """The primary keys of every conference's latest release, in one query."""
    latest: dict[int, int] = {}
    for pk, conference_id in Schedule.objects.released().values_list("pk", "conference_id"):
        latest.setdefault(conference_id, pk)
    return list(latest.values())


def sessions_published() -> QuerySet:
    """The slots of every conference's latest release (cancelled ones included), loaded as
    `schedule_slots` loads them, plus their schedule and conference. Unordered."""
    return (
        _slots_with_details(Slot.objects.filter(schedule_id__in=schedule_latest_release_ids()))
        .select_related("schedule__conference")
        .defer("schedule__changelog", "schedule__note")
    )


def slots_all() -> QuerySet:
    """Every slot of every schedule, working copies included, loaded as `schedule_slots`
    loads them, plus their schedule and conference. Unordered."""
    return (
        _slots_with_details(Slot.objects.all())
        .select_related("schedule__conference")
        .defer("schedule__changelog", "schedule__note")
    )


def speakers_published() -> QuerySet:
    """People with a public profile who speak in an active session of a latest release."""
    return (
        Member.objects.filter(
            public_profile=True,
            speaker_roles__submission__slots__schedule_id__in=schedule_latest_release_ids(),
            speaker_roles__submission__slots__cancelled=False,
        )
        .select_related("user", "company")
        .distinct()
    )


def submissions_for_review(*, reviewer: AbstractBaseUser) -> QuerySet:
    """The submissions the reviewer may review now: submitted, not theirs, and with no
    speaker from their company (the rule events.services.review_save enforces), with the
    reviewer's own review (as `my_reviews`) and the speakers loaded."""
    company_id = Member.objects.filter(user=reviewer).values_list("company_id", flat=True).first()
    submissions = Submission.objects.filter(state=Submission.State.SUBMITTED).exclude(
        speakers__user=reviewer
    )
    if company_id is not None:
        submissions = submissions.exclude(speakers__company_id=company_id)
    return (
        submissions.select_related("conference", "format", "track", "case_study")
        .with_speakers()
        .prefetch_related(
            Prefetch(
                "reviews", queryset=Review.objects.filter(reviewer=reviewer), to_attr="my_reviews"
            )
        )
    )


def conference_releases(*, conference: Conference) -> list[Schedule]:
    """Every released version of the conference's agenda, newest first, in one query.

    The first is what the public sees; the others carry the changelogs the release banner
    lists for people who last looked at an older one.
    """
    return list(conference.schedules.released())


def releases_since(*, releases: list[Schedule], seen_id: int | None) -> list[Schedule]:
    """The releases (newest first) published after the one with id `seen_id`.

    Empty when the visitor has seen the latest release, has never looked (no id: nothing
    to compare against), or saw a release that no longer exists.
    """
    if seen_id is None:
        return []
    newer = []
    for release in releases:
        if release.pk == seen_id:
            return newer
        newer.append(release)
    return []


def registration_for(
    *, conference: Conference, user, with_agenda: bool = True
) -> Registration | None:
    """The person's registration for the conference, if any, with its starred sessions
    prefetched unless `with_agenda` is False. None for anonymous visitors, without a query.
    """
    if not user.is_authenticated:
        return None
    registrations = Registration.objects.filter(conference=conference, user=user)
    if with_agenda:
        registrations = registrations.prefetch_related("agenda_items")
    return registrations.first()


def registration_pass_type(*, conference: Conference, user, on: datetime.date) -> tuple[str, str]:
    """The pass a person gets on registering, and the reason in words.

    Organizers attend on a staff pass and speakers of a talk in the program on a speaker
    pass; neither uses up their company's passes. People at a company whose membership on
    that day includes complimentary passes get one while any is left; the passes are counted
    over the conference's registrations with a member pass from the same company. Everyone
    else, including people whose company's passes are all taken, gets a paid pass.
    """
    if is_organizer(user):
        return Registration.PassType.STAFF, "Organizers attend on a staff pass."
    speaks = SubmissionSpeaker.objects.filter(
        member__user=user,
        submission__conference=conference,
        submission__state__in=Submission.SCHEDULABLE_STATES,
    ).exists()
    if speaks:
        return Registration.PassType.SPEAKER, "You speak at the conference: a speaker pass."
    member = Member.objects.select_related("company").filter(user=user).first()
    if member is None or member.company_id is None:
        return (
            Registration.PassType.PAID,
            "You are not linked to a member company, so yours is a paid pass.",
        )
    company = member.company
    membership = membership_current(company=company, on=on)
    if membership is None:
        return (
            Registration.PassType.PAID,
            f"{company.name}'s membership is not active, so yours is a paid pass.",
        )
    allowed = membership.tier.conference_passes
    used = Registration.objects.filter(
        conference=conference,
        pass_type=Registration.PassType.MEMBER,
        user__member__company=company,
    ).count()
    if used >= allowed:
        return (
            Registration.PassType.PAID,
            f"All {allowed} complimentary passes of {company.name}'s {membership.tier.name} "
            "membership are taken, so yours is a paid pass.",
        )
    return (
        Registration.PassType.MEMBER,
        f"One of the {allowed} complimentary passes of {company.name}'s "
        f"{membership.tier.name} membership ({allowed - used} left before yours).",
    )


def speaker_slots(*, schedule: Schedule, member_ids: list[int]) -> dict[int, list[Slot]]:
    """The active sessions of a release each of the given speakers is in, in time order,
    by member id. One query."""
    slots = (
        Slot.objects.active()
        .filter(schedule=schedule, submission__submission_speakers__member_id__in=member_ids)
        .select_related("room", "submission")
        .annotate(speaker_member_id=F("submission__submission_speakers__member_id"))
        .order_by("start", "room__order", "pk")
    )
    by_member: dict[int, list[Slot]] = {member_id: [] for member_id in member_ids}
    for slot in slots:
        by_member[slot.speaker_member_id].append(slot)
    return by_member


def slot_star_counts(*, conference: Conference) -> dict[uuid.UUID, int]:
    """How many attendees starred each session of the conference, by the session's uid.
    One query."""
    rows = (
        AgendaItem.objects.filter(registration__conference=conference)
        .values("slot_uid")
        .annotate(stars=Count("pk"))
        .order_by()
    )
    return {row["slot_uid"]: row["stars"] for row in rows}


def slot_capacity_warning(*, slot: Slot, stars: int) -> str:
    """A warning, never a refusal: the room seats fewer people than starred the session."""
    if slot.room_id is None or stars <= slot.room.capacity:
        return ""
    return (
        f"{stars} attendees starred “{slot.display_title}” but {slot.room.name} seats "
        f"{slot.room.capacity}."
    )


@dataclass
class AgendaBoard:
    """What the agenda builder shows: the rooms, the working copy's slots between two
    instants, the accepted and confirmed talks not placed yet, and the stars per session.
    Talks carry `board_speakers`, their speakers in order, with users and companies."""

    rooms: list[Room]
    slots: list[Slot]
    unplaced: list[Submission]
    stars: dict[uuid.UUID, int]


def agenda_board(
    *, conference: Conference, starts: datetime.datetime, ends: datetime.datetime
) -> AgendaBoard:
    """The working copy's active slots that start in [starts, ends), and every talk still to
    place. Five queries whatever the number of slots, rooms and talks."""
    rooms = list(conference.rooms.all())
    slots = list(
        Slot.objects.active()
        .filter(schedule__conference=conference, schedule__version="")
        .filter(start__gte=starts, start__lt=ends)
        .select_related("room", "submission__track", "submission__format")
        .order_by("start", "room__order", "pk")
    )
    placed = Slot.objects.active().filter(
        schedule__conference=conference, schedule__version="", submission=OuterRef("pk")
    )
    unplaced = list(
        Submission.objects.filter(conference=conference)
        .in_program()
        .exclude(Exists(placed))
        .select_related("track", "format")
        .order_by("track__order", "format__duration_minutes", "title")
    )
    talks = {slot.submission_id: slot.submission for slot in slots if slot.submission_id}
    talks.update({submission.pk: submission for submission in unplaced})
    for submission in talks.values():
        submission.board_speakers = []
    for role in SubmissionSpeaker.objects.filter(submission_id__in=talks).select_related(
        "member__user", "member__company"
    ):
        talks[role.submission_id].board_speakers.append(role)
    return AgendaBoard(
        rooms=rooms, slots=slots, unplaced=unplaced, stars=slot_star_counts(conference=conference)
    )


def submissions_of_speaker(*, user):
    """Every submission the user speaks on, newest conference first, with what the
    "My submissions" page shows: conference, format, track, case study, speakers, the state
    history with who made each change, and the open co-speaker invitations. A fixed
    number of queries however many there are."""
    return (
        Submission.objects.filter(submission_speakers__member__user=user)
        .select_related("conference", "format", "track", "case_study")
        .with_speakers()
        .prefetch_related(
            Prefetch(
                "transitions",
                queryset=SubmissionTransition.objects.select_related("actor").order_by(
                    "created_at", "pk"
                ),
            ),
            Prefetch(
                "invitations",
                queryset=SubmissionInvitation.objects.filter(accepted_at__isnull=True),
                to_attr="open_invitations",
            ),
        )
        .order_by("-conference__starts_on", "-created_at", "-pk")
    )


def conferences_released(*, conference_ids) -> set[int]:
    """Which of the conferences have released an agenda (speakers withdraw only before)."""
    return set(
        Schedule.objects.released()
        .filter(conference_id__in=conference_ids)
        .values_list("conference_id", flat=True)
    )


def conferences_for_review():
    """Conferences with proposals under review, the next one first."""
    return (
        Conference.objects.filter(submissions__state=Submission.State.SUBMITTED)
        .annotate(under_review=Count("submissions", distinct=True))
        .order_by("starts_on")
    )


def submissions_to_review(*, reviewer, conference: Conference):
    """The submitted proposals of a conference this reviewer may review, with their own
    score as `my_score` (None before they review), unreviewed first.

    Leaves out, as events.services.review_save refuses, any proposal the reviewer speaks on
    or on which someone from the reviewer's company speaks; they are not shown at all.
    """
    company_id = Member.objects.filter(user=reviewer).values_list("company_id", flat=True).first()
    queryset = Submission.objects.filter(
        conference=conference, state=Submission.State.SUBMITTED
    ).exclude(submission_speakers__member__user=reviewer)
    if company_id is not None:
        queryset = queryset.exclude(submission_speakers__member__company_id=company_id)
    mine = Review.objects.filter(submission=OuterRef("pk"), reviewer=reviewer)
    return (
        queryset.select_related("conference", "format", "track", "case_study")
        .annotate(
            my_score=Subquery(mine.values("score")[:1]),
            my_comment=Subquery(mine.values("comment")[:1]),
        )
        .order_by(F("my_score").asc(nulls_first=True), "submitted_at", "pk")
    )


def program_slots(*, schedule: Schedule):
    """The slots the printed programme shows: `schedule_slots` without cancellations, with
    each talk's case study and its company (for the case-study page) in the same query."""
    return (
        schedule_slots(schedule=schedule).active().select_related("submission__case_study__company")
    )


def talk_slots_released(
    *, company: MemberCompany | None = None, case_study: CaseStudy | None = None
) -> QuerySet[Slot]:
    """The talks that each conference's latest release holds (cancelled ones left out) given
    by people of the company, or presenting the case study; newest conference first, with
    the conference and talk loaded. One query.
    """
    latest = (
        Schedule.objects.filter(conference=OuterRef("schedule__conference"))
        .released()
        .values("pk")[:1]
    )
    slots = Slot.objects.active().filter(schedule_id=Subquery(latest), submission__isnull=False)
    if company is not None:
        slots = slots.filter(
            pk__in=Slot.objects.filter(submission__speakers__company=company).values("pk")
        )
    if case_study is not None:
        slots = slots.filter(submission__case_study=case_study)
    return (
        slots.select_related("schedule__conference", "submission")
        .defer("schedule__changelog", "schedule__note")
        .order_by("-schedule__conference__starts_on", "start")
    )
