"""The admin and the site work under the strict Content-Security-Policy: no page breaks a
directive, and the admin's own scripts (prepopulated slugs, inline rows, date widgets,
autocomplete) still run."""

import pytest
from playwright.sync_api import expect

from events.models import Submission
from events.schedule.services import schedule_release, schedule_working
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    SlotFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.browser


def watch_policy(page) -> list[str]:
    """Collect every report of a blocked resource, inline script or style on the page."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_admin_pages_run_their_scripts_without_breaking_the_policy(live_server, page, screenshot):
    OrganizerFactory(username="olga")
    conference = ConferenceFactory(name="Orbit Summit")
    SubmissionFactory(conference=conference, state=Submission.State.ACCEPTED)
    violations = watch_policy(page)

    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("olga")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Members, conferences and agenda")).to_be_visible()

    page.goto(f"{live_server.url}/admin/events/conference/add/")
    page.locator("#id_name").press_sequentially("Polaris Summit 2031")
    expect(page.locator("#id_slug")).to_have_value("polaris-summit-2031")
    page.get_by_text("Add another Room").click()
    expect(page.locator("#id_rooms-0-name")).to_be_visible()
    page.get_by_role("link", name="Today").first.click()
    expect(page.locator("#id_starts_on")).not_to_have_value("")
    screenshot("conference-add")

    page.goto(f"{live_server.url}/admin/events/slot/add/")
    page.locator(".select2-selection").first.click()
    expect(page.locator(".select2-results__option").first).to_be_visible()

    page.goto(f"{live_server.url}/admin/events/submission/")
    page.locator("#action-toggle").check()
    expect(page.locator(".action-counter")).to_contain_text("1 of 1 selected")

    assert violations == []


def test_public_pages_break_no_directive(live_server, page):
    conference = ConferenceFactory(name="Orbit Summit")
    working = schedule_working(conference=conference)
    slot = SlotFactory(schedule=working, room=RoomFactory(conference=conference), talk=True)
    schedule_release(conference=conference, version="1.0")
    assert slot.submission is not None
    violations = watch_policy(page)

    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Orbit Summit")).to_be_visible()
    # The header's menu script (js/nav.js) runs under the policy: it sets aria-expanded.
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(".site-header summary", has_text="Menu").click()
    expect(page.locator(".site-header summary", has_text="Menu")).to_have_attribute(
        "aria-expanded", "true"
    )
    page.goto(f"{live_server.url}/conferences/{conference.slug}/sessions/{slot.uid}/")
    expect(page.get_by_role("heading", name=slot.submission.title)).to_be_visible()
    page.goto(f"{live_server.url}/accounts/login/")

    assert violations == []
