"""Check-in at the door on a phone (390 px) and a laptop (1280 px): staff type a badge's
code, or scan it where the browser has BarcodeDetector; the page works without JavaScript,
under the strict Content-Security-Policy."""

import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.checkin.selectors import registration_checkin_code
from events.models import CheckIn
from members.roles import CHECKIN_STAFF
from tests.browser.test_content_security_policy import watch_policy
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MemberCompanyFactory,
    MemberFactory,
    RegistrationFactory,
    ScheduleFactory,
    SlotFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

SIZES = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 900}}

# Stands in for a camera and the browser's QR decoder, which headless Chromium on Linux
# lacks: the "camera" is a canvas, and the decoder reads the code put in window.__badge.
FAKE_SCANNER = """
window.BarcodeDetector = class {
  constructor() {}
  async detect() { return window.__badge ? [{ rawValue: window.__badge }] : []; }
};
Object.defineProperty(navigator, "mediaDevices", { value: {
  getUserMedia: async () => {
    const canvas = document.createElement("canvas");
    canvas.getContext("2d").fillRect(0, 0, 10, 10);
    return canvas.captureStream(5);
  },
}});
"""


def door():
    today = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo("Europe/Amsterdam")).date()
    conference = ConferenceFactory(name="Orbit Summit", slug="orbit-summit", starts_on=today)
    SlotFactory(schedule=ScheduleFactory(conference=conference, released=True), talk=True)
    company = MemberCompanyFactory(name="Nordic Steel AB")
    member = MemberFactory(company=company, user__first_name="Åsa", user__last_name="Østergaard")
    registration = RegistrationFactory(conference=conference, user=member.user)
    UserFactory(username="stina", roles=[CHECKIN_STAFF])
    return conference, registration


def log_in(page, url: str) -> None:
    page.goto(f"{url}/accounts/login/?next=/conferences/orbit-summit/checkin/")
    page.get_by_label("E-mail address").fill("stina")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Check-in")).to_be_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_staff_check_a_typed_code_in_without_reloading(live_server, page, screenshot, width):
    _, registration = door()
    code = registration_checkin_code(registration)
    violations = watch_policy(page)
    page.set_viewport_size(SIZES[width])
    log_in(page, live_server.url)
    page.evaluate("window.__stayed = true")

    page.get_by_label("Check-in code").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Check in").click()

    result = page.locator("#checkin-result")
    expect(result).to_contain_text("Checked in")
    expect(result).to_contain_text("Åsa Østergaard")
    expect(result).to_contain_text("Nordic Steel AB")
    assert page.evaluate("window.__stayed") is True  # answered by fetch, no reload
    expect(page.get_by_label("Check-in code")).to_have_value("")
    expect(page.locator(".checkin-counts .is-today")).to_contain_text("1")
    screenshot(f"checked-in-{width}")

    page.get_by_label("Check-in code").fill(code)
    page.get_by_role("button", name="Check in").click()
    expect(result).to_contain_text("Already checked in at")

    page.get_by_label("Check-in code").fill("1-AAAAA-AAAAA")
    page.get_by_role("button", name="Check in").click()
    expect(result).to_contain_text("Not valid")
    screenshot(f"not-valid-{width}")

    assert CheckIn.objects.count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[width]["width"]
    assert violations == []


def test_staff_without_a_camera_decoder_type_codes_only(live_server, page):
    door()
    log_in(page, live_server.url)

    expect(page.get_by_role("button", name="Scan with the camera")).to_be_hidden()
    expect(page.get_by_label("Check-in code")).to_be_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_staff_scan_a_badge_with_the_camera(live_server, page, screenshot, width):
    _, registration = door()
    page.add_init_script(FAKE_SCANNER)
    violations = watch_policy(page)
    page.set_viewport_size(SIZES[width])
    log_in(page, live_server.url)

    page.get_by_role("button", name="Scan with the camera").click()
    expect(page.get_by_role("button", name="Stop the camera")).to_be_visible()
    page.evaluate(f"window.__badge = {registration_checkin_code(registration)!r}")

    expect(page.locator("#checkin-result")).to_contain_text("Åsa Østergaard")
    screenshot(f"scanned-{width}")
    page.get_by_role("button", name="Stop the camera").click()
    assert CheckIn.objects.count() == 1
    assert violations == []


def test_check_in_works_without_javascript(live_server, browser):
    _, registration = door()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url)

    page.get_by_label("Check-in code").fill(registration_checkin_code(registration))
    page.get_by_role("button", name="Check in").click()

    expect(page.locator("#checkin-result")).to_contain_text("Checked in")
    expect(page.locator(".checkin-counts")).to_contain_text("1")
    context.close()
    assert CheckIn.objects.get().registration == registration


@pytest.mark.parametrize("width", [390, 1280])
def test_check_in_page_has_no_serious_accessibility_violations(live_server, browser, axe, width):
    _, registration = door()
    # axe is injected as an inline script; the Content-Security-Policy must not stop it.
    context = browser.new_context(bypass_csp=True, viewport=SIZES[width])
    page = context.new_page()
    log_in(page, live_server.url)
    empty = axe(page)

    page.get_by_label("Check-in code").fill(registration_checkin_code(registration))
    page.get_by_role("button", name="Check in").click()
    expect(page.locator("#checkin-result")).to_contain_text("Checked in")
    answered = axe(page)
    context.close()

    assert (empty, answered) == ([], [])
