"""The header on a phone (390 px) and a laptop (1280 px): the phone menu opens the whole
navigation with and without JavaScript, Schedule, My agenda and Log in or Account stay in
the bar, the logged-in organizer's header is one row at 1280 px, and tap targets are at
least 44 by 44 px on phones. Screenshots go to test-artifacts/."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from demo.data.accounts import LOGINS
from demo.data.conference import CONFERENCE_SLUG
from events.models import Conference
from members.roles import CHECKIN_STAFF, ORGANIZERS, PROGRAM_COMMITTEE
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MemberFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
TAP = 44


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is injected as an inline script; a Content-Security-Policy must not stop it
    # (tests/browser/test_content_security_policy.py runs the menus under the policy).
    return {**browser_context_args, "bypass_csp": True}


def bar(page):
    return page.get_by_role("navigation", name="Main").locator(".nav-bar")


def menu(page, name: str):
    """The header's <details> menu whose button says `name` ("Menu" or "Account")."""
    return page.locator("details[data-dropdown]").filter(has=page.locator("summary", has_text=name))


def log_in(page, identifier: str, password: str = PASSWORD) -> None:
    page.get_by_label("E-mail address").fill(identifier)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def visible_boxes(locator) -> list[dict]:
    return [box for box in (item.bounding_box() for item in locator.all()) if box]


def small(boxes: list[dict]) -> list[dict]:
    return [box for box in boxes if box["width"] < TAP or box["height"] < TAP]


@pytest.fixture
def member():
    return MemberFactory(
        user=UserFactory(
            username="noor",
            email="noor.visser-ali@vanderlinde.example",
            first_name="Noor",
            last_name="Visser-Ali",
        )
    ).user


def test_phone_menu_opens_whole_navigation_and_closes_with_escape(
    live_server, page, screenshot, axe, member
):
    conference = ConferenceFactory(cfp_closes_at=timezone.now() + datetime.timedelta(days=7))
    SubmissionFactory(conference=conference, speakers=[member.member], title="Streaming at Orbit")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")

    for name in ("Schedule", "My agenda", "Log in"):
        expect(bar(page).get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(bar(page).get_by_role("link", name="Members", exact=True)).to_be_hidden()
    summary = menu(page, "Menu").locator("summary")
    expect(summary).to_have_attribute("aria-expanded", "false")

    summary.click()
    expect(summary).to_have_attribute("aria-expanded", "true")
    opened = menu(page, "Menu")
    for name in ("Conference", "Schedule", "Speakers", "My agenda", "Call for papers"):
        expect(opened.get_by_role("link", name=name, exact=True)).to_be_visible()
    for name in ("Members", "Case studies", "News", "Sign up", "Log in"):
        expect(opened.get_by_role("link", name=name, exact=True)).to_be_visible()
    assert small(visible_boxes(opened.get_by_role("link"))) == []
    screenshot("menu-open-390")
    assert axe(page) == []

    page.keyboard.press("Escape")
    expect(summary).to_have_attribute("aria-expanded", "false")
    expect(opened.get_by_role("link", name="Members", exact=True)).to_be_hidden()
    expect(summary).to_be_focused()

    summary.click()
    opened.get_by_role("link", name="Log in", exact=True).click()
    log_in(page, "Noor.Visser-Ali@vanderlinde.example")
    menu(page, "Menu").locator("summary").click()
    menu(page, "Menu").get_by_role("link", name="My submissions").click()
    expect(page.get_by_role("heading", name="My submissions", level=1)).to_be_visible()
    actions = (
        page.locator(".submission-actions")
        .get_by_role("link")
        .or_(page.locator(".submission-actions").get_by_role("button"))
    )
    expect(actions).to_have_count(3)  # Submit, Edit, Delete draft
    assert small(visible_boxes(actions)) == []
    screenshot("my-submissions-390")
    assert axe(page) == []


def test_phone_bar_keeps_account_menu_with_my_submissions(live_server, page, screenshot, member):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    log_in(page, "noor.visser-ali@vanderlinde.example")

    account = menu(page, "Account")
    expect(account.locator("summary")).to_be_visible()
    expect(bar(page).get_by_role("link", name="My agenda", exact=True)).to_be_visible()
    account.locator("summary").click()
    expect(account.get_by_text("Logged in as Noor Visser-Ali")).to_be_visible()
    expect(account.get_by_role("button", name="Log out")).to_be_visible()
    box = account.locator(".dropdown-panel").bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    screenshot("account-open-390")

    # Opening the Menu closes the Account menu: one panel at a time.
    menu(page, "Menu").locator("summary").click()
    expect(account.locator("summary")).to_have_attribute("aria-expanded", "false")
    account.locator("summary").click()
    account.get_by_role("link", name="My submissions").click()
    expect(page.get_by_role("heading", name="My submissions", level=1)).to_be_visible()


def test_phone_menu_works_without_javascript(live_server, browser, member):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/")
        menu(page, "Menu").locator("summary").click()
        menu(page, "Menu").get_by_role("link", name="My agenda").click()
        expect(page.get_by_role("heading", name="Log in to", level=1)).to_be_visible()
        expect(page.get_by_text("Log in to star sessions.")).to_be_visible()

        page.goto(f"{live_server.url}/")
        menu(page, "Menu").locator("summary").click()
        menu(page, "Menu").get_by_role("link", name="Log in").click()
        log_in(page, "noor.visser-ali@vanderlinde.example")
        menu(page, "Menu").locator("summary").click()
        menu(page, "Menu").get_by_role("link", name="My submissions").click()
        expect(page.get_by_role("heading", name="My submissions", level=1)).to_be_visible()

        menu(page, "Account").locator("summary").click()
        menu(page, "Account").get_by_role("button", name="Log out").click()
        expect(bar(page).get_by_role("link", name="Log in")).to_be_visible()
    finally:
        context.close()


def test_organizer_header_is_one_row_at_1280(live_server, page, screenshot, axe):
    organizer = UserFactory(
        username="eva",
        email="eva.lindqvist@polaris-users.example",
        first_name="Eva-Charlotte",
        last_name="Lindqvist-Åkerström",
        is_staff=True,
        roles=[ORGANIZERS, PROGRAM_COMMITTEE, CHECKIN_STAFF],
    )
    MemberFactory(user=organizer)
    page.set_viewport_size(LAPTOP)
    page.goto(f"{live_server.url}/accounts/login/")
    log_in(page, "eva.lindqvist@polaris-users.example")

    screenshot("header-1280")
    header = page.locator(".site-header").bounding_box()
    items = visible_boxes(page.locator(".brand, .nav-bar > li:visible"))
    assert header is not None
    assert header["height"] <= 60
    assert len(items) == 10  # the brand, eight sections, the Account menu
    assert {round(box["y"] + box["height"] / 2) for box in items} == {
        round(header["y"] + header["height"] / 2)
    }
    expect(menu(page, "Menu")).to_be_hidden()

    account = menu(page, "Account")
    account.locator("summary").click()
    for name in ("My submissions", "Review", "Check-in", "My profile", "Admin"):
        expect(account.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(account.get_by_role("button", name="Log out")).to_be_visible()
    screenshot("account-open-1280")
    assert axe(page) == []
    page.keyboard.press("Escape")
    expect(account.get_by_role("link", name="Admin")).to_be_hidden()


def test_phone_tap_targets_are_44_px(live_server, page, screenshot):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    conference = Conference.objects.get(slug=CONFERENCE_SLUG)
    _, username, password, _ = LOGINS[3]  # the attendee, registered: stars on every talk
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    log_in(page, username, password)
    page.goto(f"{live_server.url}/conferences/{conference.slug}/schedule/")

    header_targets = visible_boxes(page.locator(".nav-bar > li:visible > *:is(a, details) "))
    stars = visible_boxes(page.locator(".star-button, .slot .button, .slot a.button"))
    buttons = visible_boxes(page.locator("main .button:visible"))

    screenshot("schedule-390")
    assert len(header_targets) == 4  # Schedule, My agenda, Account, Menu
    assert len(stars) > 0
    assert (small(header_targets), small(stars), small(buttons)) == ([], [], [])


@pytest.mark.parametrize("width", [800, 1100])
def test_tablet_header_is_one_row_with_menu(live_server, page, screenshot, member, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    log_in(page, "noor.visser-ali@vanderlinde.example")

    screenshot(f"header-{width}")
    header = page.locator(".site-header").bounding_box()
    assert header is not None
    assert header["height"] <= 60
    expect(menu(page, "Menu").locator("summary")).to_be_visible()
    expect(bar(page).get_by_role("link", name="Members", exact=True)).to_be_hidden()
