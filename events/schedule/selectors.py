"""Reads of the agenda with their eager loading: the latest release, its slots, releases and
what changed since one, a speaker's slots and the agenda builder's board."""

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from events.attendance.selectors import slot_star_counts
from events.models import Conference, Room, Schedule, Slot, Submission, SubmissionSpeaker
from members.models import CaseStudy, Member, MemberCompany


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


@dataclass(frozen=True)
class ReleaseSummary:
    """The size of a release's agenda, cancelled sessions left out: its talks, the people
    who give them and the rooms it uses."""

    sessions: int
    speakers: int
    rooms: int


def release_summary(*, schedule: Schedule) -> ReleaseSummary:
    """How many talks, speakers and rooms the release's active sessions have. One query."""
    totals = (
        Slot.objects.active()
        .filter(schedule=schedule)
        .aggregate(
            sessions=Count("pk", filter=Q(submission__isnull=False), distinct=True),
            speakers=Count("submission__submission_speakers__member", distinct=True),
            rooms=Count("room", distinct=True),
        )
    )
    return ReleaseSummary(**totals)


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
    newer: list[Schedule] = []
    for release in releases:
        if release.pk == seen_id:
            return newer
        newer.append(release)
    return []


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
