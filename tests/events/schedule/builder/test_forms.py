"""The agenda builder's plain forms (events/schedule/builder.py): adding a block across the
venue or in chosen rooms, releasing the schedule after a preview of its changelog and of
whom it mails, and the list of releases."""

import pytest

from events.models import Slot
from events.schedule.services import schedule_release
from members.models import OutgoingEmail
from tests.events.schedule.builder.conftest import JUNE_10, at, block, builder_url, talk
from tests.factories import AgendaItemFactory, MemberFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


# Blocks and releases: plain forms


def block_form(**changes) -> dict:
    data = {
        "action": "block",
        "kind": "meal",
        "title": "Lunch",
        "description": "",
        "day": "2030-06-10",
        "start": "12:30",
        "end": "13:30",
    }
    data.update(changes)
    return data


def test_builder_block_form_adds_whole_venue_block(
    organizer_client, conference, working, auditorium
):
    response = organizer_client.post(builder_url(conference), block_form())

    slot = working.slots.get()
    assert (response.status_code, slot.room, slot.kind, slot.start) == (
        302,
        None,
        "meal",
        at(conference, JUNE_10, 12, 30),
    )


def test_builder_block_form_adds_one_slot_per_chosen_room(
    organizer_client, conference, working, auditorium, studio
):
    organizer_client.post(
        builder_url(conference),
        block_form(kind="keynote", title="Vendor keynote", rooms=[auditorium.pk, studio.pk]),
    )

    assert sorted(working.slots.values_list("room__name", flat=True)) == ["Auditorium", "Studio"]


def test_builder_block_form_conflict_shown_on_filled_form(
    organizer_client, conference, working, auditorium
):
    block(
        working, auditorium, at(conference, JUNE_10, 12), at(conference, JUNE_10, 13), title="Panel"
    )

    response = organizer_client.post(builder_url(conference), block_form(title="Lunch break"))

    form = response.context["block_form"]
    assert (response.status_code, form.non_field_errors(), form["title"].value()) == (
        400,
        ["The whole venue is taken from 12:00 to 13:00 by “Panel” (Auditorium)."],
        "Lunch break",
    )
    assert working.slots.count() == 1


def test_builder_block_form_ending_before_start_refused(organizer_client, conference, working):
    response = organizer_client.post(builder_url(conference), block_form(end="12:00"))

    assert (response.status_code, response.context["block_form"].errors["end"]) == (
        400,
        ["The block must end after it starts."],
    )


def test_builder_release_form_releases_with_changelog_once_confirmed(
    organizer_client, conference, working, auditorium
):
    block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))
    form = {"action": "release", "version": "1.0", "note": "First program."}
    preview = organizer_client.post(builder_url(conference), form)

    response = organizer_client.post(
        builder_url(conference),
        {**form, "confirm": preview.context["fingerprint"]},
        follow=True,
    )

    release = conference.schedules.released().get()
    assert (release.version, release.note, len(release.changelog["new"])) == (
        "1.0",
        "First program.",
        1,
    )
    assert "Released version 1.0: 1 new, 0 moved, 0 changed, 0 cancelled." in (
        response.content.decode()
    )


def test_builder_release_form_version_taken_shown_next_to_field(
    organizer_client, conference, working, auditorium
):
    schedule_release(conference=conference, version="1.0")

    response = organizer_client.post(
        builder_url(conference), {"action": "release", "version": "1.0", "note": "Again"}
    )

    form = response.context["release_form"]
    assert (response.status_code, form.errors["version"], form["note"].value()) == (
        400,
        ["Version 1.0 has already been released."],
        "Again",
    )
    assert conference.schedules.released().count() == 1


def test_builder_lists_releases_with_their_changes(
    organizer_client, conference, working, auditorium
):
    block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))
    schedule_release(conference=conference, version="1.0")

    page = organizer_client.get(builder_url(conference)).content.decode()

    assert "Version 1.0</a>" in page
    assert "1 new, 0 moved, 0 changed, 0 cancelled" in page


def test_builder_release_form_shows_changelog_and_mail_counts_before_releasing(
    organizer_client, conference, working, auditorium, studio
):
    talk_slot = block(
        working,
        auditorium,
        at(conference, JUNE_10, 9),
        at(conference, JUNE_10, 10),
        title="",
        submission=talk(conference, speakers=[MemberFactory(), MemberFactory()]),
    )
    schedule_release(conference=conference, version="1.0")
    for _ in range(3):
        AgendaItemFactory(
            registration=RegistrationFactory(conference=conference), slot_uid=talk_slot.uid
        )
    Slot.objects.filter(pk=talk_slot.pk).update(room=studio)

    response = organizer_client.post(
        builder_url(conference), {"action": "release", "version": "1.1", "note": ""}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-count="moved">1<' in page
    assert 'data-count="attendees">3<' in page
    assert 'data-count="speakers">2<' in page
    assert "Streaming at Orbit" in page
    assert conference.schedules.released().count() == 1
    assert OutgoingEmail.objects.count() == 0


def test_builder_release_confirmed_on_an_older_preview_shows_the_new_one(
    organizer_client, conference, working, auditorium
):
    block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))
    form = {"action": "release", "version": "1.0", "note": ""}
    preview = organizer_client.post(builder_url(conference), form)
    block(working, auditorium, at(conference, JUNE_10, 11), at(conference, JUNE_10, 12), "Lunch")

    response = organizer_client.post(
        builder_url(conference), {**form, "confirm": preview.context["fingerprint"]}
    )

    assert response.context["changed_since"] is True
    assert response.context["counts"]["new"] == 2
    assert not conference.schedules.released().exists()
