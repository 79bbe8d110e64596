"""Two speakers saving one proposal at the same instant (events/cfp/services.py:
submission_update with `expected_updated_at`), on real concurrent connections; PostgreSQL
only, like the schedule's races."""

import pytest
from django.core.exceptions import ValidationError

from events.models import Submission
from tests.events.cfp.services.conftest import edit
from tests.events.schedule.services.test_races import run_at_once
from tests.factories import MemberFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_submission_update_two_speakers_at_once_from_one_version_exactly_one_wins():
    primary, co_speaker = MemberFactory(), MemberFactory()
    submission = SubmissionFactory(speakers=[primary, co_speaker], title="First title")
    read = Submission.objects.get(pk=submission.pk)

    def save(actor, title):
        def job():
            return edit(read, actor.user, title=title, expected_updated_at=read.updated_at)

        return job

    outcomes = run_at_once(save(primary, "Ada's title"), save(co_speaker, "Bob's title"))

    saved = [outcome for outcome in outcomes if isinstance(outcome, Submission)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert (len(saved), [error.code for error in refused]) == (1, ["stale"])
    assert Submission.objects.get(pk=submission.pk).title == saved[0].title
