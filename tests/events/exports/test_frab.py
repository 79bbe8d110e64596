"""The frab schedule.xml (events/exports/frab.py and the arrangement it shares with the JSON,
schedule_data.py): valid against the published schema in tests/data/formats/, and what it
says about the schedule."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from lxml import etree

from tests.events.feed_data import (
    DAY_1,
    first_release,
    many_sessions,
    second_release,
)
from tests.factories import (
    SubmissionSpeakerFactory,
    TrackFactory,
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
    return etree.XMLSchema(etree.parse(str(path)))


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
    second_speaker = [person.text for person in streaming.iter("person")][1]
    assert second_speaker is not None
    assert second_speaker.startswith("Ada")
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


def test_schedule_xml_names_the_conference_page_and_each_session_page(client, xml_schema):
    agenda = rich_agenda()

    document = etree.fromstring(get(client, "schedule_xml").content)

    schedule_page = "http://testserver" + reverse("events:schedule", args=["summit"])
    assert document.findtext("conference/url") == schedule_page
    assert document.findtext("url") == "http://testserver" + reverse(
        "events:schedule_xml", args=["summit"]
    )
    lunch = next(e for e in document.iter("event") if e.get("guid") == str(agenda["lunch"].uid))
    assert lunch.findtext("url") == "http://testserver" + reverse(
        "events:session", args=["summit", agenda["lunch"].uid]
    )
    assert xml_schema.validate(document), xml_schema.error_log
