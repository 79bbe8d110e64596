"""What the call for papers page tests share: a conference in Chicago whose call is open,
its case-study format, a logged-in speaker with a draft, the proposal form's data, and a
helper that reads the messages a response flashed."""

import datetime
import uuid

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from events.models import Submission
from tests.factories import (
    ConferenceFactory,
    MemberFactory,
    SessionFormatFactory,
    SubmissionFactory,
)

State = Submission.State


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def conference():
    return ConferenceFactory(
        slug="summit",
        timezone="America/Chicago",
        cfp_text="We want <script>alert('cfp')</script> stories.",
        cfp_closes_at=timezone.now() + datetime.timedelta(days=3),
    )


@pytest.fixture
def case_study_format(conference):
    return SessionFormatFactory(conference=conference, name="Case study", duration_minutes=30)


@pytest.fixture
def speaker():
    return MemberFactory(user__email="ada@orbit.example", user__first_name="Ada")


@pytest.fixture
def speaker_client(client, speaker):
    client.force_login(speaker.user)
    return client


def form_data(session_format, **changes) -> dict:
    return {
        "title": "Streaming at Orbit",
        "abstract": "From nightly batches to streams.",
        "outline": "",
        "format": session_format.pk,
        "track": "",
        "audience_level": "intermediate",
        "co_speakers": "",
        "notes": "",
        "creation_key": str(uuid.uuid4()),
        "action": "draft",
        **changes,
    }


@pytest.fixture
def draft(conference, speaker, case_study_format):
    return SubmissionFactory(
        conference=conference, speakers=[speaker], format=case_study_format, title="First title"
    )
