"""A speaker uploads a photo on their profile, at phone and laptop widths, and sees it there,
on their speaker page and in the speakers list; a colleague without one shows initials. As
their company's primary contact they upload its logo and see it in the member directory.
Screenshots under test-artifacts/."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.factories import MemberFactory, ScheduleFactory, SlotFactory
from tests.images import image_bytes

pytestmark = pytest.mark.browser

SIZES = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 900}}


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is injected as an inline script; a Content-Security-Policy must not stop it.
    return {**browser_context_args, "bypass_csp": True}


def log_in(page, live_server, user) -> None:
    """Sign the browser in with a session made by Django's test client."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def natural_width(page, selector: str) -> int:
    """The natural width of the first image matching `selector`, once it has loaded (lazy
    images load when laid out near the viewport)."""
    page.wait_for_function(
        "s => { const i = document.querySelector(s); return i && i.complete; }", arg=selector
    )
    return page.evaluate("s => document.querySelector(s).naturalWidth", selector)


def loaded(page, alt: str) -> int:
    """The natural width of the image with this text alternative, once it has loaded."""
    expect(page.get_by_role("img", name=alt)).to_be_visible()
    return natural_width(page, f'img[alt="{alt}"]')


@pytest.mark.parametrize("width", [390, 1280])
def test_speaker_uploads_a_photo_and_sees_it_on_the_site(live_server, page, screenshot, axe, width):
    release = ScheduleFactory(released=True, conference__slug="orbit-summit")
    ada = MemberFactory(
        user__first_name="Ada",
        user__last_name="Lovelace",
        public_profile=True,
        job_title="Data architect",
        is_primary_contact=True,
        company__name="Orbit Bank",
    )
    grace = MemberFactory(
        user__first_name="Grace",
        user__last_name="Hopper",
        public_profile=True,
        company=ada.company,
    )
    SlotFactory(schedule=release, talk=True, submission__speakers=[ada, grace])
    page.set_viewport_size(SIZES[width])
    log_in(page, live_server, ada.user)

    page.goto(f"{live_server.url}/profile/")
    expect(page.get_by_text("No photo yet: your initials stand in for it.")).to_be_visible()
    page.get_by_label("Photo", exact=True).set_input_files(
        files=[
            {
                "name": "ada.png",
                "mimeType": "image/png",
                "buffer": image_bytes("PNG", size=(800, 600), colour="#c0563a"),
            }
        ]
    )
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    assert loaded(page, "Photo of Ada Lovelace") == 400
    expect(page.get_by_label("Remove my photo")).to_be_visible()
    assert axe(page) == []
    screenshot(f"profile-{width}")

    page.goto(f"{live_server.url}/conferences/orbit-summit/speakers/")
    expect(page.locator("img.avatar-medium")).to_have_count(1)
    expect(page.locator(".initials", has_text="GH")).to_be_visible()
    assert natural_width(page, "img.avatar-medium") == 96
    screenshot(f"speakers-{width}")

    page.get_by_role("link", name="Ada Lovelace").click()
    assert loaded(page, "Photo of Ada Lovelace") == 400
    assert axe(page) == []
    screenshot(f"speaker-{width}")

    page.goto(f"{live_server.url}/company/")
    page.get_by_role("region", name="Logo").get_by_label("Logo", exact=True).set_input_files(
        files=[
            {
                "name": "orbit.png",
                "mimeType": "image/png",
                "buffer": image_bytes("PNG", size=(900, 300), mode="RGBA", colour="#1f5fa8"),
            }
        ]
    )
    page.get_by_role("button", name="Save logo").click()
    expect(page.get_by_text("Orbit Bank's logo is saved.")).to_be_visible()
    assert loaded(page, "Orbit Bank logo") == 480
    screenshot(f"company-{width}")

    page.goto(f"{live_server.url}/members/")
    assert natural_width(page, "img.logo-small") == 160
    assert axe(page) == []
    screenshot(f"directory-{width}")
