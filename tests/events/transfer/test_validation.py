"""Checking a transfer document before anything is written (events/transfer/validation.py):
the shape, the values and the references of the file, each fault named by its place."""

import pytest
from django.core.exceptions import ValidationError

from events.schedule.services import schedule_release, schedule_working
from events.transfer import conference_export
from events.transfer.validation import document_check
from tests.factories import (
    CaseStudyFactory,
    ConferenceFactory,
    RegistrationFactory,
    ReviewFactory,
    SlotFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def document() -> dict:
    conference = ConferenceFactory()
    working = schedule_working(conference=conference)
    slot = SlotFactory(schedule=working, talk=True)
    ReviewFactory(submission=slot.submission)
    SubmissionFactory(conference=conference, case_study=CaseStudyFactory())
    RegistrationFactory(conference=conference)
    schedule_release(conference=conference, version="v1")
    return conference_export(conference=conference)


def faults(document: object) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        document_check(document)
    return raised.value.messages


def test_check_passes_an_export(document):
    document_check(document)


def test_check_refuses_version_given_as_true(document):
    document["version"] = True

    assert faults(document) == [
        "This is not a Guildhall conference export (format guildhall.conference and version 2). "
        "Nothing was imported."
    ]


def test_check_refuses_references_to_rows_not_in_the_file(document):
    document["members"][0]["company"] = "ghost-co"
    document["case_studies"][0]["products"] = ["ghost-product"]
    document["submissions"][1]["case_study"] = ["ghost-co", "ghost-study"]
    document["submissions"][0]["speakers"][0]["member"] = "ghost"
    document["schedules"][1]["slots"][0]["submission"] = 99
    document["schedules"][1]["slots"][0]["changed_in"] = "v9"
    document["registrations"][0]["last_seen_release"] = "v9"

    assert faults(document) == [
        "members[0].company: names no company of the file (“ghost-co”).",
        "case_studies[0].products[0]: names no product of the file (“ghost-product”).",
        "submissions[0].speakers[0].member: names no member of the file (“ghost”).",
        "submissions[1].case_study: names no case study of the file (“ghost-co/ghost-study”).",
        "schedules[1].slots[0].submission: names no submission of the file (“99”).",
        "schedules[1].slots[0].changed_in: names no schedule of the file (“v9”).",
        "registrations[0].last_seen_release: names no schedule of the file (“v9”).",
    ]


def test_check_refuses_repeated_keys(document):
    document["users"].append(dict(document["users"][0]))
    document["submissions"][1]["number"] = document["submissions"][0]["number"]
    document["schedules"].append(dict(document["schedules"][0], slots=[]))

    assert faults(document) == [
        f"users[{len(document['users']) - 1}].username: the username "
        f"“{document['users'][0]['username']}” appears also at users[0].",
        "submissions[1].number: the submission number “1” appears also at submissions[0].",
        f"schedules[2].version: the schedule version “{document['schedules'][0]['version']}” "
        "appears also at schedules[0].",
    ]


def test_check_refuses_rows_of_the_wrong_shape(document):
    room = document["rooms"][0]["name"]
    document["rooms"] = {"name": "Hall"}
    document["tracks"] = ["cloud"]
    document["submissions"][0]["reviews"][0] = None
    del document["registrations"][0]["starred"]

    assert faults(document) == [
        "rooms: must be a list, not an object.",
        "tracks[0]: must be an object, not a string.",
        "submissions[0].reviews[0]: must be an object, not null.",
        f"schedules[0].slots[0].room: names no room of the file (“{room}”).",
        f"schedules[1].slots[0].room: names no room of the file (“{room}”).",
        "registrations[0]: lacks starred.",
    ]


def test_check_quotes_lone_surrogates_escaped(document):
    document["conference"]["name\ud800"] = {"x\udfff": "\ud800"}

    messages = faults(document)

    assert messages == [
        "conference: a key holds a lone surrogate (a \\u escape such as \\ud800 that is no "
        "character): “name\\ud800”.",
        "conference.name\\ud800: a key holds a lone surrogate (a \\u escape such as \\ud800 "
        "that is no character): “x\\udfff”.",
        "conference.name\\ud800.x\\udfff: holds a lone surrogate (a \\u escape such as \\ud800 "
        "that is no character).",
    ]
    assert "\n".join(messages).encode("utf-8")
