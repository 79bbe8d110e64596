"""The program committee's writes: one review per reviewer and submission, never on a talk
of the reviewer's own company."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from events.models import Review, Submission
from members.roles import is_reviewer


def review_save(*, submission: Submission, reviewer: User, score: int, comment: str = "") -> Review:
    """Create or update the reviewer's one review of a submission.

    Refuses people outside the program committee, submissions not (or no longer) under
    review, and any submission the reviewer speaks on or with a speaker from the reviewer's
    own company.
    """
    if not is_reviewer(reviewer):
        raise ValidationError("Only the program committee reviews submissions.", code="not_allowed")
    if submission.state != Submission.State.SUBMITTED:
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
    review = Review.objects.filter(submission=submission, reviewer=reviewer).first() or Review(
        submission=submission, reviewer=reviewer
    )
    review.score = score
    review.comment = comment
    review.full_clean()
    review.save()
    return review
