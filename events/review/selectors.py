"""Reads for the program committee: the conferences under review and the submissions a
reviewer may see, with their own review."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery

from events.models import Conference, Review, Submission
from members.models import Member


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
