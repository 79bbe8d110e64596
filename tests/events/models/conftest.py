"""The conference the models tests build on: two days in June 2030 in Amsterdam, with a
call for papers open from January to March."""

import datetime

import pytest

from events.models import Conference
from tests.factories import ConferenceFactory

UTC = datetime.UTC
JUNE_10 = datetime.date(2030, 6, 10)
JUNE_11 = datetime.date(2030, 6, 11)


@pytest.fixture
def conference() -> Conference:
    return ConferenceFactory(
        starts_on=JUNE_10,
        ends_on=JUNE_11,
        timezone="Europe/Amsterdam",
        cfp_opens_at=datetime.datetime(2030, 1, 1, 9, tzinfo=UTC),
        cfp_closes_at=datetime.datetime(2030, 3, 1, 9, tzinfo=UTC),
    )
