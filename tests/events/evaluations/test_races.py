"""Two evaluations of one session by one person, or two first downloads of a certificate,
at the same instant; PostgreSQL only (SQLite's in-memory test database cannot hold two
writers at once)."""

import pytest
from django.core.exceptions import ValidationError

from events.evaluations.services import certificate_issue, evaluation_submit
from events.models import Certificate, Evaluation
from tests.events.schedule.services.test_races import run_at_once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_evaluation_submit_twice_at_once_records_one_and_refuses_the_other(hall):
    def send():
        return evaluation_submit(
            registration=hall.registration,
            slot_uid=hall.talk.uid,
            content_rating=4,
            speaker_rating=5,
            now=hall.at(10),
        )

    outcomes = run_at_once(send, send, send)

    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(refused) == 2
    assert {error.error_dict["session"][0].code for error in refused} == {"already_evaluated"}
    assert Evaluation.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_certificate_issue_twice_at_once_issues_one_certificate(hall):
    def issue():
        return certificate_issue(registration=hall.registration, now=hall.at(10))

    outcomes = run_at_once(issue, issue, issue)

    assert len({outcome.code for outcome in outcomes}) == 1
    assert Certificate.objects.count() == 1
