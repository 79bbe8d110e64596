"""The attendance admin (events/admin/attendance.py): each session's sign-ups, seats first
then the waitlist in order, read only."""

import pytest

from events.models import SessionSignup, Slot
from tests.conftest import admin_url

pytestmark = pytest.mark.django_db


def test_admin_signups_per_session_in_waitlist_order(organizer_client, populated):
    lab = Slot.objects.exclude(schedule__version="").get(signup_required=True)

    response = organizer_client.get(admin_url(SessionSignup, "changelist"), {"session": lab.uid})

    rows = [
        (row.session_title, row.registration.user.username, row.state)
        for row in response.context["cl"].result_list
    ]
    assert rows == [
        ("Nimbus lab", "orbit-ada", SessionSignup.State.CONFIRMED),
        ("Nimbus lab", "grace", SessionSignup.State.WAITLISTED),
    ]
    assert "Nimbus lab" in response.content.decode()


def test_admin_signups_are_read_only(organizer_client, populated):
    signup = SessionSignup.objects.first()
    assert signup is not None

    response = organizer_client.post(admin_url(SessionSignup, "delete", signup.pk), {"post": "yes"})

    assert response.status_code == 403
    assert SessionSignup.objects.filter(pk=signup.pk).exists()
