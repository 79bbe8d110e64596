"""The mail composer in the admin, on a phone (390 px) and a laptop (1280 px): an organizer
composes a mailing to a conference's registrants, previews it (the count and one rendered
message), sends it, and sees the outbox with each recipient's status."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from events.models import Mailing
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MemberFactory,
    OrganizerFactory,
    RegistrationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is injected as an inline script; a Content-Security-Policy must not stop it.
    return {**browser_context_args, "bypass_csp": True}


@pytest.mark.parametrize("width", [390, 1280])
def test_compose_preview_send_and_see_the_outbox(live_server, page, screenshot, axe, width):
    conference = ConferenceFactory(name="Polaris Summit")
    ada = MemberFactory(
        user__first_name="Ada", user__last_name="Lovelace", company__name="Engines Ltd"
    ).user
    RegistrationFactory(conference=conference, user=ada)
    RegistrationFactory(conference=conference, user__first_name="Grace")
    organizer = OrganizerFactory()
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"{live_server.url}{reverse('admin:login')}")
    page.get_by_label("Username").fill(organizer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}{reverse('admin:events_mailing_add')}")
    page.get_by_label("Subject").fill("See you at {conference}, {first_name}")
    page.get_by_label("Body").fill("Dear {full_name} of {company},\n\nthe agenda is out.")
    page.locator("#id_conference").select_option(label=str(conference))
    page.get_by_label("Registered for the conference").check()
    page.get_by_role("button", name="Preview").click()

    expect(page.locator("#preview-count")).to_contain_text("2 recipients")
    expect(page.locator("#preview-subject")).to_have_text("See you at Polaris Summit, Ada")
    expect(page.locator("#preview-body")).to_contain_text("Dear Ada Lovelace of Engines Ltd,")
    assert axe(page) == []
    screenshot(f"preview-{width}")

    page.get_by_role("button", name="Send now").click()

    expect(page.get_by_text("is on its way to 2 people")).to_be_visible()
    expect(page.locator("#outbox-counts")).to_contain_text("Sent: 2")
    expect(page.locator("#outbox tbody tr")).to_have_count(2)
    expect(page.locator("#outbox td.status").first).to_have_text("Sent")
    assert Mailing.objects.get().state == Mailing.State.SENT
    assert axe(page) == []
    screenshot(f"outbox-{width}")
