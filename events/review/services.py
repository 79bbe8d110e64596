"""The program committee's writes: one review per reviewer and submission, never on a talk
of the reviewer's own company."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from events.models import Review, Submission
from members.roles import is_reviewer


def review_save(*, submission: Submission, reviewer: User, score: int, comment: str = "") -> Review:
    """Create or update the reviewer's one review of a submission (see `review_record`)."""
    review, _ = review_record(
        submission=submission, reviewer=reviewer, score=score, comment=comment
    )
    return review


def review_record(
    *, submission: Submission, reviewer: User, score: int, comment: str = ""
) -> tuple[Review, bool]:
    """Create or update the reviewer's one review of a submission; say whether it was new.

    Refuses people outside the program committee, submissions not (or no longer) under
    review, and any submission the reviewer speaks on or with a speaker from the reviewer's
    own company. The submission's row is locked while the review is written, so two saves
    at the same instant (a double click, a retried API call) make one review and update
    it, and a decision taken meanwhile is seen.
    """
    if not is_reviewer(reviewer):
        raise ValidationError("Only the program committee reviews submissions.", code="not_allowed")
    with transaction.atomic():
        locked = Submission.objects.select_for_update().only("pk", "state").get(pk=submission.pk)
        if locked.state != Submission.State.SUBMITTED:
            raise ValidationError(
                "Only submitted proposals are open for review.", code="not_under_review"
            )
        if not Submission.objects.reviewable_by(reviewer).filter(pk=submission.pk).exists():
            speaks = submission.speakers.filter(user=reviewer).exists()
            raise ValidationError(
                "You cannot review a submission you speak on."
                if speaks
                else "You cannot review a submission from your own company.",
                code="conflict_of_interest",
            )
        review = Review.objects.filter(submission=submission, reviewer=reviewer).first()
        created = review is None
        if review is None:
            review = Review(submission=submission, reviewer=reviewer)
        review.score = score
        review.comment = comment
        review.full_clean()
        review.save()
    return review, created
