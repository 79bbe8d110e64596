"""The agenda builder's JSON endpoints (events/schedule/builder.py): placing, moving and
unscheduling a slot, the reasons they refuse, stale edits, their query budget and their
audit trail."""

import datetime
import json

import pytest

from audit.models import AuditEntry
from events.models import Slot
from tests.events.schedule.builder.conftest import (
    JUNE_10,
    JUNE_11,
    at,
    block,
    builder_url,
    move_url,
    place_url,
    talk,
    unschedule_url,
)
from tests.factories import ConferenceFactory, OrganizerFactory, RoomFactory, SlotFactory

pytestmark = pytest.mark.django_db


# Placing, moving, unscheduling


def answer(response) -> dict:
    return json.loads(response.content)


def test_builder_place_saves_slot_and_answers_with_its_html(
    organizer_client, conference, working, auditorium
):
    waiting = talk(conference, "Streaming at Orbit")

    response = organizer_client.post(
        place_url(conference),
        {"submission": waiting.pk, "room": auditorium.pk, "start": "2030-06-10T10:00"},
    )

    slot = working.slots.get()
    body = answer(response)
    assert (response.status_code, body["ok"], slot.start, slot.end, slot.room) == (
        200,
        True,
        datetime.datetime(2030, 6, 10, 8, 0, tzinfo=datetime.UTC),
        datetime.datetime(2030, 6, 10, 8, 30, tzinfo=datetime.UTC),
        auditorium,
    )
    assert body["message"] == "Placed “Streaming at Orbit”: Auditorium, Mon 10 Jun 10:00–10:30."  # noqa: RUF001 - the page's own en dash
    assert f'id="agenda-slot-{slot.pk}"' in body["slot"]["html"]


def test_builder_place_on_taken_room_refused_with_reason(
    organizer_client, conference, working, auditorium
):
    block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))
    waiting = talk(conference)

    response = organizer_client.post(
        place_url(conference),
        {"submission": waiting.pk, "room": auditorium.pk, "start": "2030-06-10T09:30"},
    )

    assert (response.status_code, answer(response), working.slots.count()) == (
        409,
        {
            "ok": False,
            "errors": ["Auditorium is taken from 09:00 to 10:00 by “Opening” (Auditorium)."],
            "codes": ["room_overlap"],
            "reload": False,
        },
        1,
    )


def test_builder_place_with_bad_time_refused(organizer_client, conference, working, auditorium):
    response = organizer_client.post(
        place_url(conference),
        {"submission": talk(conference).pk, "room": auditorium.pk, "start": "tomorrow"},
    )

    assert (response.status_code, answer(response)["errors"], working.slots.count()) == (
        400,
        ["Enter a valid date/time."],
        0,
    )


def test_builder_place_room_of_other_conference_refused(organizer_client, conference, working):
    response = organizer_client.post(
        place_url(conference),
        {"submission": talk(conference).pk, "room": RoomFactory().pk, "start": "2030-06-10T09:00"},
    )

    assert (response.status_code, answer(response)["errors"]) == (
        400,
        ["Choose a room of this conference."],
    )


def test_builder_place_talk_of_other_conference_refused(organizer_client, conference, auditorium):
    response = organizer_client.post(
        place_url(conference),
        {
            "submission": talk(ConferenceFactory()).pk,
            "room": auditorium.pk,
            "start": "2030-06-10T09:00",
        },
    )

    assert (response.status_code, Slot.objects.count()) == (404, 0)


def test_builder_move_saves_new_room_and_times(
    organizer_client, conference, working, auditorium, studio
):
    slot = block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    response = organizer_client.post(
        move_url(slot),
        {
            "room": studio.pk,
            "start": "2030-06-11T14:00",
            "end": "2030-06-11T15:30",
            "version": slot.updated_at.isoformat(),
        },
    )

    slot.refresh_from_db()
    assert (response.status_code, slot.room, slot.start, slot.end) == (
        200,
        studio,
        at(conference, JUNE_11, 14),
        at(conference, JUNE_11, 15, 30),
    )
    assert answer(response)["slot"]["day"] == "2030-06-11"


def test_builder_move_stale_refused_and_page_told_to_reload(
    organizer_client, conference, working, auditorium
):
    slot = block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))
    read_at = slot.updated_at.isoformat()
    Slot.objects.filter(pk=slot.pk).update(
        updated_at=slot.updated_at + datetime.timedelta(seconds=1)
    )

    response = organizer_client.post(
        move_url(slot),
        {
            "room": auditorium.pk,
            "start": "2030-06-10T11:00",
            "end": "2030-06-10T12:00",
            "version": read_at,
        },
    )
    reloaded = organizer_client.get(builder_url(conference))

    body = answer(response)
    assert (response.status_code, body["codes"], body["reload"]) == (409, ["stale"], True)
    assert Slot.objects.get(pk=slot.pk).start == at(conference, JUNE_10, 9)
    assert "changed this slot since you loaded the page" in reloaded.content.decode()


@pytest.mark.parametrize("existing", [1, 30])
def test_builder_move_query_count_independent_of_schedule_size(
    django_assert_num_queries, organizer_client, conference, working, auditorium, existing
):
    for _ in range(existing):
        SlotFactory(
            schedule=working,
            talk=True,
            start=at(conference, JUNE_10, 9),
            end=at(conference, JUNE_10, 10),
        )
    slot = SlotFactory(
        schedule=working,
        room=auditorium,
        talk=True,
        start=at(conference, JUNE_10, 9),
        end=at(conference, JUNE_10, 10),
    )
    data = {
        "room": auditorium.pk,
        "start": "2030-06-10T11:00",
        "end": "2030-06-10T12:00",
        "version": slot.updated_at.isoformat(),
    }

    with django_assert_num_queries(21):
        response = organizer_client.post(move_url(slot), data)

    assert response.status_code == 200


def test_builder_unschedule_talk_answers_with_its_card(
    organizer_client, conference, working, auditorium
):
    slot = SlotFactory(
        schedule=working,
        room=auditorium,
        talk=True,
        submission__title="Back to the list",
        start=at(conference, JUNE_10, 9),
        end=at(conference, JUNE_10, 10),
    )

    response = organizer_client.post(unschedule_url(slot), {"version": slot.updated_at.isoformat()})

    body = answer(response)
    assert (response.status_code, working.slots.count(), body["message"]) == (
        200,
        0,
        "“Back to the list” is back in the list of talks to place.",
    )
    assert f'data-submission="{slot.submission_id}"' in body["card_html"]


def test_builder_unschedule_block_deletes_it(organizer_client, conference, working, auditorium):
    slot = block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    response = organizer_client.post(unschedule_url(slot), {"version": slot.updated_at.isoformat()})

    assert (answer(response)["message"], working.slots.count()) == (
        "Deleted the block “Opening”.",
        0,
    )


def test_builder_unschedule_with_broken_version_refused(
    organizer_client, conference, working, auditorium
):
    slot = block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    response = organizer_client.post(unschedule_url(slot), {"version": "yesterday"})

    assert (response.status_code, working.slots.count()) == (400, 1)


def test_builder_endpoints_refuse_get(organizer_client, conference, working, auditorium):
    slot = block(working, auditorium, at(conference, JUNE_10, 9), at(conference, JUNE_10, 10))

    statuses = [
        organizer_client.get(url).status_code
        for url in (place_url(conference), move_url(slot), unschedule_url(slot))
    ]

    assert statuses == [405, 405, 405]


def test_builder_move_and_unschedule_are_in_the_audit_log_under_the_organizer(
    client, conference, working, auditorium
):
    organizer = OrganizerFactory(username="olga")
    client.force_login(organizer)
    slot = SlotFactory(
        schedule=working,
        room=auditorium,
        talk=True,
        start=at(conference, JUNE_10, 9),
        end=at(conference, JUNE_10, 10),
    )
    client.post(
        move_url(slot),
        {"room": auditorium.pk, "start": "2030-06-10T11:00", "end": "2030-06-10T12:00"},
    )
    client.post(unschedule_url(slot), {})

    assert list(
        AuditEntry.objects.filter(actor=organizer).order_by("pk").values_list("action", flat=True)
    ) == [AuditEntry.Action.SLOT_SAVED, AuditEntry.Action.SLOT_DELETED]
