"""One reviewer saving the same review twice at the same instant (a double click, two tabs,
a retried API call) on real concurrent connections: one review, no IntegrityError.
PostgreSQL only, like tests/events/schedule/services/test_races.py."""

import pytest

from events.models import Review, Submission
from events.review.services import review_save
from tests.events.schedule.services.test_races import run_at_once
from tests.factories import MemberFactory, ReviewerFactory, SubmissionFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_review_save_twice_at_once_keeps_one_review():
    reviewer = MemberFactory(user=ReviewerFactory()).user
    submission = SubmissionFactory(state=Submission.State.SUBMITTED)

    def save(score):
        return lambda: review_save(submission=submission, reviewer=reviewer, score=score)

    outcomes = run_at_once(save(2), save(5))

    reviews = Review.objects.filter(submission=submission, reviewer=reviewer)
    assert ([type(outcome) for outcome in outcomes], reviews.count()) == ([Review, Review], 1)
    assert reviews.get().score in {2, 5}
