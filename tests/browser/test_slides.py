"""Slides on a phone (390 px) and a laptop (1280 px): a visitor finds a session's slides
kept for members, logs in from the session page as a member of a company in good standing,
comes back to it and downloads the PDF; axe checks the page. Screenshots go to
test-artifacts/."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from events.models import Submission
from tests.factories import (
    PASSWORD,
    MemberFactory,
    ScheduleFactory,
    SlotFactory,
    slides_attach,
    slides_pdf,
)

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 900}}


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is injected as an inline script; a Content-Security-Policy must not stop it.
    return {**browser_context_args, "bypass_csp": True, "accept_downloads": True}


@pytest.mark.parametrize("screen", sorted(VIEWPORTS))
def test_member_downloads_slides_from_the_session_page(
    live_server, page, screenshot, axe, screen, tmp_path
):
    release = ScheduleFactory(released=True, conference__name="Polaris Summit")
    slot = SlotFactory(
        schedule=release,
        talk=True,
        submission__title="Streaming at Orbit",
        submission__state=Submission.State.CONFIRMED,
        submission__recording_url="https://video.example.org/watch/streaming-at-orbit",
    )
    assert slot.submission is not None
    body = slides_pdf("Streaming at Orbit", pages=3)
    slides_attach(slot.submission, body)
    MemberFactory(user__username="ada", user__first_name="Ada")
    page.set_viewport_size(VIEWPORTS[screen])
    session = reverse("events:session", args=[release.conference.slug, slot.uid])

    page.goto(f"{live_server.url}{session}")
    materials = page.get_by_role("region", name="Slides and recording")
    expect(materials).to_contain_text("Slides and the recording are available to members.")
    expect(materials.get_by_role("link", name="Download the slides (PDF)")).to_have_count(0)
    screenshot("anonymous")
    materials.get_by_role("link", name="Log in").click()

    page.get_by_label("E-mail address").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(f"{live_server.url}{session}")
    download_link = materials.get_by_role("link", name="Download the slides (PDF)")
    expect(download_link).to_be_visible()
    expect(materials.get_by_role("link", name="Watch the recording")).to_have_attribute(
        "href", "https://video.example.org/watch/streaming-at-orbit"
    )
    screenshot("member")
    assert axe(page) == []
    with page.expect_download() as download:
        download_link.click()

    saved = Path(tmp_path) / "slides.pdf"
    download.value.save_as(saved)
    assert (download.value.suggested_filename, saved.read_bytes()) == (
        "streaming-at-orbit-slides.pdf",
        body,
    )
