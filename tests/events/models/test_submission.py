"""The submission models (events/models/submission.py): a proposal's constraints and
speakers, reviews and their scores, which submissions a reviewer may review, and the
placeholders an e-mail template may use."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.cfp import emails
from events.models import ABSTRACT_MAX_LENGTH, EmailTemplate, Review, Submission, SubmissionSpeaker
from tests.factories import (
    MemberFactory,
    ReviewerFactory,
    ReviewFactory,
    SessionFormatFactory,
    SubmissionFactory,
    SubmissionSpeakerFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


# Submissions


def test_submission_abstract_at_limit_accepted(conference):
    submission = SubmissionFactory(conference=conference, abstract="x" * ABSTRACT_MAX_LENGTH)

    assert len(Submission.objects.get(pk=submission.pk).abstract) == ABSTRACT_MAX_LENGTH


def test_submission_abstract_over_limit_refused_by_database(conference):
    with pytest.raises(IntegrityError), transaction.atomic():
        SubmissionFactory(conference=conference, abstract="x" * (ABSTRACT_MAX_LENGTH + 1))


def test_submission_abstract_over_limit_refused_by_full_clean(conference):
    submission = SubmissionFactory.build(
        conference=conference,
        format=SessionFormatFactory(conference=conference),
        abstract="x" * (ABSTRACT_MAX_LENGTH + 1),
    )

    with pytest.raises(ValidationError) as error:
        submission.full_clean()

    assert list(error.value.message_dict) == ["abstract"]


def test_submission_blank_abstract_refused_by_full_clean(conference):
    submission = SubmissionFactory.build(
        conference=conference, format=SessionFormatFactory(conference=conference), abstract="  "
    )

    with pytest.raises(ValidationError) as error:
        submission.full_clean()

    assert error.value.message_dict["abstract"] == ["Write an abstract."]


def test_submission_empty_title_refused_by_database(conference):
    with pytest.raises(IntegrityError), transaction.atomic():
        SubmissionFactory(conference=conference, title="")


def test_submission_format_of_other_conference_refused_by_full_clean(conference):
    submission = SubmissionFactory.build(conference=conference, format=SessionFormatFactory())

    with pytest.raises(ValidationError) as error:
        submission.full_clean()

    assert error.value.message_dict == {"format": ["This format belongs to another conference."]}


def test_submission_track_of_other_conference_refused_by_full_clean(conference):
    submission = SubmissionFactory.build(
        conference=conference,
        format=SessionFormatFactory(conference=conference),
        track=TrackFactory(),
    )

    with pytest.raises(ValidationError) as error:
        submission.full_clean()

    assert error.value.message_dict == {"track": ["This track belongs to another conference."]}


def test_submission_second_primary_speaker_refused_by_database(conference):
    submission = SubmissionFactory(conference=conference)

    with pytest.raises(IntegrityError), transaction.atomic():
        SubmissionSpeakerFactory(submission=submission, is_primary=True)


def test_submission_co_speakers_accepted(conference):
    submission = SubmissionFactory(conference=conference)

    SubmissionSpeakerFactory.create_batch(2, submission=submission, is_primary=False)

    assert (
        submission.submission_speakers.count(),
        submission.submission_speakers.filter(is_primary=True).count(),
    ) == (3, 1)


def test_submission_same_speaker_twice_refused_by_database(conference):
    member = MemberFactory()
    submission = SubmissionFactory(conference=conference, speakers=[member])

    with pytest.raises(IntegrityError), transaction.atomic():
        SubmissionSpeaker.objects.create(submission=submission, member=member)


def test_submission_in_program_lists_accepted_and_confirmed(conference):
    accepted = SubmissionFactory(conference=conference, state=Submission.State.ACCEPTED)
    confirmed = SubmissionFactory(conference=conference, state=Submission.State.CONFIRMED)
    for state in ["draft", "submitted", "rejected", "withdrawn"]:
        SubmissionFactory(conference=conference, state=state)

    assert set(Submission.objects.in_program()) == {accepted, confirmed}


# Reviews


def test_review_second_by_same_reviewer_refused_by_database():
    review = ReviewFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(submission=review.submission, reviewer=review.reviewer)


def test_review_by_another_reviewer_accepted():
    review = ReviewFactory()

    ReviewFactory(submission=review.submission)

    assert review.submission.reviews.count() == 2


@pytest.mark.parametrize("score", [0, 6])
def test_review_score_outside_1_to_5_refused_by_database(score):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewFactory(score=score)


@pytest.mark.parametrize("score", [1, 5])
def test_review_score_at_bounds_accepted(score):
    review = ReviewFactory(score=score)

    assert Review.objects.get(pk=review.pk).score == score


@pytest.mark.parametrize("score", [0, 6])
def test_review_score_outside_1_to_5_refused_by_full_clean(score):
    review = ReviewFactory.build(
        submission=SubmissionFactory(), reviewer=ReviewerFactory(), score=score
    )

    with pytest.raises(ValidationError) as error:
        review.full_clean()

    assert list(error.value.message_dict) == ["score"]


def test_submission_reviewable_by_leaves_out_own_talks_and_own_company(conference):
    reviewer = MemberFactory()
    colleague = MemberFactory(company=reviewer.company)
    open_one = SubmissionFactory(
        conference=conference, state=Submission.State.SUBMITTED, speakers=[MemberFactory()]
    )
    SubmissionFactory(
        conference=conference,
        state=Submission.State.SUBMITTED,
        speakers=[MemberFactory(), reviewer],
    )
    SubmissionFactory(conference=conference, state=Submission.State.SUBMITTED, speakers=[colleague])
    SubmissionFactory(
        conference=conference, state=Submission.State.DRAFT, speakers=[MemberFactory()]
    )

    reviewable = Submission.objects.reviewable_by(reviewer.user)

    assert list(reviewable) == [open_one]


def test_submission_reviewable_by_person_without_company_leaves_out_own_talks(conference):
    outsider = UserFactory()
    open_one = SubmissionFactory(
        conference=conference, state=Submission.State.SUBMITTED, speakers=[MemberFactory()]
    )

    assert list(Submission.objects.reviewable_by(outsider)) == [open_one]


def test_email_template_unknown_placeholder_refused():
    template = EmailTemplate.objects.get(code=emails.SUBMISSION_REJECTED)
    template.body = "Dear {speaker_name}, {inviter_name} says no."

    with pytest.raises(ValidationError) as error:
        template.full_clean()

    assert error.value.message_dict["body"][0].startswith("Unknown placeholder {inviter_name};")


def test_submission_title_with_control_character_refused():
    submission = SubmissionFactory(title="Streaming")
    submission.title = "Streaming\x1b[2J"

    with pytest.raises(ValidationError) as refused:
        submission.full_clean()

    assert list(refused.value.message_dict) == ["title"]
