"""`manage.py build_program`: the programme to a file, from the release or the working copy."""

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from events.models import Slot
from tests.events.exports.program_pdf.program_data import Program, words
from tests.factories import ConferenceFactory, ScheduleFactory

pytestmark = pytest.mark.django_db


def pdf_text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(words(page.extract_text()) for page in reader.pages)


@pytest.fixture
def agenda():
    agenda = Program()
    agenda.talk("Released talk")
    working = ScheduleFactory(conference=agenda.conference)
    draft = agenda.talk("Talk in the working copy", hour=15)
    Slot.objects.filter(pk=draft.pk).update(schedule=working)
    return agenda


def test_build_program_writes_latest_release(agenda, tmp_path):
    target = tmp_path / "program.pdf"
    out = io.StringIO()

    call_command("build_program", agenda.conference.slug, "-o", str(target), stdout=out)

    text = pdf_text(target)
    assert "Released talk" in text
    assert "Talk in the working copy" not in text
    assert "version 1.0" in out.getvalue()


def test_build_program_working_prints_working_copy(agenda, tmp_path):
    target = tmp_path / "draft.pdf"

    call_command(
        "build_program",
        agenda.conference.slug,
        "-o",
        str(target),
        "--working",
        stdout=io.StringIO(),
    )

    text = pdf_text(target)
    assert "Talk in the working copy" in text
    assert "Working copy, not released" in text


def test_build_program_page_size_option(agenda, tmp_path):
    target = tmp_path / "letter.pdf"

    call_command(
        "build_program",
        agenda.conference.slug,
        "-o",
        str(target),
        "--page-size",
        "LETTER",
        stdout=io.StringIO(),
    )

    box = PdfReader(target).pages[0].mediabox
    assert (round(box.width), round(box.height)) == (612, 792)


def test_build_program_unknown_conference_refused(tmp_path):
    with pytest.raises(CommandError, match="no conference with the slug “nowhere”"):
        call_command("build_program", "nowhere", "-o", str(tmp_path / "x.pdf"))


def test_build_program_without_release_refused(tmp_path):
    conference = ConferenceFactory(name="Unreleased Summit")
    ScheduleFactory(conference=conference)

    with pytest.raises(CommandError, match="no released agenda yet; pass --working"):
        call_command("build_program", conference.slug, "-o", str(tmp_path / "x.pdf"))


def test_build_program_working_without_working_copy_refused(tmp_path):
    conference = ConferenceFactory(name="Blank Summit")

    with pytest.raises(CommandError, match="no working copy"):
        call_command("build_program", conference.slug, "-o", str(tmp_path / "x.pdf"), "--working")


def test_build_program_unwritable_file_refused(agenda, tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        call_command(
            "build_program", agenda.conference.slug, "-o", str(tmp_path / "missing" / "x.pdf")
        )
