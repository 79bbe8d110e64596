"""Reads for the program committee: the conferences under review and the submissions a
reviewer may see, with their own review."""

from django.contrib.auth.models import User
from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery

from events.models import Conference, Review, Submission


def submissions_for_review(*, reviewer: User) -> QuerySet:
    """The submissions the reviewer may review now (`SubmissionQuerySet.reviewable_by`),
    with the reviewer's own review (as `my_reviews`) and the speakers loaded."""
    return (
        Submission.objects.reviewable_by(reviewer)
        .select_related("conference", "format", "track", "case_study")
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

    Leaves out, as review_save refuses, any proposal the reviewer speaks on or on which
    someone from the reviewer's company speaks (`SubmissionQuerySet.reviewable_by`); they
    are not shown at all.
    """
    queryset = Submission.objects.reviewable_by(reviewer).filter(conference=conference)
    mine = Review.objects.filter(submission=OuterRef("pk"), reviewer=reviewer)
    return (
        queryset.select_related("conference", "format", "track", "case_study")
        .annotate(
            my_score=Subquery(mine.values("score")[:1]),
            my_comment=Subquery(mine.values("comment")[:1]),
        )
        .order_by(F("my_score").asc(nulls_first=True), "submitted_at", "pk")
    )
