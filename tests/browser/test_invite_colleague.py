"""A company's primary contact invites a colleague through the browser; the colleague
follows the link from the e-mail, chooses a password and is at the company."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from members.models import Member
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.browser


def test_primary_contact_invites_colleague_who_joins(live_server, page, screenshot):
    primary = MemberFactory(
        company__name="Orbit Bank",
        is_primary_contact=True,
        user__username="ada",
        user__first_name="Ada",
        user__last_name="Lovelace",
    )

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail address").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator(".site-header summary", has_text="Account").click()
    page.get_by_role("link", name="My profile").click()
    page.get_by_role("link", name="Orbit Bank: people and membership").click()
    page.get_by_label("Colleague's e-mail address").fill("grace@orbit.example")
    page.get_by_role("button", name="Send invitation").click()

    expect(page.get_by_text("Invitation sent to grace@orbit.example.")).to_be_visible()
    expect(
        page.get_by_role("button", name="Withdraw the invitation to grace@orbit.example")
    ).to_be_visible()
    screenshot("invitation-sent")

    found = re.search(r"https?://\S+(/invitations/\S+/)", str(mail.outbox[-1].body))
    assert found is not None
    link = found.group(1)
    page.locator(".site-header summary", has_text="Account").click()
    page.get_by_role("button", name="Log out").click()
    page.goto(f"{live_server.url}{link}")
    expect(page.get_by_role("heading", name="Join Orbit Bank")).to_be_visible()
    page.get_by_label("First name").fill("Grace")
    page.get_by_label("Last name").fill("Hopper")
    page.get_by_label("Password", exact=True).fill("a long enough passphrase")
    page.get_by_label("Password again").fill("a long enough passphrase")
    screenshot("invitation-accept")
    page.get_by_role("button", name="Create my account and join").click()

    expect(page.get_by_text("Your account is ready and you joined Orbit Bank.")).to_be_visible()
    screenshot("joined")
    assert Member.objects.get(user__email="grace@orbit.example").company == primary.company
