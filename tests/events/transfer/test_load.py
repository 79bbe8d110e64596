"""Importing a conference (events/transfer/load.py and `manage.py import_conference`): a
round trip into an empty database, and refusals that write nothing."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from demo.data.conference import CONFERENCE_SLUG
from events.models import (
    Conference,
)
from events.schedule.services import schedule_working
from tests.events.transfer.conftest import counts, export
from tests.factories import (
    ConferenceFactory,
    SlotFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_demo_conference_round_trips_into_empty_database(tmp_path):
    # Real transactions: PostgreSQL cannot empty tables inside the test's own transaction.
    call_command("seed_demo", "--force", stdout=io.StringIO())
    original = export(CONFERENCE_SLUG, tmp_path / "demo.json")
    # The demo also holds next year's conference, which this export leaves out.
    before = counts(CONFERENCE_SLUG)
    slots = [slot for schedule in original["schedules"] for slot in schedule["slots"]]

    call_command("flush", "--no-input")
    emptied = counts()
    output = io.StringIO()
    call_command("import_conference", str(tmp_path / "demo.json"), stdout=output)
    again = export(CONFERENCE_SLUG, tmp_path / "again.json")

    assert (
        len([schedule for schedule in original["schedules"] if schedule["version"]]) >= 2,
        any(slot["cancelled"] for slot in slots),
        sum(len(submission["reviews"]) for submission in original["submissions"]) > 0,
        sum(len(registration["starred"]) for registration in original["registrations"]) > 0,
        all("password" not in user for user in original["users"]),
    ) == (True, True, True, True, True)
    assert set(emptied.values()) == {0}
    assert counts() == before
    assert again == original
    assert output.getvalue().startswith(f"Imported {original['conference']['name']}")


def test_import_refuses_conference_already_here_and_writes_nothing(tmp_path):
    conference = ConferenceFactory(slug="summit-2030")
    SubmissionFactory(conference=conference)
    export(conference.slug, tmp_path / "summit.json")
    before = counts()

    with pytest.raises(CommandError, match="already has a conference “summit-2030”"):
        call_command("import_conference", str(tmp_path / "summit.json"))

    assert counts() == before


def test_import_broken_file_writes_nothing(tmp_path):
    conference = ConferenceFactory(slug="summit-2030")
    working = schedule_working(conference=conference)
    SlotFactory(schedule=working, talk=True)
    document = export(conference.slug, tmp_path / "summit.json")
    document["conference"]["slug"] = "summit-2030-copy"
    document["schedules"][0]["slots"][0]["room"] = "No such room"
    (tmp_path / "broken.json").write_text(json.dumps(document))
    before = (counts(), Conference.objects.count())

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_conference", str(tmp_path / "broken.json"))

    assert (counts(), Conference.objects.count()) == before


def test_import_refuses_file_of_another_kind(tmp_path):
    (tmp_path / "other.json").write_text(json.dumps({"format": "frab", "version": 1}))

    with pytest.raises(CommandError, match="not a Guildhall conference export"):
        call_command("import_conference", str(tmp_path / "other.json"))


def test_import_refuses_unreadable_file(tmp_path):
    (tmp_path / "bad.json").write_text("{not json")

    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_conference", str(tmp_path / "bad.json"))
