"""After the sessions on a phone (390 px) and a laptop (1280 px): an attendee evaluates a
session from My agenda, the speaker reads the results, and anyone can verify the
certificate; the pages fit the screen, keep to the Content-Security-Policy and pass axe."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.evaluations.services import certificate_issue
from events.models import Evaluation
from tests.browser.test_content_security_policy import watch_policy
from tests.events.evaluations.conftest import make_hall
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

SIZES = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 900}}


def hall():
    """The evaluation tests' conference, held three days ago."""
    found = make_hall(timezone.localdate() - datetime.timedelta(days=3))
    for member, username in ((found.attendee, "ada"), (found.speaker, "grace")):
        member.user.username = username
        member.user.set_password(PASSWORD)
        member.user.save()
    return found


def log_in(page, url: str, username: str, next_url: str) -> None:
    page.goto(f"{url}/accounts/login/?next={next_url}")
    page.get_by_label("E-mail address").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= SIZES[width]["width"]


@pytest.mark.parametrize("width", [390, 1280])
def test_attendee_evaluates_a_session_from_my_agenda(live_server, page, screenshot, width):
    found = hall()
    violations = watch_policy(page)
    page.set_viewport_size(SIZES[width])
    log_in(page, live_server.url, "ada", f"/conferences/{found.conference.slug}/agenda/")

    section = page.locator("#evaluations")
    expect(section).to_contain_text("Compilers at scale")
    expect(section).to_contain_text("1.5 credit hours")
    screenshot(f"agenda-{width}")
    assert fits(page, width)
    section.get_by_role("link", name="Evaluate “Compilers at scale”").click()

    expect(page.get_by_role("heading", name="Evaluate “Compilers at scale”")).to_be_visible()
    page.get_by_role("button", name="Send evaluation").click()  # nothing chosen yet
    expect(page.locator(".field-invalid")).to_have_count(2)
    page.get_by_role("group", name="Content").get_by_label("4 – good").check()  # noqa: RUF001 - the page's en dash
    page.get_by_role("group", name="Speaker").get_by_label("5 – excellent").check()  # noqa: RUF001 - the page's en dash
    page.get_by_label("Comment").fill("Clear <b>and</b> useful")
    screenshot(f"form-{width}")
    assert fits(page, width)
    page.get_by_role("button", name="Send evaluation").click()

    expect(page.get_by_text("Thank you for evaluating “Compilers at scale”.")).to_be_visible()
    expect(page.locator("#evaluations")).to_contain_text("Evaluated")
    assert Evaluation.objects.get().comment == "Clear <b>and</b> useful"
    assert violations == []


@pytest.mark.parametrize("width", [390, 1280])
def test_speaker_reads_results_and_anyone_verifies_a_certificate(
    live_server, page, screenshot, width
):
    found = hall()
    Evaluation.objects.create(
        registration=found.registration,
        slot_uid=found.talk.uid,
        content_rating=4,
        speaker_rating=5,
        comment="Clear and useful",
    )
    certificate = certificate_issue(registration=found.registration)
    violations = watch_policy(page)
    page.set_viewport_size(SIZES[width])
    log_in(page, live_server.url, "grace", f"/conferences/{found.conference.slug}/my/evaluations/")

    expect(page.get_by_role("heading", name="Your sessions' evaluations")).to_be_visible()
    expect(page.locator(".evaluation-result")).to_contain_text("4.0 / 5")
    expect(page.locator(".evaluation-result")).to_contain_text("Clear and useful")
    screenshot(f"results-{width}")
    assert fits(page, width)

    page.goto(f"{live_server.url}/certificates/{certificate.code}/")
    expect(page.get_by_role("heading", name="This certificate is valid")).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("Ada Lovelace")
    expect(page.locator(".facts")).to_contain_text("1.5")
    screenshot(f"verify-{width}")
    assert fits(page, width)
    assert violations == []


@pytest.mark.parametrize("width", [390, 1280])
def test_evaluation_pages_have_no_serious_accessibility_violations(
    live_server, browser, axe, width
):
    found = hall()
    certificate = certificate_issue(registration=found.registration)
    # axe is injected as an inline script; the Content-Security-Policy must not stop it.
    context = browser.new_context(bypass_csp=True, viewport=SIZES[width])
    page = context.new_page()
    slug = found.conference.slug
    log_in(page, live_server.url, "ada", f"/conferences/{slug}/agenda/")
    violations = {"agenda": axe(page)}
    page.goto(f"{live_server.url}/conferences/{slug}/sessions/{found.talk.uid}/evaluate/")
    page.get_by_role("button", name="Send evaluation").click()  # the form with its errors
    violations["evaluate"] = axe(page)
    page.goto(f"{live_server.url}/certificates/{certificate.code}/")
    violations["verify"] = axe(page)
    context.clear_cookies()
    log_in(page, live_server.url, "grace", f"/conferences/{slug}/my/evaluations/")
    violations["results"] = axe(page)
    context.close()

    assert violations == {"agenda": [], "evaluate": [], "verify": [], "results": []}
