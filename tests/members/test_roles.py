"""Who counts as check-in staff (members/roles.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from members.roles import CHECKIN_STAFF, PROGRAM_COMMITTEE, is_checkin_staff
from tests.factories import OrganizerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_is_checkin_staff_for_the_group_and_organizers():
    assert is_checkin_staff(UserFactory(roles=[CHECKIN_STAFF]))
    assert is_checkin_staff(OrganizerFactory())


def test_is_checkin_staff_not_for_attendees_reviewers_or_anonymous():
    assert not is_checkin_staff(UserFactory())
    assert not is_checkin_staff(UserFactory(roles=[PROGRAM_COMMITTEE]))
    assert not is_checkin_staff(AnonymousUser())


def test_is_checkin_staff_not_for_a_deactivated_member_of_the_group():
    assert not is_checkin_staff(UserFactory(roles=[CHECKIN_STAFF], is_active=False))
