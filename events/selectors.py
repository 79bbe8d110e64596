"""Reads about conferences, with the eager loading their callers need."""

import datetime

from django.db.models import Prefetch

from events.models import Conference, Schedule, Slot, SubmissionSpeaker


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


def program_slots(*, schedule: Schedule):
    """The slots the printed programme shows: `schedule_slots` without cancellations, with
    each talk's case study and its company (for the case-study page) in the same query."""
    return (
        schedule_slots(schedule=schedule).active().select_related("submission__case_study__company")
    )
