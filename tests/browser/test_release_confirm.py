"""An organizer releases the agenda in Chromium, at a phone's width (390 px) and a
laptop's (1280 px): the builder's release form first shows the changelog and how many
attendees and speakers will be e-mailed, and only the confirmation releases."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from events.models import Slot, Submission
from events.schedule.services import schedule_release, schedule_working
from tests.browser.test_agenda_builder import log_in
from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    MemberFactory,
    OrganizerFactory,
    RegistrationFactory,
    RoomFactory,
    SlotFactory,
    SubmissionFactory,
    local_datetime,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe is injected as an inline script; a Content-Security-Policy must not stop it.
    return {**browser_context_args, "bypass_csp": True}


@pytest.mark.parametrize("width", [390, 1280])
def test_release_shows_changelog_and_counts_then_confirm_releases(
    live_server, page, screenshot, axe, width
):
    page.set_viewport_size({"width": width, "height": 900})
    conference = ConferenceFactory(
        name="Polaris Summit 2030",
        starts_on=datetime.date(2030, 6, 10),
        ends_on=datetime.date(2030, 6, 11),
        timezone="Europe/Amsterdam",
    )
    working = schedule_working(conference=conference)
    auditorium = RoomFactory(conference=conference, name="Auditorium", order=0)
    studio = RoomFactory(conference=conference, name="Studio", order=1)
    talk = SlotFactory(
        schedule=working,
        room=auditorium,
        start=local_datetime(conference, conference.starts_on, 9),
        end=local_datetime(conference, conference.starts_on, 10),
        submission=SubmissionFactory(
            conference=conference,
            title="Streaming at Orbit: moving 300 nightly batch jobs without losing a row",
            state=Submission.State.ACCEPTED,
            speakers=[MemberFactory(), MemberFactory()],
        ),
        title="",
    )
    schedule_release(conference=conference, version="1.0")
    for _ in range(3):
        AgendaItemFactory(
            registration=RegistrationFactory(conference=conference), slot_uid=talk.uid
        )
    later = datetime.timedelta(hours=2)
    Slot.objects.filter(pk=talk.pk).update(
        room=studio, start=talk.start + later, end=talk.end + later
    )
    log_in(page, live_server, OrganizerFactory())
    page.goto(f"{live_server.url}{reverse('admin:events_conference_agenda', args=[conference.pk])}")

    form = page.locator(".agenda-release-form")
    form.get_by_label("Version").fill("1.1")
    form.get_by_role("button", name="Review release").click()

    expect(
        page.get_by_role("heading", name="Release version 1.1 of Polaris Summit 2030?")
    ).to_be_visible()
    expect(page.locator('[data-count="moved"]')).to_have_text("1")
    expect(page.locator('[data-count="attendees"]')).to_have_text("3")
    expect(page.locator('[data-count="speakers"]')).to_have_text("2")
    expect(page.locator(".release-changelog-moved")).to_contain_text("Studio")
    assert not conference.schedules.filter(version="1.1").exists()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert axe(page) == []
    screenshot(f"preview-{width}")

    page.get_by_role("button", name="Release version 1.1").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "Released version 1.1: 0 new, 1 moved, 0 changed, 0 cancelled."
    )
    assert conference.schedules.filter(version="1.1").exists()
