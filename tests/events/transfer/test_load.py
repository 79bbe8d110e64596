"""Importing a conference (events/transfer/load.py and `manage.py import_conference`): a
round trip into an empty database, and refusals that write nothing."""

import io
import json

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from demo.data.conference import CONFERENCE_SLUG
from events.models import (
    Conference,
)
from events.schedule.services import schedule_working
from tests.events.transfer.conftest import counts, export
from tests.factories import (
    ConferenceFactory,
    RegistrationFactory,
    ReviewFactory,
    SlotFactory,
    SubmissionFactory,
    TrackFactory,
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
    call_command("import_conference", str(tmp_path / "demo.json"), "--allow-staff", stdout=output)
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


# A file is checked whole before anything is written; each message names its place.


@pytest.fixture
def copy_document(tmp_path) -> dict:
    """A conference's export under a new slug, which imports cleanly into this database."""
    conference = ConferenceFactory(slug="summit-2030")
    working = schedule_working(conference=conference)
    slot = SlotFactory(schedule=working, talk=True)
    ReviewFactory(submission=slot.submission)
    TrackFactory(conference=conference, slug="cloud")
    document = export(conference.slug, tmp_path / "summit.json")
    document["conference"]["slug"] = "summit-2030-copy"
    return document


def import_document(tmp_path, document, *args: str) -> str:
    path = tmp_path / "import.json"
    path.write_text(json.dumps(document))
    output = io.StringIO()
    call_command("import_conference", str(path), *args, stdout=output)
    return output.getvalue()


def refused(tmp_path, document, *args: str) -> str:
    """The message of an import that must fail, having written nothing."""
    before = (counts(), Conference.objects.count(), User.objects.count())
    with pytest.raises(CommandError) as raised:
        import_document(tmp_path, document, *args)
    assert (counts(), Conference.objects.count(), User.objects.count()) == before
    return str(raised.value)


def test_import_copy_document_imports(tmp_path, copy_document):
    output = import_document(tmp_path, copy_document)

    assert output.startswith("Imported ")
    assert Conference.objects.get(slug="summit-2030-copy").tracks.get().colour == "#4a6fa5"


@pytest.mark.parametrize(
    ("content", "kind"),
    [("[]", "a list"), ("null", "null"), ('"summit"', "a string"), ("42", "a whole number")],
)
def test_import_refuses_json_that_is_not_an_object(tmp_path, content, kind):
    (tmp_path / "odd.json").write_text(content)

    with pytest.raises(CommandError) as raised:
        call_command("import_conference", str(tmp_path / "odd.json"))

    assert str(raised.value) == (
        f"The file holds {kind}, not a Guildhall conference export (an object with format "
        "guildhall.conference and version 2). Nothing was imported."
    )


def test_import_refuses_file_that_is_not_utf8(tmp_path):
    (tmp_path / "latin.json").write_bytes('{"format": "Müller"}'.encode("latin-1"))

    with pytest.raises(CommandError, match=r"Cannot read .*latin.json: 'utf-8' codec"):
        call_command("import_conference", str(tmp_path / "latin.json"))


def test_import_refuses_lone_surrogate_naming_its_place(tmp_path, copy_document):
    copy_document["tracks"][0]["name"] = "Cloud \ud800"
    copy_document["rooms"][0]["name\udfff"] = "x"

    message = refused(tmp_path, copy_document)

    assert message.splitlines() == [
        "The file does not fit; nothing was imported:",
        "- rooms[0]: a key holds a lone surrogate (a \\u escape such as \\ud800 that is no "
        "character): “name\\udfff”.",
        "- tracks[0].name: holds a lone surrogate (a \\u escape such as \\ud800 that is no "
        "character).",
    ]


def test_import_refuses_nul_character(tmp_path, copy_document):
    copy_document["submissions"][0]["title"] = "Zero\x00day"

    message = refused(tmp_path, copy_document)

    assert "- submissions[0].title: holds a NUL character, which the database cannot store." in (
        message.splitlines()
    )


def test_import_refuses_track_colour_the_admin_refuses(tmp_path, copy_document):
    copy_document["tracks"][0]["colour"] = "red"

    message = refused(tmp_path, copy_document)

    assert message.splitlines()[1:] == ["- tracks[0].colour: Give a colour as #rrggbb."]


def test_import_lists_every_fault_of_the_file_at_once(tmp_path, copy_document):
    copy_document["rooms"][0]["capacity"] = "many"
    copy_document["rooms"].append(dict(copy_document["rooms"][0], capacity=0))
    copy_document["users"][0]["is_active"] = "yes"
    copy_document["users"][0]["email"] = "not an address"
    copy_document["submissions"][0]["format"] = "no-such-format"
    copy_document["submissions"][0]["reviews"][0]["score"] = 9
    copy_document["schedules"][0]["slots"][0]["start"] = "2030-06-01T09:00:00"
    del copy_document["formats"]
    copy_document["extra"] = []

    copy_document["conference"]["ends_on"] = "2000-01-01"

    message = refused(tmp_path, copy_document)

    room = copy_document["rooms"][0]["name"]
    assert message.splitlines()[1:] == [
        "- the file: lacks formats.",
        "- the file: has extra, which this format does not know.",
        "- users[0].is_active: must be true or false, not a string.",
        "- users[0].email: Enter a valid email address.",
        "- conference: The conference cannot end before it starts.",
        "- rooms[0].capacity: must be a whole number, not a string.",
        "- rooms[1].capacity: Ensure this value is greater than or equal to 1.",
        f"- rooms[1].name: the room “{room}” appears also at rooms[0].",
        "- submissions[0].format: names no format of the file (“no-such-format”).",
        "- submissions[0].reviews[0].score: Ensure this value is less than or equal to 5.",
        "- schedules[0].slots[0].start: needs a UTC offset, such as +00:00.",
    ]


def test_import_refuses_new_staff_account_without_allow_staff(tmp_path, copy_document):
    newcomer = dict(copy_document["users"][0], username="mallory", email="m@evil.example")
    newcomer["is_staff"] = False
    copy_document["users"].append({**newcomer, "is_staff": True, "roles": []})
    copy_document["users"].append({**newcomer, "username": "trudy", "roles": ["Organizers"]})

    message = refused(tmp_path, copy_document)

    assert message == (
        "The file would create 2 accounts with staff status or a role: mallory (staff), "
        "trudy (Organizers). Nothing was imported; give --allow-staff if they are to have them."
    )


def test_import_creates_staff_account_with_allow_staff(tmp_path, copy_document):
    newcomer = dict(copy_document["users"][0], username="mallory", email="m@evil.example")
    copy_document["users"].append({**newcomer, "is_staff": True, "roles": ["Organizers"]})

    import_document(tmp_path, copy_document, "--allow-staff")

    mallory = User.objects.get(username="mallory")
    assert (mallory.is_staff, mallory.is_superuser, mallory.has_usable_password()) == (
        True,
        False,
        False,
    )
    assert list(mallory.groups.values_list("name", flat=True)) == ["Organizers"]


def test_import_refuses_superuser_even_with_allow_staff(tmp_path, copy_document):
    copy_document["users"].append(
        dict(copy_document["users"][0], username="root", is_superuser=True)
    )

    message = refused(tmp_path, copy_document, "--allow-staff")

    assert message.splitlines()[1:] == [
        f"- users[{len(copy_document['users']) - 1}]: has is_superuser, which this format "
        "does not know."
    ]


def test_import_clash_with_this_database_writes_nothing(tmp_path, copy_document):
    # The registration's calendar token is this database's already.
    RegistrationFactory(conference=Conference.objects.get(slug="summit-2030"))
    document = export("summit-2030", tmp_path / "again.json")
    document["conference"]["slug"] = "summit-2030-copy"

    message = refused(tmp_path, document)

    assert "does not fit this database (IntegrityError(" in message
    assert message.endswith("nothing was imported.")


def test_import_carries_a_formats_credit_hours(tmp_path, copy_document):
    copy_document["formats"][0]["credit_hours"] = "1.50"

    import_document(tmp_path, copy_document)

    imported = Conference.objects.get(slug="summit-2030-copy").formats.get()
    assert str(imported.credit_hours) == "1.50"


def test_import_of_a_file_made_before_credit_hours_gives_formats_none(tmp_path, copy_document):
    for row in copy_document["formats"]:
        del row["credit_hours"]

    import_document(tmp_path, copy_document)

    imported = Conference.objects.get(slug="summit-2030-copy").formats.get()
    assert str(imported.credit_hours) == "0.00"
