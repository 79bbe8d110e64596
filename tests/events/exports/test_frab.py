"""The conference-app exports: frab schedule.xml and c3voc schedule.json, validated against
the published schemas in tests/data/formats/, and what they say about the schedule."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from lxml import etree

from tests.events.feed_data import (
    DAY_1,
    conference,
    first_release,
    many_sessions,
    second_release,
)
from tests.factories import (
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


FORMATS = Path(settings.BASE_DIR) / "tests" / "data" / "formats"
TRICKY_TITLE = "Costs, <b>tags</b> & “quotes”; back\\slash 🚀 日本語"


@pytest.fixture(scope="module")
def xml_schema() -> etree.XMLSchema:
    path = FORMATS / "schedule.xml.xsd"
    if not path.exists():
        pytest.skip(f"{path} is absent: the published frab schema lives beside the project")
    return etree.XMLSchema(etree.parse(str(path)))


@pytest.fixture(scope="module")
def json_validator() -> jsonschema.Draft6Validator:
    path = FORMATS / "schedule.schema.json"
    if not path.exists():
        pytest.skip(f"{path} is absent: the published c3voc schema lives beside the project")
    schema = json.loads(path.read_text())
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())


def rich_agenda() -> dict:
    """Two releases with speakers (one without company), a tricky title, a whole-venue
    lunch and a track whose slug the formats refuse."""
    agenda = first_release()
    streaming = agenda["streaming"].submission
    streaming.title = TRICKY_TITLE
    streaming.track = TrackFactory(conference=agenda["conference"], name="Odd", slug="9_odd")
    streaming.save()
    SubmissionSpeakerFactory(submission=streaming, member__user__first_name="Ada")
    SubmissionSpeakerFactory(submission=streaming, member__company=None)
    return second_release(agenda)


def get(client, name: str, slug: str = "summit", **headers):
    return client.get(reverse(f"events:{name}", args=[slug]), **headers)


def test_schedule_xml_valid_against_frab_schema(client, xml_schema):
    rich_agenda()

    response = get(client, "schedule_xml")

    assert response["Content-Type"] == "application/xml; charset=utf-8"
    document = etree.fromstring(response.content)
    assert xml_schema.validate(document), xml_schema.error_log


def test_schedule_xml_of_600_sessions_valid_against_frab_schema(client, xml_schema):
    event = many_sessions(600)

    document = etree.fromstring(get(client, "schedule_xml", event.slug).content)

    assert xml_schema.validate(document), xml_schema.error_log
    assert len(document.findall("day/room/event")) == 601


def test_schedule_json_valid_against_c3voc_schema(client, json_validator):
    rich_agenda()

    response = get(client, "schedule_json")

    assert response["Content-Type"] == "application/json"
    errors = [error.message for error in json_validator.iter_errors(response.json())]
    assert errors == []


def test_schedule_json_of_600_sessions_valid_against_c3voc_schema(client, json_validator):
    event = many_sessions(600)

    data = get(client, "schedule_json", event.slug).json()

    assert [error.message for error in json_validator.iter_errors(data)] == []


def test_schedule_xml_shows_current_plan_with_blocks_and_without_cancelled(client):
    agenda = rich_agenda()

    document = etree.fromstring(get(client, "schedule_xml").content)

    events = {event.get("guid"): event for event in document.iter("event")}
    assert set(events) == {
        str(agenda[key].uid) for key in ("keynote", "streaming", "lunch")
    }  # the lab was cancelled in 1.1
    keynote = events[str(agenda["keynote"].uid)]
    assert keynote.findtext("start") == "10:00"  # moved from 09:00 in 1.1
    assert keynote.findtext("date") == f"{DAY_1.isoformat()}T10:00:00+02:00"
    assert keynote.findtext("duration") == "01:00"
    assert keynote.findtext("room") == "Main hall"
    assert keynote.findtext("track") == "Pipelines"
    assert keynote.findtext("type") == "Keynote"
    lunch = events[str(agenda["lunch"].uid)]
    assert lunch.findtext("room") == "All rooms"
    assert lunch.findtext("type") == "Lunch or dinner"
    streaming = events[str(agenda["streaming"].uid)]
    assert streaming.findtext("title") == TRICKY_TITLE
    assert [person.text for person in streaming.iter("person")][1].startswith("Ada")
    assert document.findtext("version") == "1.1"
    assert document.findtext("conference/time_zone_name") == "Europe/Amsterdam"
    tracks = document.findall("conference/track")
    assert [(track.get("name"), track.get("slug")) for track in tracks] == [
        ("Pipelines", "pipelines"),
        ("Odd", None),
    ]


def test_schedule_xml_and_json_event_ids_stable_across_releases(client):
    agenda = first_release()
    before = get(client, "schedule_json").json()
    second_release(agenda)

    after = get(client, "schedule_json").json()

    def ids(data) -> dict[str, int]:
        return {
            event["guid"]: event["id"]
            for day in data["schedule"]["conference"]["days"]
            for events in day["rooms"].values()
            for event in events
        }

    streaming = str(agenda["streaming"].uid)
    assert ids(before)[streaming] == ids(after)[streaming]
    assert len(set(ids(after).values())) == len(ids(after))


def test_schedule_json_says_what_the_xml_says(client):
    agenda = rich_agenda()

    data = get(client, "schedule_json").json()

    conference = data["schedule"]["conference"]
    assert data["schedule"]["version"] == "1.1"
    assert conference["acronym"] == "summit"
    (day_1, day_2) = conference["days"]
    assert list(day_1["rooms"]) == ["All rooms", "Main hall"]
    assert day_2["rooms"] == {}
    keynote = day_1["rooms"]["Main hall"][0]
    assert keynote["guid"] == str(agenda["keynote"].uid)
    assert keynote["start"] == "10:00"
    assert keynote["end"] == f"{DAY_1.isoformat()}T11:00:00+02:00"


@pytest.mark.parametrize("name", ["schedule_xml", "schedule_json"])
def test_conference_app_export_before_release_answers_404(client, name):
    ScheduleFactory(conference__slug="summit")

    assert get(client, name).status_code == 404


@pytest.mark.parametrize("name", ["schedule_xml", "schedule_json"])
def test_conference_app_export_matching_etag_answers_304_in_two_queries(
    client, django_assert_num_queries, name
):
    rich_agenda()
    etag = get(client, name)["ETag"]

    with django_assert_num_queries(2):
        response = get(client, name, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


@pytest.mark.parametrize("name", ["schedule_xml", "schedule_json"])
@pytest.mark.parametrize("count", [60, 600])
def test_conference_app_export_query_count_constant(client, django_assert_num_queries, name, count):
    event = many_sessions(count)

    with django_assert_num_queries(4):
        response = get(client, name, event.slug)

    assert response.status_code == 200
    assert response.content.count(b"Talk ") >= count


def test_schedule_json_times_across_daylight_saving_change(client):
    event = conference(
        slug="autumn",
        timezone="Europe/Berlin",
        starts_on=datetime.date(2030, 10, 26),
        ends_on=datetime.date(2030, 10, 27),
    )
    release = ScheduleFactory(conference=event, released=True)
    for day in (event.starts_on, event.ends_on):
        SlotFactory(schedule=release, title="Morning", start=local_datetime(event, day, 10))

    data = get(client, "schedule_json", "autumn").json()

    days = data["schedule"]["conference"]["days"]
    dates = [item["date"] for day in days for room in day["rooms"].values() for item in room]
    assert dates == ["2030-10-26T10:00:00+02:00", "2030-10-27T10:00:00+01:00"]
    assert [day["day_start"] for day in days] == dates
