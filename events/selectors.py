"""Reads about conferences, with the eager loading their callers need."""

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch

from events.models import (
    AgendaItem,
    Conference,
    Room,
    Schedule,
    Slot,
    Submission,
    SubmissionSpeaker,
)


def conference_current(*, today: datetime.date) -> Conference | None:
    """The conference to feature: the next one not yet over, else the most recent."""
    return Conference.objects.upcoming(today).first() or Conference.objects.first()


def schedule_latest_release(*, conference: Conference) -> Schedule | None:
    """The version the public sees, or None before the first release."""
    return conference.schedules.released().first()


def schedule_slots(*, schedule: Schedule):
    """Every slot of a schedule (cancelled ones included) in time and room order, with what
    pages and exports show of it loaded: room, talk, track, format, the release that last
    changed it, and the speakers (primary first) with their users and companies. Two
    queries however many slots there are; filter with `.active()` to leave out cancellations.
    """
    speakers = SubmissionSpeaker.objects.select_related("member__user", "member__company")
    return (
        Slot.objects.filter(schedule=schedule)
        .select_related("room", "submission__track", "submission__format", "changed_in")
        .prefetch_related(Prefetch("submission__submission_speakers", queryset=speakers))
        .order_by("start", "room__order", "room__name", "pk")
    )


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
