"""export_conference and import_conference: a whole conference moves between databases as
JSON and comes back the same; imports are all or nothing and refuse what is already there."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from demo.data.conference import CONFERENCE_SLUG
from events import transfer
from events.models import (
    AgendaItem,
    Conference,
    Registration,
    Review,
    Room,
    Schedule,
    SessionFormat,
    Slot,
    Submission,
    SubmissionSpeaker,
    SubmissionTransition,
    Track,
)
from events.schedule.services import schedule_release, schedule_working
from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    RegistrationFactory,
    ReviewFactory,
    SlotFactory,
    SubmissionFactory,
    SubmissionTransitionFactory,
)

pytestmark = pytest.mark.django_db

# Each model with the path from its rows to their conference.
CONFERENCE_MODELS = {
    Room: "conference",
    Track: "conference",
    SessionFormat: "conference",
    Submission: "conference",
    SubmissionSpeaker: "submission__conference",
    SubmissionTransition: "submission__conference",
    Review: "submission__conference",
    Schedule: "conference",
    Slot: "schedule__conference",
    Registration: "conference",
    AgendaItem: "registration__conference",
}


def counts(slug: str | None = None) -> dict[str, int]:
    """Rows of each conference model, of every conference or of the one with `slug`."""
    return {
        model.__name__: (
            model._default_manager.filter(**{f"{path}__slug": slug})
            if slug
            else model._default_manager
        ).count()
        for model, path in CONFERENCE_MODELS.items()
    }


def export(slug: str, path) -> dict:
    call_command("export_conference", slug, "--output", str(path), stderr=io.StringIO())
    return json.loads(path.read_text())


@pytest.mark.parametrize("model", list(transfer.PLAIN), ids=lambda model: model.__name__)
def test_transfer_carries_every_field_of_every_model(model):
    fields = {field.name for field in model._meta.concrete_fields} | {
        field.name for field in model._meta.many_to_many
    }

    carried = set(transfer.PLAIN[model]) | set(transfer.REFERENCES[model])

    assert carried | {"id"} | set(transfer.NOT_CARRIED.get(model, [])) == fields


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


def test_export_unknown_conference_names_the_known_ones():
    ConferenceFactory(slug="summit-2030")

    with pytest.raises(
        CommandError, match=re.escape("No conference “nope”. Conferences here: summit-2030.")
    ):
        call_command("export_conference", "nope")


def test_export_to_standard_output_is_the_document():
    conference = ConferenceFactory(slug="summit-2030", name="Summit <2030>")
    output = io.StringIO()

    call_command("export_conference", conference.slug, stdout=output)

    assert json.loads(output.getvalue())["conference"]["name"] == "Summit <2030>"


def build(conference, size: int) -> None:
    working = schedule_working(conference=conference)
    for _ in range(size):
        slot = SlotFactory(schedule=working, talk=True)
        ReviewFactory(submission=slot.submission)
        SubmissionTransitionFactory(submission=slot.submission)
        AgendaItemFactory(
            registration=RegistrationFactory(conference=conference), slot_uid=slot.uid
        )
    schedule_release(conference=conference, version=f"v{size}")


@pytest.mark.parametrize("size", [1, 5])
def test_export_query_count_independent_of_size(django_assert_num_queries, size):
    conference = ConferenceFactory()
    build(conference, size)

    with django_assert_num_queries(13):
        document = transfer.conference_export(conference=conference)

    assert len(document["submissions"]) == size
