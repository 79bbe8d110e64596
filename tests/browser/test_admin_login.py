"""The demo organizer logs in through the browser and reaches the conference in the admin."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from demo.data.accounts import LOGINS
from demo.data.conference import CONFERENCE_SLUG
from events.models import Conference

pytestmark = pytest.mark.browser


def test_demo_organizer_logs_in_and_opens_conference_admin(live_server, page, screenshot):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    conference = Conference.objects.get(slug=CONFERENCE_SLUG)
    _, username, password, _ = LOGINS[0]

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("E-mail address").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.locator(".site-header summary", has_text="Account").click()
    page.get_by_role("link", name="Admin").click()
    page.get_by_role("link", name="Conferences", exact=True).click()
    page.get_by_role("link", name=conference.name).click()

    expect(page.get_by_role("heading", name="Change conference")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value(conference.name)
    expect(page.get_by_role("heading", name="Rooms")).to_be_visible()
    screenshot("conference-admin")
