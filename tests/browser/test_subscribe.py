"""The demo attendee finds their personal feed on the subscribe page, with its QR code, and
gives it a new address; the page works without JavaScript."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from demo.data.accounts import LOGINS
from demo.data.conference import CONFERENCE_SLUG
from events.models import Registration

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "java_script_enabled": False}


def test_demo_attendee_subscribes_and_renews_personal_feed(live_server, page, screenshot):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    _, username, password, _ = LOGINS[3]

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Subscribe in your calendar").click()
    expect(page.get_by_role("heading", name="Subscribe to the agenda")).to_be_visible()
    expect(page.locator("svg.qr")).to_have_count(1)
    page.get_by_role("link", name="Log in").last.click()
    page.get_by_label("E-mail address").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()

    registration = Registration.objects.get(
        user__username=username, conference__slug=CONFERENCE_SLUG
    )
    address = page.get_by_label("Your personal feed address")
    expect(address).to_have_value(f"{live_server.url}/agenda/{registration.calendar_token}.ics")
    expect(page.locator("svg.qr")).to_have_count(2)
    screenshot("personal-feed")
    feed = page.request.get(address.input_value())
    assert feed.status == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"

    page.get_by_role("button", name="Give my feed a new address").click()

    expect(page.get_by_text("the old one no longer works")).to_be_visible()
    registration.refresh_from_db()
    expect(address).to_have_value(f"{live_server.url}/agenda/{registration.calendar_token}.ics")
    screenshot("new-address")
