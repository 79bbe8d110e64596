"""Reads about conferences, with the eager loading their callers need."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, QuerySet

from events.models import Conference, Review, Schedule, Slot, Submission, SubmissionSpeaker
from members.models import Member


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
    return _slots_with_details(Slot.objects.filter(schedule=schedule)).order_by(
        "start", "room__order", "room__name", "pk"
    )


def _slots_with_details(slots: QuerySet) -> QuerySet:
    speakers = SubmissionSpeaker.objects.select_related("member__user", "member__company")
    return slots.select_related(
        "room", "submission__track", "submission__format", "changed_in"
    ).prefetch_related(Prefetch("submission__submission_speakers", queryset=speakers))


def schedule_latest_release_ids() -> list[int]:
    """The primary keys of every conference's latest release, in one query."""
    latest: dict[int, int] = {}
    for pk, conference_id in Schedule.objects.released().values_list("pk", "conference_id"):
        latest.setdefault(conference_id, pk)
    return list(latest.values())


def sessions_published() -> QuerySet:
    """The slots of every conference's latest release (cancelled ones included), loaded as
    `schedule_slots` loads them, plus their schedule and conference. Unordered."""
    return _slots_with_details(
        Slot.objects.filter(schedule_id__in=schedule_latest_release_ids())
    ).select_related("schedule__conference")


def slots_all() -> QuerySet:
    """Every slot of every schedule, working copies included, loaded as `schedule_slots`
    loads them, plus their schedule and conference. Unordered."""
    return _slots_with_details(Slot.objects.all()).select_related("schedule__conference")


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
