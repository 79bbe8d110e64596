"""What the evaluation and certificate tests share: a conference on fixed days with a
released talk (09:00 to 09:30 on the first day, a format worth 1.5 credit hours), its speaker,
an attendee who starred it, and instants on the conference days."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from events.models import Submission
from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    MemberFactory,
    RegistrationFactory,
    ScheduleFactory,
    SessionFormatFactory,
    SlotFactory,
    SubmissionFactory,
    local_datetime,
)

FIRST_DAY = datetime.date(2030, 6, 10)


@pytest.fixture
def first_day() -> datetime.date:
    return FIRST_DAY


@pytest.fixture
def hall(db, first_day):
    return make_hall(first_day)


def make_hall(first_day: datetime.date) -> SimpleNamespace:
    """The conference of the evaluation tests, starting on `first_day`."""
    conference = ConferenceFactory(name="Summit 2030", starts_on=first_day)
    release = ScheduleFactory(conference=conference, released=True)
    speaker = MemberFactory(user__first_name="Grace", user__last_name="Hopper")
    session_format = SessionFormatFactory(conference=conference, credit_hours=Decimal("1.5"))
    submission = SubmissionFactory(
        conference=conference,
        title="Compilers at scale",
        format=session_format,
        state=Submission.State.ACCEPTED,
        speakers=[speaker],
    )
    talk = SlotFactory(schedule=release, kind="talk", title="", submission=submission)
    attendee = MemberFactory(user__first_name="Ada", user__last_name="Lovelace")
    registration = RegistrationFactory(conference=conference, user=attendee.user)
    AgendaItemFactory(registration=registration, slot_uid=talk.uid)
    return SimpleNamespace(
        conference=conference,
        release=release,
        talk=talk,
        submission=submission,
        format=session_format,
        speaker=speaker,
        attendee=attendee,
        registration=registration,
        at=lambda hour, minute=0, day=0: local_datetime(
            conference, first_day + datetime.timedelta(days=day), hour, minute
        ),
    )
