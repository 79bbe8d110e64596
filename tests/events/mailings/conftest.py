import pytest

from events.mailings.services import mailing_save
from events.models import Conference, Mailing
from members.models import MailKind
from tests.factories import ConferenceFactory, OrganizerFactory, RegistrationFactory


@pytest.fixture
def conference() -> Conference:
    return ConferenceFactory(name="Summit 2027")


@pytest.fixture
def make_mailing(conference):
    """A draft to the conference's registrants (pass more fields to change it)."""

    def make(**fields) -> Mailing:
        values = {
            "subject": "Hello {first_name}",
            "body": "Dear {full_name} of {company}, see you at {conference}.",
            "kind": MailKind.ANNOUNCEMENTS,
            "conference": conference,
            "registrants": True,
            **fields,
        }
        return mailing_save(mailing=None, actor=OrganizerFactory(), **values)

    return make


@pytest.fixture
def registrants(conference):
    def make(count: int) -> list:
        return [RegistrationFactory(conference=conference).user for _ in range(count)]

    return make
