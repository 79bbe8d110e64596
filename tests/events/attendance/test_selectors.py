"""The attendance selectors (events/attendance/selectors.py): which pass a person would
get and why, and the warning when more attendees star a session than its room seats."""

import pytest
from django.utils import timezone

from events.attendance.selectors import registration_pass_type, slot_capacity_warning
from events.attendance.services import registration_create
from events.models import Registration
from tests.events.attendance.conftest import company_with_passes
from tests.factories import ConferenceFactory, MemberFactory, SlotFactory

pytestmark = pytest.mark.django_db

PassType = Registration.PassType


def test_registration_pass_type_names_used_up_passes():
    conference = ConferenceFactory()
    company = company_with_passes(1)
    registration_create(conference=conference, user=MemberFactory(company=company).user)

    pass_type, reason = registration_pass_type(
        conference=conference,
        user=MemberFactory(company=company).user,
        on=timezone.localdate(),
    )

    assert pass_type == PassType.PAID
    assert "All 1 complimentary passes" in reason


@pytest.mark.parametrize(("stars", "warned"), [(100, False), (101, True)])
def test_slot_capacity_warning_when_more_stars_than_seats(stars, warned):
    slot = SlotFactory(talk=True, room__capacity=100, room__name="Studio")

    warning = slot_capacity_warning(slot=slot, stars=stars)

    assert bool(warning) == warned
    if warned:
        assert warning == f"101 attendees starred “{slot.display_title}” but Studio seats 100."
