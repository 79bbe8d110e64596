"""The calendar feeds as a calendar app sees them: parsed back with icalendar, across two
releases, revalidated with ETag and Last-Modified, and at two sizes with one query count."""

import datetime
import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.http import http_date
from icalendar import Calendar, Component, Event, Timezone

from events.attendance.services import registration_calendar_token_regenerate
from events.models import Slot
from events.schedule.services import schedule_release
from tests.events.exports.test_frab import rich_agenda
from tests.events.feed_data import (
    DAY_1,
    RELEASE_1,
    RELEASE_2,
    conference,
    first_release,
    many_sessions,
    second_release,
    talk,
    two_releases,
)
from tests.factories import (
    AgendaItemFactory,
    RegistrationFactory,
    RoomFactory,
    ScheduleFactory,
    SlotFactory,
    SubmissionSpeakerFactory,
    TrackFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    # Rendered feeds are cached under their ETag, and on SQLite a rolled-back test's row ids
    # come back in the next test: start every test without another test's renderings.
    cache.clear()


def schedule_url(event) -> str:
    return reverse("events:schedule_ics", args=[event.slug])


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(calendar: Calendar) -> dict[str, Component]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_schedule_ics_calendar_properties(client):
    agenda = two_releases()

    calendar = parse(client.get(schedule_url(agenda["conference"])))

    assert calendar["PRODID"] == "-//Guildhall//Conference schedule//EN"
    assert calendar["VERSION"] == "2.0"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["NAME"] == "Polaris Summit"
    assert calendar["X-WR-CALNAME"] == "Polaris Summit"
    assert calendar.decoded("REFRESH-INTERVAL") == datetime.timedelta(hours=1)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar["X-PUBLISHED-TTL"] == "PT1H"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_schedule_ics_event_properties(client):
    agenda = two_releases()
    streaming = agenda["streaming"]
    SubmissionSpeakerFactory(
        submission=streaming.submission,
        member__user__first_name="Ada",
        member__user__last_name="Lovelace",
        member__company__name="Orbit Logistics",
    )

    calendar = parse(client.get(schedule_url(agenda["conference"])))

    event = events_by_uid(calendar)[str(streaming.uid)]
    session_url = "http://testserver" + reverse("events:session", args=["summit", streaming.uid])
    assert event.decoded("DTSTAMP") == RELEASE_1
    assert event.decoded("LAST-MODIFIED") == RELEASE_1
    assert event["SEQUENCE"] == 0
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART") == local_datetime(agenda["conference"], DAY_1, 11)
    assert event.decoded("DTEND") == local_datetime(agenda["conference"], DAY_1, 11, 30)
    assert event["SUMMARY"] == "Streaming at Orbit"
    description = str(event["DESCRIPTION"])
    assert streaming.submission.abstract in description
    assert "Ada Lovelace (Orbit Logistics)" in description
    assert "Room: Main hall" in description
    assert session_url in description
    assert event["LOCATION"] == "Main hall, Beurs van Berlage"
    assert event["URL"] == session_url
    assert isinstance(event, Event)
    assert event.categories == ["Pipelines", "Case study"]
    assert event["STATUS"] == "CONFIRMED"


def test_schedule_ics_moved_and_removed_sessions_across_releases(client):
    agenda = first_release()
    url = schedule_url(agenda["conference"])
    before = events_by_uid(parse(client.get(url)))
    second_release(agenda)

    after = events_by_uid(parse(client.get(url)))

    keynote, lab = str(agenda["keynote"].uid), str(agenda["lab"].uid)
    assert set(after) == set(before)
    assert (before[keynote]["SEQUENCE"], after[keynote]["SEQUENCE"]) == (0, 1)
    moved = after[keynote].decoded("DTSTART") - before[keynote].decoded("DTSTART")
    assert moved == datetime.timedelta(hours=1)
    assert (before[keynote].decoded("DTSTAMP"), after[keynote].decoded("DTSTAMP")) == (
        RELEASE_1,
        RELEASE_2,
    )
    assert after[keynote].decoded("LAST-MODIFIED") == RELEASE_2
    assert (before[lab]["STATUS"], after[lab]["STATUS"]) == ("CONFIRMED", "CANCELLED")
    assert (before[lab]["SEQUENCE"], after[lab]["SEQUENCE"]) == (0, 1)
    lunch = str(agenda["lunch"].uid)
    assert after[lunch]["SEQUENCE"] == 0
    assert after[lunch].decoded("DTSTAMP") == RELEASE_1


def test_schedule_ics_uids_are_session_uids_never_row_ids(client):
    agenda = two_releases()

    uids = set(events_by_uid(parse(client.get(schedule_url(agenda["conference"])))))

    released = Slot.objects.filter(schedule=agenda["second"])
    assert uids == {str(uid) for uid in released.values_list("uid", flat=True)}
    assert not uids & {str(pk) for pk in Slot.objects.values_list("pk", flat=True)}


def test_schedule_ics_includes_breaks_and_meals(client):
    agenda = two_releases()

    event = events_by_uid(parse(client.get(schedule_url(agenda["conference"]))))[
        str(agenda["lunch"].uid)
    ]

    assert event["SUMMARY"] == "Lunch"
    assert event["LOCATION"] == "Beurs van Berlage"
    assert "Served in the foyer." in str(event["DESCRIPTION"])
    assert isinstance(event, Event)
    assert event.categories == ["Lunch or dinner"]


def test_schedule_ics_two_requests_return_identical_bytes(client):
    agenda = two_releases()
    url = schedule_url(agenda["conference"])

    first = client.get(url)
    second = client.get(url)

    assert first.content == second.content
    assert first["ETag"] == second["ETag"]


def test_schedule_ics_lines_end_in_crlf_and_fold_at_75_octets(client):
    agenda = two_releases()
    agenda["streaming"].submission.abstract = "Ünïcödé streaming " * 40
    agenda["streaming"].submission.save()

    content = client.get(schedule_url(agenda["conference"])).content

    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)


@pytest.mark.parametrize(
    "text",
    [
        "Commas, semicolons; and back\\slashes",
        "Two lines\nof title",
        "Emoji 🚀📊 and 日本語, Ελληνικά, العربية, Русский",
    ],
)
def test_schedule_ics_special_characters_round_trip(client, text):
    agenda = two_releases()
    submission = agenda["streaming"].submission
    submission.title = text
    submission.abstract = f"{text}\n\n{text}"
    submission.save()

    event = events_by_uid(parse(client.get(schedule_url(agenda["conference"]))))[
        str(agenda["streaming"].uid)
    ]

    assert event["SUMMARY"] == text
    assert str(event["DESCRIPTION"]).startswith(f"{text}\n\n{text}\n\n")


def test_schedule_ics_before_first_release_is_empty_calendar(client):
    event = conference()
    ScheduleFactory(conference=event)

    calendar = parse(client.get(schedule_url(event)))

    assert calendar.walk("VEVENT") == []
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_schedule_ics_unknown_conference_answers_404(client):
    response = client.get(reverse("events:schedule_ics", args=["nowhere"]))

    assert response.status_code == 404


def test_schedule_ics_shows_release_not_working_copy(client):
    agenda = two_releases()
    talk(
        agenda["second"].conference.schedules.get(version=""),
        RoomFactory(conference=agenda["conference"]),
        local_datetime(agenda["conference"], DAY_1, 15),
        title="Not released yet",
    )

    content = client.get(schedule_url(agenda["conference"])).content

    assert b"Not released yet" not in content


# A conference across the end of daylight saving time (Europe/Berlin, 27 October 2030)


def test_schedule_ics_across_daylight_saving_change(client):
    event = conference(
        slug="autumn",
        timezone="Europe/Berlin",
        starts_on=datetime.date(2030, 10, 26),
        ends_on=datetime.date(2030, 10, 27),
    )
    release = ScheduleFactory(conference=event, released=True)
    saturday = SlotFactory(
        schedule=release, title="Saturday", start=local_datetime(event, event.starts_on, 10)
    )
    sunday = SlotFactory(
        schedule=release, title="Sunday", start=local_datetime(event, event.ends_on, 10)
    )

    response = client.get(schedule_url(event))

    calendar = parse(response)
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert isinstance(vtimezone, Timezone)
    assert vtimezone["TZID"] == "Europe/Berlin"
    assert b"DTSTART;TZID=Europe/Berlin:20301026T100000" in response.content
    assert b"DTSTART;TZID=Europe/Berlin:20301027T100000" in response.content
    # The VTIMEZONE alone must give the right offsets on either side of the change.
    zone = vtimezone.to_tz()
    for day, hours in ((26, 2), (27, 1)):
        local = datetime.datetime(2030, 10, day, 10, tzinfo=zone)
        assert local.utcoffset() == datetime.timedelta(hours=hours)
    events = events_by_uid(calendar)
    utc = datetime.UTC
    assert events[str(saturday.uid)].decoded("DTSTART").astimezone(utc) == datetime.datetime(
        2030, 10, 26, 8, tzinfo=utc
    )
    assert events[str(sunday.uid)].decoded("DTSTART").astimezone(utc) == datetime.datetime(
        2030, 10, 27, 9, tzinfo=utc
    )


# HTTP: ETag, Last-Modified, 304 and Cache-Control


def test_schedule_ics_has_validators_and_cache_control(client):
    agenda = two_releases()

    response = client.get(schedule_url(agenda["conference"]))

    assert response["ETag"].startswith('"')
    assert response["Last-Modified"] == http_date(RELEASE_2.timestamp())
    assert response["Cache-Control"] == "public, max-age=300, must-revalidate"


def test_schedule_ics_matching_etag_answers_304_in_two_queries(client, django_assert_num_queries):
    agenda = two_releases()
    url = schedule_url(agenda["conference"])
    etag = client.get(url)["ETag"]

    with django_assert_num_queries(2):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=300, must-revalidate"


def test_schedule_ics_unmodified_since_answers_304_in_two_queries(
    client, django_assert_num_queries
):
    agenda = two_releases()
    url = schedule_url(agenda["conference"])
    last_modified = client.get(url)["Last-Modified"]

    with django_assert_num_queries(2):
        response = client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)

    assert response.status_code == 304


def test_schedule_ics_served_again_from_cache_in_two_queries(client, django_assert_num_queries):
    agenda = two_releases()
    url = schedule_url(agenda["conference"])
    first = client.get(url)

    with django_assert_num_queries(2):
        again = client.get(url)

    assert again.status_code == 200
    assert again.content == first.content


def test_schedule_ics_new_release_changes_etag_and_answers_200(client):
    agenda = first_release()
    url = schedule_url(agenda["conference"])
    old = client.get(url)
    second_release(agenda)

    response = client.get(
        url, HTTP_IF_NONE_MATCH=old["ETag"], HTTP_IF_MODIFIED_SINCE=old["Last-Modified"]
    )

    assert response.status_code == 200
    assert response["ETag"] != old["ETag"]
    assert response.content != old.content


def test_schedule_ics_post_refused(client):
    agenda = two_releases()

    response = client.post(schedule_url(agenda["conference"]))

    assert response.status_code == 405


@pytest.mark.parametrize("count", [60, 600])
def test_schedule_ics_query_count_constant(client, django_assert_num_queries, count):
    event = many_sessions(count)

    with django_assert_num_queries(4):
        response = client.get(schedule_url(event))

    assert response.content.count(b"BEGIN:VEVENT") == count + 1


# One track


def test_track_ics_has_track_sessions_and_blocks_only(client):
    agenda = two_releases()
    other = TrackFactory(conference=agenda["conference"], name="Governance")
    elsewhere = talk(
        agenda["conference"].schedules.get(version=""),
        RoomFactory(conference=agenda["conference"]),
        local_datetime(agenda["conference"], DAY_1, 15),
        title="Cost controls",
        track=other,
    )
    schedule_release(
        conference=agenda["conference"],
        version="1.2",
        now=RELEASE_2 + datetime.timedelta(days=1),
    )
    url = reverse("events:track_ics", args=["summit", "pipelines"])

    calendar = parse(client.get(url))

    uids = set(events_by_uid(calendar))
    expected = {agenda["keynote"].uid, agenda["streaming"].uid, agenda["lunch"].uid}
    assert uids == {str(uid) for uid in expected}
    assert str(elsewhere.uid) not in uids
    assert calendar["X-WR-CALNAME"] == "Polaris Summit · Pipelines"


def test_track_ics_unknown_or_other_conference_track_answers_404(client):
    two_releases()
    stranger = TrackFactory(slug="stranger")

    unknown = client.get(reverse("events:track_ics", args=["summit", "nope"]))
    foreign = client.get(reverse("events:track_ics", args=["summit", stranger.slug]))

    assert (unknown.status_code, foreign.status_code) == (404, 404)


def test_track_ics_matching_etag_answers_304_in_two_queries(client, django_assert_num_queries):
    two_releases()
    url = reverse("events:track_ics", args=["summit", "pipelines"])
    etag = client.get(url)["ETag"]

    with django_assert_num_queries(2):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


# One session, to download


def test_session_ics_is_one_event_with_file_name(client):
    agenda = two_releases()
    streaming = agenda["streaming"]

    response = client.get(reverse("events:session_ics", args=["summit", streaming.uid]))

    calendar = parse(response)
    assert list(events_by_uid(calendar)) == [str(streaming.uid)]
    assert response["Content-Disposition"] == 'attachment; filename="streaming-at-orbit.ics"'
    assert response["ETag"]


def test_session_ics_cancelled_session_is_cancelled(client):
    agenda = two_releases()

    response = client.get(reverse("events:session_ics", args=["summit", agenda["lab"].uid]))

    assert events_by_uid(parse(response))[str(agenda["lab"].uid)]["STATUS"] == "CANCELLED"


def test_session_ics_unknown_session_or_unreleased_answers_404(client):
    two_releases()
    unreleased = conference(slug="later")
    working_slot = SlotFactory(schedule=ScheduleFactory(conference=unreleased))

    unknown = client.get(reverse("events:session_ics", args=["summit", uuid.uuid4()]))
    early = client.get(reverse("events:session_ics", args=["later", working_slot.uid]))

    assert (unknown.status_code, early.status_code) == (404, 404)


# The personal feed


def agenda_url(registration) -> str:
    return reverse("events:agenda_ics", args=[registration.calendar_token])


def test_agenda_ics_has_starred_sessions_with_cancelled_ones(client):
    agenda = two_releases()
    registration = RegistrationFactory(conference=agenda["conference"])
    for key in ("streaming", "lab"):
        AgendaItemFactory(registration=registration, slot_uid=agenda[key].uid)
    AgendaItemFactory(slot_uid=agenda["keynote"].uid)  # someone else's star

    response = client.get(agenda_url(registration))

    events = events_by_uid(parse(response))
    assert set(events) == {str(agenda["streaming"].uid), str(agenda["lab"].uid)}
    assert events[str(agenda["lab"].uid)]["STATUS"] == "CANCELLED"
    assert events[str(agenda["streaming"].uid)]["STATUS"] == "CONFIRMED"
    assert response["Cache-Control"] == "private, max-age=300, must-revalidate"


def test_agenda_ics_token_has_at_least_128_bits():
    registration = RegistrationFactory()

    assert len(registration.calendar_token) >= 43  # 32 bytes of base64url: 256 bits


def test_agenda_ics_unknown_or_revoked_token_answers_same_plain_404(client):
    agenda = two_releases()
    registration = RegistrationFactory(conference=agenda["conference"])
    revoked = registration.calendar_token
    registration_calendar_token_regenerate(registration=registration)
    unknown = "x" * len(revoked)

    answers = [
        client.get(reverse("events:agenda_ics", args=[token])) for token in (unknown, revoked)
    ]

    assert [answer.status_code for answer in answers] == [404, 404]
    assert b"Page not found" in answers[0].content
    assert answers[0].content.replace(unknown.encode(), b"") == answers[1].content.replace(
        revoked.encode(), b""
    )


def test_agenda_ics_old_token_answers_404_after_regeneration(client):
    agenda = two_releases()
    registration = RegistrationFactory(conference=agenda["conference"])
    old_url = agenda_url(registration)

    registration_calendar_token_regenerate(registration=registration)

    assert client.get(old_url).status_code == 404
    assert client.get(agenda_url(registration)).status_code == 200


def test_agenda_ics_matching_etag_answers_304_in_two_queries(client, django_assert_num_queries):
    agenda = two_releases()
    registration = RegistrationFactory(conference=agenda["conference"])
    AgendaItemFactory(registration=registration, slot_uid=agenda["streaming"].uid)
    etag = client.get(agenda_url(registration))["ETag"]

    with django_assert_num_queries(2):
        response = client.get(agenda_url(registration), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


def test_agenda_ics_starring_changes_etag_and_last_modified(client):
    agenda = two_releases()
    registration = RegistrationFactory(conference=agenda["conference"])
    old = client.get(agenda_url(registration))
    starred_at = RELEASE_2 + datetime.timedelta(days=1)
    AgendaItemFactory(registration=registration, slot_uid=agenda["streaming"].uid)
    registration.agenda_changed_at = starred_at
    registration.save(update_fields=["agenda_changed_at"])

    response = client.get(agenda_url(registration), HTTP_IF_NONE_MATCH=old["ETag"])

    assert response.status_code == 200
    assert response["ETag"] != old["ETag"]
    assert response["Last-Modified"] == http_date(starred_at.timestamp())
    assert str(agenda["streaming"].uid).encode() in response.content


def test_agenda_ics_query_count_constant(client, django_assert_num_queries):
    agenda = two_releases()
    few = RegistrationFactory(conference=agenda["conference"])
    AgendaItemFactory(registration=few, slot_uid=agenda["streaming"].uid)
    many = RegistrationFactory(conference=agenda["conference"])
    for key in ("keynote", "streaming", "lab", "lunch"):
        AgendaItemFactory(registration=many, slot_uid=agenda[key].uid)

    for registration, count in ((few, 1), (many, 4)):
        with django_assert_num_queries(4):
            response = client.get(agenda_url(registration))
        assert response.content.count(b"BEGIN:VEVENT") == count


# The conference-app exports (schedule.xml, schedule.json)


def app_export(client, name: str, slug: str = "summit", **headers):
    return client.get(reverse(f"events:{name}", args=[slug]), **headers)


@pytest.mark.parametrize("name", ["schedule_xml", "schedule_json"])
def test_conference_app_export_before_release_answers_404(client, name):
    ScheduleFactory(conference__slug="summit")

    assert app_export(client, name).status_code == 404


@pytest.mark.parametrize("name", ["schedule_xml", "schedule_json"])
def test_conference_app_export_matching_etag_answers_304_in_two_queries(
    client, django_assert_num_queries, name
):
    rich_agenda()
    etag = app_export(client, name)["ETag"]

    with django_assert_num_queries(2):
        response = app_export(client, name, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


@pytest.mark.parametrize("name", ["schedule_xml", "schedule_json"])
@pytest.mark.parametrize("count", [60, 600])
def test_conference_app_export_query_count_constant(client, django_assert_num_queries, name, count):
    event = many_sessions(count)

    with django_assert_num_queries(4):
        response = app_export(client, name, event.slug)

    assert response.status_code == 200
    assert response.content.count(b"Talk ") >= count


@pytest.mark.parametrize("token", ["%00", "ab%00cd", "%00" * 43])
def test_agenda_ics_token_with_nul_answers_404(client, token):
    RegistrationFactory()

    response = client.get(f"/agenda/{token}.ics")

    assert response.status_code == 404
