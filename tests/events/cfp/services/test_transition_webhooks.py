"""The webhook of a submission's state change (events/cfp/services.py:
submission_transition): one `submission.state_changed` per change, naming the submission,
both states and whether the organizers or a speaker made it; none for a refused move."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events.cfp.services import submission_transition
from tests.events.cfp.services.conftest import ACCEPTED, DRAFT, SUBMITTED
from tests.factories import SubmissionFactory
from tests.webhooks.conftest import make_endpoint, sent
from webhooks.models import Delivery, EventType

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2030, 3, 1, 9, tzinfo=datetime.UTC)
CHANGED = EventType.SUBMISSION_STATE_CHANGED


@pytest.fixture(autouse=True)
def endpoint():
    return make_endpoint("https://hooks.example.com/in", CHANGED)


def test_each_state_change_is_sent_once_with_its_states(speaker, organizer):
    submission = SubmissionFactory(state=SUBMITTED, speakers=[speaker], title="Orbit <3")

    submission_transition(submission=submission, to_state=ACCEPTED, actor=organizer, now=NOW)

    assert sent(CHANGED) == [
        {
            "submission": {
                "id": submission.pk,
                "title": "Orbit <3",
                "conference": submission.conference.slug,
            },
            "from_state": "submitted",
            "to_state": "accepted",
            "by": "organizer",
            "at": "2030-03-01T09:00:00Z",
        }
    ]


def test_a_speakers_change_says_so(speaker):
    submission = SubmissionFactory(state=DRAFT, speakers=[speaker])

    submission_transition(submission=submission, to_state=SUBMITTED, actor=speaker.user)

    assert [(d["from_state"], d["to_state"], d["by"]) for d in sent(CHANGED)] == [
        ("draft", "submitted", "speaker")
    ]


def test_a_refused_move_sends_nothing(speaker):
    submission = SubmissionFactory(state=SUBMITTED, speakers=[speaker])

    with pytest.raises(ValidationError):
        submission_transition(submission=submission, to_state=ACCEPTED, actor=speaker.user)

    assert not Delivery.objects.exists()
