"""The public conference site as attendees use it, on a phone (390 px) and a laptop
(1280 px): browse the schedule, filter it, log in, register, star sessions with and
without JavaScript, and read My agenda. Screenshots go to test-artifacts/."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from demo.data.accounts import LOGINS
from demo.data.conference import CONFERENCE_SLUG
from events.models import AgendaItem, Conference, Registration
from members.models import MemberCompany
from tests.factories import PASSWORD, MemberFactory, UserFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}


@pytest.fixture
def demo():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    return Conference.objects.get(slug=CONFERENCE_SLUG)


def log_in(page, username: str, password: str) -> None:
    page.get_by_label("E-mail address").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_new_attendee_on_phone_filters_registers_and_stars_without_reload(
    live_server, page, screenshot, demo
):
    newcomer = MemberFactory(
        user=UserFactory(username="newcomer", first_name="Noor", last_name="Visser-Ali"),
        company=MemberCompany.objects.get(slug="vanderlinde"),
    ).user
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Schedule").click()
    expect(page.get_by_role("heading", name="Schedule", level=1)).to_be_visible()
    expect(page.locator("thead")).to_be_hidden()  # a list on phones, not the grid
    screenshot("schedule-390")

    page.locator("summary", has_text="Filter sessions").click()
    page.get_by_label("Track").select_option(label="Pipelines and streaming")
    page.get_by_role("button", name="Show sessions").click()
    # Wait for the filtered page to finish loading: reloading while the form's
    # navigation is still under way detaches the page.
    page.wait_for_url(re.compile(r"[?&]track=pipelines(&|$)"))
    page.reload()
    expect(page.get_by_label("Track")).to_have_value("pipelines")
    expect(page.get_by_text("match your filters")).to_be_visible()

    page.locator(".slot-talk .slot-title a").first.click()
    title = page.locator("h1").inner_text()
    page.get_by_role("link", name="Log in to star this session").click()
    log_in(page, "newcomer", PASSWORD)
    page.get_by_role("link", name="Register to star this session").click()
    expect(page.get_by_text("Your pass:")).to_be_visible()
    page.get_by_role("button", name=f"Register for {demo.name}").click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(page.get_by_text("You are registered")).to_be_visible()

    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name=f"Star “{title}”", exact=True).click()
    expect(page.get_by_role("button", name=f"Unstar “{title}”", exact=True)).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
    registration = Registration.objects.get(conference=demo, user=newcomer)
    assert registration.agenda_items.count() == 1

    page.get_by_role("link", name="My agenda").click()
    expect(page.get_by_role("link", name=title)).to_be_visible()
    screenshot("agenda-390")


def test_demo_attendee_on_laptop_sees_grid_changes_and_clash(live_server, page, screenshot, demo):
    _, username, password, _ = LOGINS[3]
    page.set_viewport_size(LAPTOP)
    page.goto(f"{live_server.url}/accounts/login/")
    log_in(page, username, password)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Schedule").click()
    expect(page.get_by_role("heading", name="The agenda has changed since your last visit"))
    expect(page.locator("thead")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Auditorium")).to_be_visible()
    screenshot("schedule-1280")

    page.get_by_role("link", name="Wednesday").click()
    expect(page.locator(".day-tabs [aria-current=page]")).to_contain_text("Wednesday")
    page.get_by_role("link", name="My agenda").click()
    expect(page.locator(".flag-clash").first).to_contain_text("Clash")
    expect(page.locator(".flag-cancelled")).to_have_count(1)
    screenshot("agenda-1280")

    page.locator(".agenda-item .slot-title a").nth(1).click()
    expect(page.get_by_role("link", name="Add to Google Calendar")).to_be_visible()
    screenshot("session-1280")
    page.set_viewport_size(PHONE)
    screenshot("session-390")


def test_star_without_javascript_posts_and_comes_back(live_server, browser, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _, username, password, _ = LOGINS[3]
    page.goto(f"{live_server.url}/accounts/login/?next=/schedule/")
    log_in(page, username, password)
    registration = Registration.objects.get(user__username=username)
    before = AgendaItem.objects.filter(registration=registration).count()

    star = page.locator(".slot form:has(input[value=star]) button").first
    name = star.inner_text()
    star.click()

    expect(page.get_by_text("Added to your agenda.")).to_be_visible()
    expect(
        page.get_by_role("button", name="Unstar" + name.removeprefix("Star"), exact=True)
    ).to_be_visible()
    assert AgendaItem.objects.filter(registration=registration).count() == before + 1
    context.close()
