"""The public agenda (api/views/sessions.py): which sessions it shows, how it filters and
pages, starring sessions for the personal agenda, and the slides and recording each
caller may see."""

import datetime

import pytest
from django.utils import timezone

from events.schedule.services import schedule_release
from members.models import Membership
from tests.api.conftest import error
from tests.factories import SlotFactory, local_datetime, slides_attach


def test_sessions_keep_cancelled_sessions_and_filter_them_out_on_request(world, api_client):
    SlotFactory(schedule=world.release, title="Cancelled panel", cancelled=True, room=world.room)
    client = api_client("anonymous")

    everything = client.get("/api/v1/sessions/").json()["results"]
    active = client.get("/api/v1/sessions/", {"cancelled": "false"}).json()["results"]

    assert (
        sorted((s["title"], s["cancelled"]) for s in everything),
        sorted(s["title"] for s in active),
    ) == (
        [("Cancelled panel", True), ("Lunch", False), ("Streaming at Orbit", False)],
        ["Lunch", "Streaming at Orbit"],
    )


def test_sessions_show_only_the_latest_release(world, api_client):
    SlotFactory(
        schedule=world.working,
        title="Evening social",
        kind="social",
        room=None,
        start=local_datetime(world.conference, world.day, 19),
        end=local_datetime(world.conference, world.day, 21),
    )
    schedule_release(conference=world.conference, version="2.0")

    results = api_client("anonymous").get("/api/v1/sessions/").json()["results"]

    assert (sorted({s["version"] for s in results}), len(results)) == (["2.0"], 3)


def test_sessions_day_filter_uses_the_conference_timezone(world, api_client):
    # 00:30 in Amsterdam on the second day is still the first day in UTC.
    second = world.day + datetime.timedelta(days=1)
    SlotFactory(
        schedule=world.release,
        title="Early bird",
        room=world.room,
        start=local_datetime(world.conference, second, 0, 30),
        end=local_datetime(world.conference, second, 1),
    )
    client = api_client("anonymous")

    first_day = client.get("/api/v1/sessions/", {"day": world.day.isoformat()}).json()
    second_day = client.get("/api/v1/sessions/", {"day": second.isoformat()}).json()

    assert (
        sorted(s["title"] for s in first_day["results"]),
        [s["title"] for s in second_day["results"]],
    ) == (["Lunch", "Streaming at Orbit"], ["Early bird"])


def test_sessions_filter_by_speaker_company_and_track(world, api_client):
    client = api_client("anonymous")

    by_speaker = client.get("/api/v1/sessions/", {"speaker": world.member_a.pk}).json()
    by_company = client.get("/api/v1/sessions/", {"company": world.company_b.slug}).json()
    by_track = client.get("/api/v1/sessions/", {"track": "data"}).json()

    assert (
        [s["title"] for s in by_speaker["results"]],
        by_company["results"],
        [s["title"] for s in by_track["results"]],
    ) == (["Streaming at Orbit"], [], ["Streaming at Orbit"])


def test_sessions_nest_speakers_room_track_and_format(world, api_client):
    session = api_client("anonymous").get(f"/api/v1/sessions/{world.session.uid}/").json()

    assert (
        session["speakers"],
        session["room"]["name"],
        session["track"]["slug"],
        session["format"]["name"],
    ) == (
        [
            {
                "id": world.member_a.pk,
                "name": world.member_a.name,
                "company": "Orbit Bank",
                "is_primary": True,
                "photo_url": None,
                "photo_thumbnail_url": None,
            }
        ],
        "Auditorium",
        "data",
        "Case study",
    )


def test_sessions_cursor_pages_through_every_session(world, api_client):
    client = api_client("anonymous")
    seen = []

    page = client.get("/api/v1/sessions/", {"page_size": 1}).json()
    seen += [s["title"] for s in page["results"]]
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += [s["title"] for s in page["results"]]

    assert seen == ["Streaming at Orbit", "Lunch"]


def test_sessions_bad_cursor_answers_404_in_the_error_body(world, api_client):
    response = api_client("anonymous").get("/api/v1/sessions/", {"cursor": "nonsense"})

    assert error(response)[:2] == (404, "not_found")


def test_sessions_unknown_day_value_is_a_field_error(world, api_client):
    response = api_client("anonymous").get("/api/v1/sessions/", {"day": "yesterday"})

    assert (error(response)[0], list(error(response)[2])) == (400, ["day"])


def star_url(world) -> str:
    return f"/api/v1/sessions/{world.session.uid}/star/"


def test_star_adds_the_session_to_the_registration_once(world, api_client):
    client = api_client("member_a")

    first = client.post(star_url(world))
    again = client.post(star_url(world))

    assert (first.status_code, first.json()["starred"], again.json()["starred"]) == (
        200,
        [str(world.session.uid)],
        [str(world.session.uid)],
    )


def test_unstar_takes_the_session_off(world, api_client):
    client = api_client("member_a")
    client.post(star_url(world))

    response = client.delete(star_url(world))

    assert (response.status_code, response.json()["starred"]) == (200, [])


def test_star_of_a_cancelled_session_is_refused(world, api_client):
    cancelled = SlotFactory(
        schedule=world.release, title="Cancelled panel", cancelled=True, room=world.room
    )

    response = api_client("member_a").post(f"/api/v1/sessions/{cancelled.uid}/star/")

    assert error(response)[:2] == (400, "cancelled")


def test_star_without_a_registration_is_refused(world, api_client):
    response = api_client("reviewer").post(star_url(world))

    assert error(response)[:2] == (400, "not_registered")


def test_star_of_an_unknown_session_answers_404(world, api_client):
    response = api_client("member_a").post(
        "/api/v1/sessions/00000000-0000-0000-0000-000000000000/star/"
    )

    assert error(response)[:2] == (404, "not_found")


# Slides and recording


RECORDING = "https://video.example.org/watch/orbit"


def _with_materials(world):
    submission = world.accepted
    submission.recording_url = RECORDING
    submission.save(update_fields=["recording_url"])
    slides_attach(submission)
    return f"http://testserver/conferences/orbit-summit/talks/{submission.pk}/slides.pdf"


@pytest.mark.parametrize("role", ["member_a", "member_b", "organizer"])
def test_session_slides_and_recording_for_members_and_organizers(world, api_client, role):
    slides = _with_materials(world)

    session = api_client(role).get(f"/api/v1/sessions/{world.session.uid}/").json()

    assert (session["slides"], session["recording"]) == (slides, RECORDING)


def test_session_slides_and_recording_null_for_anonymous(world, api_client):
    _with_materials(world)

    listed = api_client("anonymous").get("/api/v1/sessions/").json()["results"]

    assert [(s["slides"], s["recording"]) for s in listed] == [(None, None)] * len(listed)


def test_session_slides_and_recording_null_for_lapsed_member(world, api_client):
    _with_materials(world)
    world.company_b.memberships.update(state=Membership.State.LAPSED)

    session = api_client("member_b").get(f"/api/v1/sessions/{world.session.uid}/").json()

    assert (session["slides"], session["recording"]) == (None, None)


def test_session_slides_and_recording_for_anyone_from_the_public_date(world, api_client):
    slides = _with_materials(world)
    world.conference.materials_public_from = timezone.localdate()
    world.conference.save()

    session = api_client("anonymous").get(f"/api/v1/sessions/{world.session.uid}/").json()

    assert (session["slides"], session["recording"]) == (slides, RECORDING)


def test_session_without_materials_has_null_fields(world, api_client):
    session = api_client("member_a").get(f"/api/v1/sessions/{world.session.uid}/").json()

    assert (session["slides"], session["recording"]) == (None, None)
