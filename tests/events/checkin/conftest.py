"""What the check-in tests share: a conference on fixed days with a released talk, people
with each role, and the time of a scan on a conference day."""

import datetime
from types import SimpleNamespace

import pytest

from events.checkin.selectors import registration_checkin_code
from members.roles import CHECKIN_STAFF, PROGRAM_COMMITTEE
from tests.factories import (
    ConferenceFactory,
    MemberFactory,
    OrganizerFactory,
    RegistrationFactory,
    ScheduleFactory,
    SlotFactory,
    UserFactory,
    local_datetime,
)

FIRST_DAY = datetime.date(2030, 6, 10)


@pytest.fixture
def first_day() -> datetime.date:
    return FIRST_DAY


@pytest.fixture
def door(db, first_day):
    conference = ConferenceFactory(name="Summit 2030", starts_on=first_day)
    release = ScheduleFactory(conference=conference, released=True)
    talk = SlotFactory(schedule=release, talk=True)
    member = MemberFactory(user__first_name="Ada", user__last_name="Lovelace")
    registration = RegistrationFactory(conference=conference, user=member.user)
    return SimpleNamespace(
        conference=conference,
        release=release,
        talk=talk,
        member=member,
        registration=registration,
        code=registration_checkin_code(registration),
        organizer=OrganizerFactory(),
        staff=UserFactory(roles=[CHECKIN_STAFF]),
        reviewer=UserFactory(roles=[PROGRAM_COMMITTEE]),
        at=lambda hour, minute=0, day=0: local_datetime(
            conference, first_day + datetime.timedelta(days=day), hour, minute
        ),
    )
