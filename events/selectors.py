"""Reads about conferences, with the eager loading their callers need."""

import datetime

from django.db.models import Count, F, OuterRef, Prefetch, Subquery

from events.models import (
    Conference,
    Review,
    Schedule,
    Slot,
    Submission,
    SubmissionInvitation,
    SubmissionSpeaker,
    SubmissionTransition,
)
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
    speakers = SubmissionSpeaker.objects.select_related("member__user", "member__company")
    return (
        Slot.objects.filter(schedule=schedule)
        .select_related("room", "submission__track", "submission__format", "changed_in")
        .prefetch_related(Prefetch("submission__submission_speakers", queryset=speakers))
        .order_by("start", "room__order", "room__name", "pk")
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
