"""Seats at hands-on labs on a phone (390 px) and a laptop (1280 px): the demo attendee's seat
and waitlist place, a newcomer joining a full lab's waitlist without JavaScript and moving up
when a seat comes free, cancelling a registration, and a primary contact transferring one to
a colleague; with axe on the new pages. Screenshots go to test-artifacts/."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from demo.data.accounts import LOGINS
from demo.data.conference import CONFERENCE_SLUG
from events.attendance.services import signup_leave
from events.models import Conference, Registration, SessionSignup, Slot
from members.models import Member
from tests.browser.conftest import ARTIFACTS
from tests.factories import PASSWORD, MemberFactory, UserFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
APOSTROPHE = "\N{RIGHT SINGLE QUOTATION MARK}"  # the pages' typographic apostrophe
ON_WAITLIST = f"You{APOSTROPHE}re on the waitlist"
FULL_JOIN = "Full \N{EN DASH} join the waitlist"


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is injected as an inline script; a Content-Security-Policy must not stop it.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def demo():
    call_command("seed_demo", "--force", stdout=io.StringIO())
    return Conference.objects.get(slug=CONFERENCE_SLUG)


def lab(conference: Conference, title_part: str) -> Slot:
    release = conference.schedules.released().first()
    assert release is not None
    return release.slots.get(signup_required=True, submission__title__icontains=title_part)


def log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def session_path(slot: Slot) -> str:
    return reverse("events:session", args=[slot.schedule.conference.slug, slot.uid])


def test_demo_attendee_on_phone_sees_waitlist_gives_up_seat_and_cancels(
    live_server, page, screenshot, axe, demo
):
    _, username, password, _ = LOGINS[3]
    streams, dbt = lab(demo, "stream"), lab(demo, "dbt")
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, username, password)

    page.goto(f"{live_server.url}{session_path(streams)}")
    expect(page.get_by_text(f"{ON_WAITLIST} (#2)")).to_be_visible()
    expect(page.get_by_role("button", name=f"Leave the waitlist of “{streams.display_title}”"))
    screenshot("waitlist-390")
    assert axe(page) == []

    page.goto(f"{live_server.url}{session_path(dbt)}")
    expect(page.get_by_text("You have a seat")).to_be_visible()
    page.get_by_role("button", name=f"Give up your seat of “{dbt.display_title}”").click()
    expect(page.get_by_text("You are no longer signed up for the session.")).to_be_visible()
    expect(page.get_by_text("10 seats left")).to_be_visible()
    screenshot("seat-given-up-390")

    page.goto(f"{live_server.url}{reverse('events:register', args=[demo.slug])}")
    page.get_by_role("link", name="Cancel my registration").click()
    expect(page.get_by_role("heading", name="Cancel your registration")).to_be_visible()
    assert axe(page) == []
    screenshot("cancel-390")
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_text(f"Your registration for {demo.name} is cancelled.")).to_be_visible()
    assert not Registration.objects.filter(conference=demo, user__username=username).exists()
    assert not SessionSignup.objects.filter(registration__user__username=username).exists()


def test_newcomer_on_laptop_joins_full_lab_without_javascript_and_moves_up(
    live_server, browser, demo
):
    UserFactory(username="newcomer", first_name="Noor", last_name="Visser-Ali")
    streams = lab(demo, "stream")
    context = browser.new_context(java_script_enabled=False, viewport=LAPTOP)
    page = context.new_page()
    log_in(page, live_server.url, "newcomer", PASSWORD)
    page.goto(f"{live_server.url}{reverse('events:register', args=[demo.slug])}")
    page.get_by_role("button", name=f"Register for {demo.name}").click()

    schedule = reverse("events:schedule", args=[demo.slug])
    page.goto(f"{live_server.url}{schedule}?day={streams.start.astimezone(demo.tz):%Y-%m-%d}")
    cell = page.locator(f"#slot-{streams.uid}")
    expect(cell.get_by_text("Full", exact=True)).to_be_visible()
    cell.get_by_role("button", name=f"{FULL_JOIN} for “{streams.display_title}”").click()
    expect(page.get_by_text("you are number 3 on the waitlist")).to_be_visible()
    expect(page.locator(f"#slot-{streams.uid}").get_by_text(f"{ON_WAITLIST} (#3)")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "capacity-waitlist-no-js-1280.png"), full_page=True)

    seated = SessionSignup.objects.filter(
        slot_uid=streams.uid, state=SessionSignup.State.CONFIRMED
    ).first()
    assert seated is not None
    signup_leave(registration=seated.registration, slot_uid=streams.uid)
    page.reload()
    expect(page.locator(f"#slot-{streams.uid}").get_by_text(f"{ON_WAITLIST} (#2)")).to_be_visible()
    context.close()


def test_primary_contact_on_laptop_transfers_a_registration(
    live_server, page, screenshot, axe, demo
):
    holder = Registration.objects.filter(
        conference=demo, pass_type=Registration.PassType.MEMBER
    ).first()
    assert holder is not None
    company = Member.objects.get(user=holder.user).company
    assert company is not None
    primary = Member.objects.get(company=company, is_primary_contact=True)
    primary.user.set_password(PASSWORD)
    primary.user.save()
    colleague = MemberFactory(
        company=company, user=UserFactory(first_name="Jo", last_name="Newhire")
    )
    holder_name = holder.user.get_full_name()
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server.url, primary.user.username, PASSWORD)

    page.goto(f"{live_server.url}{reverse('events:register', args=[demo.slug])}")
    page.get_by_role("link", name=f"Your company{APOSTROPHE}s registrations").click()
    expect(
        page.get_by_role("heading", name=f"{company.name}{APOSTROPHE}s registrations")
    ).to_be_visible()
    assert axe(page) == []
    form = page.get_by_role("form", name=f"Transfer {holder_name}{APOSTROPHE}s registration")
    form.get_by_label("Transfer to").select_option(label="Jo Newhire")
    screenshot("transfer-1280")
    form.get_by_role("button", name="Transfer").click()

    expect(
        page.get_by_text(f"{holder_name}'s registration now belongs to Jo Newhire")
    ).to_be_visible()
    assert Registration.objects.get(conference=demo, user=colleague.user).pass_type == (
        Registration.PassType.MEMBER
    )
    screenshot("transferred-1280")
