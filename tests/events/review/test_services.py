"""Saving a review (events/review/services.py): one review per reviewer, conflicts of
interest, the program committee only, submissions under review only, scores from 1 to 5."""

import pytest
from django.core.exceptions import ValidationError

from events.models import Submission
from events.review.services import review_save
from tests.events.conftest import refusal_code
from tests.factories import (
    MemberFactory,
    OrganizerFactory,
    ReviewerFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

State = Submission.State
DRAFT, SUBMITTED, ACCEPTED, REJECTED, CONFIRMED, WITHDRAWN = (
    State.DRAFT,
    State.SUBMITTED,
    State.ACCEPTED,
    State.REJECTED,
    State.CONFIRMED,
    State.WITHDRAWN,
)

# Reviews


@pytest.fixture
def reviewer():
    """A program committee member at a company of their own."""
    return MemberFactory(user=ReviewerFactory()).user


def test_review_save_creates_review(reviewer):
    submission = SubmissionFactory(state=SUBMITTED)

    review = review_save(submission=submission, reviewer=reviewer, score=4, comment="Solid.")

    assert list(submission.reviews.values_list("reviewer", "score", "comment")) == [
        (reviewer.pk, 4, "Solid.")
    ]
    assert review.pk is not None


def test_review_save_second_time_updates_the_one_review(reviewer):
    submission = SubmissionFactory(state=SUBMITTED)
    first = review_save(submission=submission, reviewer=reviewer, score=2, comment="Vague.")

    second = review_save(submission=submission, reviewer=reviewer, score=5, comment="Rewritten.")

    assert (second.pk, list(submission.reviews.values_list("score", "comment"))) == (
        first.pk,
        [(5, "Rewritten.")],
    )


def test_review_save_by_reviewer_without_member_profile_accepted():
    reviewer = ReviewerFactory()
    submission = SubmissionFactory(state=SUBMITTED)

    review_save(submission=submission, reviewer=reviewer, score=3)

    assert submission.reviews.count() == 1


def test_review_save_of_own_company_submission_refused(reviewer):
    colleague = MemberFactory(company=reviewer.member.company)
    submission = SubmissionFactory(state=SUBMITTED, speakers=[colleague])

    with pytest.raises(ValidationError) as error:
        review_save(submission=submission, reviewer=reviewer, score=5)

    assert (error.value.messages, refusal_code(error), submission.reviews.count()) == (
        ["You cannot review a submission from your own company."],
        "conflict_of_interest",
        0,
    )


def test_review_save_with_colleague_as_co_speaker_refused(reviewer):
    colleague = MemberFactory(company=reviewer.member.company)
    submission = SubmissionFactory(state=SUBMITTED, speakers=[MemberFactory(), colleague])

    with pytest.raises(ValidationError) as error:
        review_save(submission=submission, reviewer=reviewer, score=5)

    assert refusal_code(error) == "conflict_of_interest"


def test_review_save_of_own_submission_as_guest_speaker_refused():
    guest = MemberFactory(user=ReviewerFactory(), company=None)
    submission = SubmissionFactory(state=SUBMITTED, speakers=[guest])

    with pytest.raises(ValidationError) as error:
        review_save(submission=submission, reviewer=guest.user, score=5)

    assert (error.value.messages, refusal_code(error), submission.reviews.count()) == (
        ["You cannot review a submission you speak on."],
        "conflict_of_interest",
        0,
    )


def test_review_save_of_guest_speakers_submission_by_guest_reviewer_accepted():
    reviewer = MemberFactory(user=ReviewerFactory(), company=None).user
    submission = SubmissionFactory(state=SUBMITTED, speakers=[MemberFactory(company=None)])

    review_save(submission=submission, reviewer=reviewer, score=4)

    assert submission.reviews.count() == 1


@pytest.mark.parametrize(
    "make_user",
    [OrganizerFactory, UserFactory, lambda: UserFactory(is_staff=True, is_superuser=True)],
    ids=["organizer", "member_of_public", "superuser"],
)
def test_review_save_by_someone_outside_program_committee_refused(make_user):
    submission = SubmissionFactory(state=SUBMITTED)

    with pytest.raises(ValidationError) as error:
        review_save(submission=submission, reviewer=make_user(), score=4)

    assert (error.value.messages, refusal_code(error), submission.reviews.count()) == (
        ["Only the program committee reviews submissions."],
        "not_allowed",
        0,
    )


@pytest.mark.parametrize("state", [DRAFT, ACCEPTED, REJECTED, CONFIRMED, WITHDRAWN])
def test_review_save_of_submission_not_under_review_refused(reviewer, state):
    submission = SubmissionFactory(state=state)

    with pytest.raises(ValidationError) as error:
        review_save(submission=submission, reviewer=reviewer, score=4)

    assert (error.value.messages, refusal_code(error), submission.reviews.count()) == (
        ["Only submitted proposals are open for review."],
        "not_under_review",
        0,
    )


@pytest.mark.parametrize("score", [0, 6])
def test_review_save_score_outside_1_to_5_refused(reviewer, score):
    submission = SubmissionFactory(state=SUBMITTED)

    with pytest.raises(ValidationError) as error:
        review_save(submission=submission, reviewer=reviewer, score=score)

    assert (list(error.value.message_dict), submission.reviews.count()) == (["score"], 0)
