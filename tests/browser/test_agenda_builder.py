"""An organizer drags talks onto the agenda builder's grid in Chromium: a drop on a free
place is saved and still there after a reload; a drop on a taken place is refused with the
reason."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from events.models import Slot, Submission
from events.schedule.services import schedule_working, slot_save
from tests.factories import (
    PASSWORD,
    ConferenceFactory,
    OrganizerFactory,
    RoomFactory,
    SlotFactory,
    SubmissionFactory,
    local_datetime,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}{reverse('admin:login')}")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def drop_point(page, room, minute: int) -> tuple:
    """The lane of a room, and the point in it where the grid's row for `minute` begins."""
    lane = page.locator(f'.agenda-grid__lane[data-room="{room.pk}"]')
    label = page.locator(f'.agenda-grid__time[data-minute="{minute}"]')
    lane_box, label_box = lane.bounding_box(), label.bounding_box()
    return lane, {"x": lane_box["width"] / 2, "y": label_box["y"] - lane_box["y"] + 2}


def test_agenda_builder_drag_to_free_place_saved_and_to_taken_place_refused(
    live_server, page, screenshot
):
    conference = ConferenceFactory(
        name="Polaris Summit 2030",
        starts_on=datetime.date(2030, 6, 10),
        ends_on=datetime.date(2030, 6, 11),
    )
    working = schedule_working(conference=conference)
    auditorium = RoomFactory(conference=conference, name="Auditorium", order=0)
    studio = RoomFactory(conference=conference, name="Studio", order=1)
    opening = SlotFactory(
        schedule=working,
        room=auditorium,
        title="Opening",
        start=local_datetime(conference, conference.starts_on, 9),
        end=local_datetime(conference, conference.starts_on, 10),
    )
    first = SubmissionFactory(
        conference=conference, title="Streaming at Orbit", state=Submission.State.ACCEPTED
    )
    second = SubmissionFactory(
        conference=conference, title="Lakehouse lessons", state=Submission.State.CONFIRMED
    )
    log_in(page, live_server, OrganizerFactory())
    page.goto(f"{live_server.url}{reverse('admin:events_conference_agenda', args=[conference.pk])}")
    expect(page.get_by_role("heading", name="Talks to place (2)")).to_be_visible()

    lane, point = drop_point(page, studio, 9 * 60)
    page.locator(f'.agenda-card[data-submission="{first.pk}"]').drag_to(lane, target_position=point)
    expect(page.locator("#agenda-status")).to_contain_text(
        "Placed “Streaming at Orbit”: Studio, Mon 10 Jun 09:00–09:30."  # noqa: RUF001 - the page's own en dash
    )
    page.reload()

    placed = page.locator(".agenda-slot", has_text="Streaming at Orbit")
    expect(placed).to_be_visible()
    expect(placed.locator(".agenda-slot__time")).to_have_text("09:00–09:30")  # noqa: RUF001 - the page's own en dash
    expect(page.get_by_role("heading", name="Talks to place (1)")).to_be_visible()
    screenshot("placed")

    page.locator(f'.agenda-card[data-submission="{second.pk}"]').drag_to(
        page.locator(f"#agenda-slot-{opening.pk}")
    )

    expect(page.locator("#agenda-status")).to_contain_text(
        "Auditorium is taken from 09:00 to 10:00 by “Opening” (Auditorium)."
    )
    expect(page.locator(f'.agenda-card[data-submission="{second.pk}"]')).to_be_visible()
    screenshot("refused")
    assert list(working.slots.order_by("start").values_list("room__name", "submission")) == [
        ("Auditorium", None),
        ("Studio", first.pk),
    ]
    assert Slot.objects.get(submission=first).start == local_datetime(
        conference, conference.starts_on, 9
    )


def test_agenda_builder_drop_where_another_organizer_just_placed_reloads_with_reason(
    live_server, page, screenshot
):
    conference = ConferenceFactory(
        starts_on=datetime.date(2030, 6, 10), ends_on=datetime.date(2030, 6, 10)
    )
    working = schedule_working(conference=conference)
    studio = RoomFactory(conference=conference, name="Studio")
    mine = SubmissionFactory(
        conference=conference, title="Lakehouse lessons", state=Submission.State.ACCEPTED
    )
    log_in(page, live_server, OrganizerFactory())
    page.goto(f"{live_server.url}{reverse('admin:events_conference_agenda', args=[conference.pk])}")
    # Meanwhile, on another organizer's screen:
    slot_save(
        slot=Slot(
            schedule=working,
            room=studio,
            kind=Slot.Kind.BREAK,
            title="Sponsor demo",
            start=local_datetime(conference, conference.starts_on, 11),
            end=local_datetime(conference, conference.starts_on, 12),
        )
    )

    lane, point = drop_point(page, studio, 11 * 60)
    page.locator(f'.agenda-card[data-submission="{mine.pk}"]').drag_to(lane, target_position=point)

    expect(page.locator("#agenda-status")).to_contain_text(
        "Studio is taken from 11:00 to 12:00 by “Sponsor demo” (Studio)."
    )
    expect(page.locator(".agenda-slot", has_text="Sponsor demo")).to_be_visible()
    screenshot("reloaded")
    assert working.slots.count() == 1


def test_agenda_builder_places_talk_from_the_keyboard(live_server, page, screenshot):
    conference = ConferenceFactory(
        starts_on=datetime.date(2030, 6, 10), ends_on=datetime.date(2030, 6, 11)
    )
    working = schedule_working(conference=conference)
    RoomFactory(conference=conference, name="Auditorium", order=0)
    studio = RoomFactory(conference=conference, name="Studio", order=1)
    mine = SubmissionFactory(
        conference=conference, title="Lakehouse lessons", state=Submission.State.ACCEPTED
    )
    log_in(page, live_server, OrganizerFactory())
    page.goto(f"{live_server.url}{reverse('admin:events_conference_agenda', args=[conference.pk])}")

    page.locator(f'.agenda-card[data-submission="{mine.pk}"]').focus()
    page.keyboard.press("Enter")
    page.get_by_label("Room").select_option(label="Studio")
    page.get_by_label("Day", exact=True).select_option(label="Tue 11 Jun")
    page.get_by_label("Starts").fill("14:00")
    page.get_by_label("Ends").fill("15:00")
    page.get_by_role("button", name="Save").click()

    expect(page.locator("#agenda-status")).to_contain_text(
        "Placed “Lakehouse lessons”: Studio, Tue 11 Jun 14:00–15:00."  # noqa: RUF001 - the page's own en dash
    )
    screenshot("placed-by-keyboard")
    slot = working.slots.get()
    assert (slot.room, slot.start, slot.end) == (
        studio,
        local_datetime(conference, datetime.date(2030, 6, 11), 14),
        local_datetime(conference, datetime.date(2030, 6, 11), 15),
    )
