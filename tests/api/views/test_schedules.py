"""The organizers' schedule (api/views/schedules.py): the slots of every schedule, and
placing, moving, unscheduling and blocking out slots in the working copy."""

import datetime
from urllib.parse import urlencode

import pytest
from rest_framework.test import APIClient

from audit.models import AuditEntry
from events.models import Slot, Submission
from tests.api.conftest import error, patch, user_of
from tests.factories import RoomFactory, SubmissionFactory, local_datetime


def test_slots_list_the_working_copy_for_organizers(world, api_client):
    results = (
        api_client("organizer")
        .get("/api/v1/slots/", {"schedule": world.working.pk})
        .json()["results"]
    )

    assert sorted(s["title"] for s in results) == ["Lunch", "Streaming at Orbit"]


def at(world, hour: int, minute: int = 0, day_offset: int = 0) -> str:
    day = world.day + datetime.timedelta(days=day_offset)
    return local_datetime(world.conference, day, hour, minute).isoformat()


def place(client: APIClient, **body):
    return client.post("/api/v1/slots/", body, format="json")


def test_slot_place_puts_the_talk_in_the_working_copy_for_its_formats_length(world, api_client):
    response = place(
        api_client("organizer"),
        submission=world.unplaced.pk,
        room=world.room.pk,
        start=at(world, 10),
    )
    body = response.json()
    slot = Slot.objects.get(pk=body["id"])

    assert (
        response.status_code,
        body["schedule"],
        body["room"]["name"],
        body["title"],
        slot.end - slot.start,
    ) == (201, world.working.pk, "Auditorium", "Accepted, not placed", world.format.duration)


def test_slot_place_is_in_the_audit_log_under_the_organizer(world, api_client):
    place(
        api_client("organizer"),
        submission=world.unplaced.pk,
        room=world.room.pk,
        start=at(world, 10),
    )

    assert list(AuditEntry.objects.filter(actor__isnull=False).values_list("action", "actor")) == [
        (AuditEntry.Action.SLOT_SAVED, user_of(world, "organizer").pk)
    ]


def test_slot_place_in_a_taken_room_names_the_collision(world, api_client):
    response = place(
        api_client("organizer"),
        submission=world.unplaced.pk,
        room=world.room.pk,
        start=at(world, 9, 15),
    )
    status, code, fields = error(response)

    assert (status, code, fields, "“Streaming at Orbit”" in response.json()["detail"]) == (
        400,
        "room_overlap",
        {},
        True,
    )


def test_slot_place_with_the_speaker_elsewhere_names_the_speaker(world, api_client):
    other_room = RoomFactory(conference=world.conference, name="Studio")
    talk = SubmissionFactory(
        conference=world.conference,
        format=world.format,
        state=Submission.State.ACCEPTED,
        speakers=[world.member_a],
    )

    response = place(
        api_client("organizer"), submission=talk.pk, room=other_room.pk, start=at(world, 9)
    )

    assert (error(response)[:2], response.json()["detail"]) == (
        (400, "speaker_overlap"),
        f"{world.member_a.name} already speaks in “Streaming at Orbit” "
        "(Auditorium, 09:00 to 09:30).",
    )


@pytest.mark.parametrize(
    ("talk", "start", "code"),
    [
        ("unplaced", (9, 0, 30), "outside_conference"),
        ("draft_a", (10, 0, 0), "not_schedulable"),
        ("accepted", (16, 0, 0), "already_placed"),
    ],
)
def test_slot_place_refusals_carry_the_schedulers_code(world, api_client, talk, start, code):
    response = place(
        api_client("organizer"),
        submission=getattr(world, talk).pk,
        room=world.room.pk,
        start=at(world, start[0], start[1], day_offset=start[2]),
    )

    assert error(response)[:2] == (400, code)


def test_slot_place_unknown_talk_and_absurd_year_are_field_errors(world, api_client):
    response = place(
        api_client("organizer"), submission=999999, room=world.room.pk, start="9999-12-31T23:59:00Z"
    )

    assert (error(response)[0], sorted(error(response)[2])) == (400, ["start", "submission"])


def test_slot_move_changes_room_and_time(world, api_client):
    other_room = RoomFactory(conference=world.conference, name="Studio")

    response = patch(
        api_client("organizer"),
        f"/api/v1/slots/{world.working_slot.pk}/",
        {"room": other_room.pk, "start": at(world, 14), "end": at(world, 14, 45)},
    )
    world.working_slot.refresh_from_db()

    assert (
        response.status_code,
        response.json()["room"]["name"],
        world.working_slot.room_id,
        world.working_slot.end - world.working_slot.start,
    ) == (200, "Studio", other_room.pk, datetime.timedelta(minutes=45))


def test_slot_move_onto_lunch_names_the_whole_venue_block(world, api_client):
    response = patch(
        api_client("organizer"),
        f"/api/v1/slots/{world.working_slot.pk}/",
        {"start": at(world, 12, 15), "end": at(world, 12, 45)},
    )

    assert (error(response)[:2], "“Lunch” (the whole venue)" in response.json()["detail"]) == (
        (400, "room_overlap"),
        True,
    )


def test_slot_move_ending_before_it_starts_is_refused(world, api_client):
    response = patch(
        api_client("organizer"),
        f"/api/v1/slots/{world.working_slot.pk}/",
        {"start": at(world, 11), "end": at(world, 10)},
    )

    assert error(response)[:2] == (400, "invalid_times")


def test_slot_move_with_a_stale_updated_at_is_refused(world, api_client):
    client = api_client("organizer")
    url = f"/api/v1/slots/{world.working_slot.pk}/"
    read = client.get(url).json()["updated_at"]
    patch(client, url, {"start": at(world, 10), "end": at(world, 10, 30)})

    response = patch(
        client, url, {"start": at(world, 11), "end": at(world, 11, 30), "expected_updated_at": read}
    )
    world.working_slot.refresh_from_db()

    assert (error(response)[:2], world.working_slot.start.isoformat()) == (
        (400, "stale"),
        datetime.datetime.fromisoformat(at(world, 10)).astimezone(datetime.UTC).isoformat(),
    )


def test_slot_move_with_the_current_updated_at_moves_it_keeping_its_length(world, api_client):
    client = api_client("organizer")
    url = f"/api/v1/slots/{world.working_slot.pk}/"
    read = client.get(url).json()["updated_at"]

    response = patch(client, url, {"start": at(world, 11), "expected_updated_at": read})
    world.working_slot.refresh_from_db()

    assert (response.status_code, world.working_slot.end - world.working_slot.start) == (
        200,
        datetime.timedelta(minutes=30),
    )


def test_slot_move_of_a_released_slot_is_refused(world, api_client):
    response = patch(
        api_client("organizer"), f"/api/v1/slots/{world.session.pk}/", {"start": at(world, 10)}
    )

    assert error(response)[:2] == (400, "released")


def test_slot_unschedule_returns_the_talk_to_the_talks_to_place(world, api_client):
    client = api_client("organizer")

    response = client.delete(f"/api/v1/slots/{world.working_slot.pk}/")
    placed_again = place(
        client, submission=world.accepted.pk, room=world.room.pk, start=at(world, 10)
    )

    assert (
        response.status_code,
        Slot.objects.filter(pk=world.working_slot.pk).exists(),
        placed_again.status_code,
        placed_again.json()["uid"],
    ) == (204, False, 201, str(world.session.uid))


def test_slot_unschedule_with_a_stale_updated_at_is_refused(world, api_client):
    client = api_client("organizer")
    url = f"/api/v1/slots/{world.working_slot.pk}/"
    read = client.get(url).json()["updated_at"]
    patch(client, url, {"start": at(world, 10), "end": at(world, 10, 30)})

    response = client.delete(url + "?" + urlencode({"expected_updated_at": read}))

    assert (error(response)[:2], Slot.objects.filter(pk=world.working_slot.pk).exists()) == (
        (400, "stale"),
        True,
    )


def test_slot_unschedule_with_a_broken_updated_at_is_a_field_error(world, api_client):
    response = api_client("organizer").delete(
        f"/api/v1/slots/{world.working_slot.pk}/?expected_updated_at=yesterday"
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["expected_updated_at"])


def test_slot_unschedule_of_a_released_slot_is_refused(world, api_client):
    response = api_client("organizer").delete(f"/api/v1/slots/{world.session.pk}/")

    assert error(response)[:2] == (400, "released")


def test_slot_block_over_two_rooms_makes_one_slot_each(world, api_client):
    other_room = RoomFactory(conference=world.conference, name="Studio")

    response = api_client("organizer").post(
        "/api/v1/slots/blocks/",
        {
            "conference": world.conference.slug,
            "kind": "break",
            "title": "Coffee",
            "start": at(world, 15),
            "end": at(world, 15, 30),
            "rooms": [world.room.pk, other_room.pk],
        },
        format="json",
    )

    assert (
        response.status_code,
        sorted((slot["title"], slot["room"]["name"]) for slot in response.json()),
    ) == (201, [("Coffee", "Auditorium"), ("Coffee", "Studio")])


def test_slot_block_colliding_in_one_room_saves_none(world, api_client):
    other_room = RoomFactory(conference=world.conference, name="Studio")

    response = api_client("organizer").post(
        "/api/v1/slots/blocks/",
        {
            "conference": world.conference.slug,
            "kind": "break",
            "title": "Coffee",
            "start": at(world, 9),
            "end": at(world, 9, 15),
            "rooms": [other_room.pk, world.room.pk],
        },
        format="json",
    )

    assert (error(response)[:2], Slot.objects.filter(title="Coffee").exists()) == (
        (400, "room_overlap"),
        False,
    )


def test_slot_block_of_kind_talk_is_a_field_error(world, api_client):
    response = api_client("organizer").post(
        "/api/v1/slots/blocks/",
        {
            "conference": world.conference.slug,
            "kind": "talk",
            "title": "Sneaky",
            "start": at(world, 15),
            "end": at(world, 15, 30),
        },
        format="json",
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["kind"])
