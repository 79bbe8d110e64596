"""Reads about conferences, with the eager loading their callers need."""

import datetime

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from events.models import Conference, Schedule, Slot, SubmissionSpeaker
from members.models import CaseStudy, MemberCompany


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
    return slots.select_related("schedule__conference", "submission").order_by(
        "-schedule__conference__starts_on", "start"
    )
