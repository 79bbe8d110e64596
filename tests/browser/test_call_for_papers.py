"""The whole call for papers in Chromium: a member proposes a talk with a co-speaker and
finds it under My submissions, a reviewer scores it, an organizer accepts it in the admin,
and the speaker confirms it."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.models import Review, Submission
from tests.browser.conftest import ARTIFACTS
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    MemberFactory,
    OrganizerFactory,
    ReviewerFactory,
    SessionFormatFactory,
    TrackFactory,
)

pytestmark = pytest.mark.browser


def log_in(browser, live_server, username: str):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mail address").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return page


def snap(page, name: str) -> None:
    """A full-page screenshot under test-artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"call-for-papers-{name}.png"), full_page=True)


def test_call_for_papers_from_proposal_to_confirmed_talk(live_server, browser):
    conference = ConferenceFactory(name="Polaris Summit", slug="summit", reviews_anonymous=True)
    SessionFormatFactory(conference=conference, name="Case study", duration_minutes=30)
    TrackFactory(conference=conference, name="Pipelines")
    MemberFactory(
        user__username="ada",
        user__email="ada@orbit.example",
        user__first_name="Ada",
        user__last_name="Lovelace",
    )
    MemberFactory(user__email="grace@nimbus.example", user__first_name="Grace")
    MemberFactory(user=ReviewerFactory(username="rita"))
    OrganizerFactory(username="olga")

    # The member proposes a talk with a co-speaker.
    page = log_in(browser, live_server, "ada")
    page.get_by_role("link", name="Call for papers", exact=True).click()
    page.get_by_role("link", name="Polaris Summit").click()
    expect(page.get_by_text("left.")).to_be_visible()
    page.get_by_role("link", name="Submit a proposal").click()
    page.get_by_label("Title").fill("Streaming at Orbit")
    page.get_by_label("Abstract").fill("How we moved nightly loads to streams, with numbers.")
    page.get_by_label("Format").select_option(label="Case study (30 min)")
    page.get_by_label("Track").select_option(label="Pipelines")
    page.get_by_label("Co-speakers").fill("grace@nimbus.example\nlin@elsewhere.example")
    snap(page, "proposal-form")
    page.get_by_role("button", name="Submit proposal").click()

    expect(page.get_by_role("heading", name="My submissions")).to_be_visible()
    expect(page.get_by_text("“Streaming at Orbit” is submitted.")).to_be_visible()
    card = page.locator("article.submission")
    expect(card.get_by_text("Submitted", exact=True)).to_be_visible()
    expect(card.get_by_text("grace@nimbus.example (invited)")).to_be_visible()
    expect(card.get_by_text("lin@elsewhere.example (invited)")).to_be_visible()
    snap(page, "my-submissions")
    # A member named as co-speaker is invited like anyone else, not linked.
    assert Submission.objects.get().speakers.count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ada@orbit.example",
        "grace@nimbus.example",
        "lin@elsewhere.example",
    ]

    # A reviewer scores it without seeing who proposed it.
    reviewer = log_in(browser, live_server, "rita")
    reviewer.locator(".site-header summary", has_text="Account").click()
    reviewer.get_by_role("link", name="Review").click()
    reviewer.get_by_role("link", name="Polaris Summit").click()
    expect(reviewer.get_by_text("You have reviewed 0 of 1 proposal.")).to_be_visible()
    reviewer.get_by_role("link", name="Streaming at Orbit").click()
    expect(reviewer.get_by_text("Lovelace")).to_have_count(0)
    reviewer.get_by_label("4 – good").check()  # noqa: RUF001 - the page's own en dash
    reviewer.get_by_label("Comment").fill("Clear results.")
    reviewer.get_by_role("button", name="Save review").click()
    expect(reviewer.get_by_text("You have reviewed 1 of 1 proposal.")).to_be_visible()
    snap(reviewer, "review-queue")
    assert list(Review.objects.values_list("score", flat=True)) == [4]

    # An organizer accepts it in the admin.
    organizer = log_in(browser, live_server, "olga")
    organizer.goto(f"{live_server.url}/admin/events/submission/")
    row = organizer.locator("#result_list tbody tr", has_text="Streaming at Orbit")
    expect(row.get_by_text("4.0")).to_be_visible()
    row.locator("input.action-select").check()
    organizer.locator("select[name=action]").select_option(label="Accept selected submissions")
    organizer.get_by_role("button", name="Go").click()
    expect(organizer.get_by_text("1 submission(s) now accepted")).to_be_visible()
    snap(organizer, "admin-accepted")

    # The speaker confirms it.
    page.goto(f"{live_server.url}/my/submissions/")
    expect(page.get_by_text("Accepted! Please confirm")).to_be_visible()
    page.get_by_role("button", name="Confirm I will present it").click()
    expect(page.get_by_text("Thank you: you will present “Streaming at Orbit”.")).to_be_visible()
    expect(card.get_by_text("Confirmed", exact=True)).to_be_visible()
    snap(page, "confirmed")
    assert Submission.objects.get().state == Submission.State.CONFIRMED
