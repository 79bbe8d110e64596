"""A conference's landing page as visitors reach it from the home page, on a phone (390 px)
and a laptop (1280 px): what it shows before and after the agenda's release, that it fits
the screen, and that axe finds no serious or critical violation. Screenshots go to
test-artifacts/."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from demo.data.conference import CONFERENCE_SLUG
from events.models import Conference

pytestmark = pytest.mark.browser

WIDTHS = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 900}}


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is injected as an inline script; a Content-Security-Policy must not stop it.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def demo():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    return Conference.objects.get(slug=CONFERENCE_SLUG)


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [390, 1280])
def test_visitor_goes_from_home_to_released_conference_and_its_schedule(
    live_server, page, axe, screenshot, demo, width
):
    page.set_viewport_size(WIDTHS[width])
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Speakers", exact=True).last).to_be_visible()
    assert fits_the_screen(page)
    assert axe(page) == []
    screenshot(f"home-{width}")

    page.get_by_role("link", name="About the conference").click()

    expect(page.get_by_role("heading", name=demo.name, level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Printed programme (PDF)")).to_be_visible()
    expect(page.get_by_role("link", name="Schedule for conference apps (frab XML)")).to_be_visible()
    expect(page.locator(".stats")).to_contain_text("sessions")
    assert fits_the_screen(page)
    assert axe(page) == []
    screenshot(f"released-{width}")

    page.get_by_role("link", name="See the schedule").click()
    expect(page.get_by_role("heading", name="Schedule", level=1)).to_be_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_visitor_sees_open_call_of_unreleased_conference(
    live_server, page, axe, screenshot, demo, width
):
    # Next year's conference, whose call for papers the demo keeps open.
    next_year = Conference.objects.get(starts_on__gt=demo.starts_on)
    page.set_viewport_size(WIDTHS[width])

    page.goto(f"{live_server.url}/conferences/{next_year.slug}/")

    expect(page.get_by_role("heading", name=next_year.name, level=1)).to_be_visible()
    expect(page.get_by_text("The agenda has not been released yet.")).to_be_visible()
    expect(page.get_by_role("link", name="See the schedule")).to_have_count(0)
    assert fits_the_screen(page)
    assert axe(page) == []
    screenshot(f"unreleased-{width}")

    page.get_by_role("link", name="Submit a proposal").first.click()
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
