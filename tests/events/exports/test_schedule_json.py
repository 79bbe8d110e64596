"""The c3voc schedule.json (events/exports/schedule_json.py): valid against the published
schema in tests/data/formats/, and what it says about the schedule."""

import datetime
import json

import jsonschema
import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.events.exports.test_frab import FORMATS, get, rich_agenda
from tests.events.feed_data import DAY_1, conference, many_sessions
from tests.factories import ScheduleFactory, SlotFactory, local_datetime

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    # Rendered feeds are cached under their ETag, and on SQLite a rolled-back test's row ids
    # come back in the next test: start every test without another test's renderings.
    cache.clear()


@pytest.fixture(scope="module")
def json_validator() -> jsonschema.Draft6Validator:
    path = FORMATS / "schedule.schema.json"
    schema = json.loads(path.read_text())
    return jsonschema.Draft6Validator(schema, format_checker=jsonschema.FormatChecker())


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


def test_schedule_json_puts_urls_where_the_c3voc_tools_read_them(client, json_validator):
    agenda = rich_agenda()

    data = get(client, "schedule_json").json()

    # voc/schedule reads the conference's address as schedule.conference.url (the schema's
    # Conference.url) and each event's page as its url.
    conference = data["schedule"]["conference"]
    assert conference["url"] == "http://testserver" + reverse("events:schedule", args=["summit"])
    events = [
        event for day in conference["days"] for room in day["rooms"].values() for event in room
    ]
    assert {event["guid"]: event["url"] for event in events} == {
        str(agenda[key].uid): "http://testserver"
        + reverse("events:session", args=["summit", agenda[key].uid])
        for key in ("keynote", "streaming", "lunch")
    }
    assert data["schedule"]["url"] == "http://testserver" + reverse(
        "events:schedule_json", args=["summit"]
    )
    assert [error.message for error in json_validator.iter_errors(data)] == []
