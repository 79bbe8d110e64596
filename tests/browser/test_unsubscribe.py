"""The one-click unsubscribe page and the e-mail choices on the profile page, as people reach
them from an e-mail, on a phone (390 px) and a laptop (1280 px): opening the link changes
nothing, the button unsubscribes, and the profile shows the choice; the pages fit the screen
and axe finds no serious violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from members.models import MailKind, MailOptOut
from members.services.mail import unsubscribe_token
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.browser

WIDTHS = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 900}}


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is injected as an inline script; a Content-Security-Policy must not stop it.
    return {**browser_context_args, "bypass_csp": True}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [390, 1280])
def test_unsubscribe_from_an_email_link(live_server, page, screenshot, axe, width):
    member = MemberFactory(
        user__username="ada",
        user__email="ada.lovelace.with.a.rather.long.address@orbit-bank.example",
    )
    token = unsubscribe_token(user_id=member.user.pk, kind=MailKind.ANNOUNCEMENTS)
    page.set_viewport_size(WIDTHS[width])

    page.goto(f"{live_server.url}{reverse('members:unsubscribe', args=[token])}")

    expect(page.get_by_role("heading", name="Unsubscribe from announcements?")).to_be_visible()
    assert (MailOptOut.objects.count(), fits(page), axe(page)) == (0, True, [])
    screenshot(f"ask-{width}")

    page.get_by_role("button", name="Unsubscribe").click()

    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    assert list(MailOptOut.objects.values_list("user", "kind")) == [
        (member.user.pk, "announcements")
    ]
    assert (fits(page), axe(page)) == (True, [])
    screenshot(f"done-{width}")

    page.get_by_role("link", name="your profile").click()
    page.get_by_label("E-mail address").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("checkbox", name="Announcements")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="Schedule changes")).to_be_checked()
    page.get_by_role("checkbox", name="Announcements").check()
    page.get_by_role("button", name="Save e-mail choices").click()

    expect(page.get_by_text("Your e-mail choices are saved.")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Announcements")).to_be_checked()
    screenshot(f"profile-{width}")
    assert (MailOptOut.objects.count(), fits(page), axe(page)) == (0, True, [])
