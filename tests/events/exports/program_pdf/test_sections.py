"""The printed programme's sections (events/exports/program_pdf/sections.py): what a reader
finds on the cover, the sessions pages, the indexes and the case-study page, and the
outline and metadata."""

import re

import pytest

from events.models import Slot
from events.schedule.program import program_pdf_build
from tests.events.exports.program_pdf.program_data import (
    Program,
    outline_titles,
    page_texts,
    read,
    speaker,
    words,
)
from tests.factories import (
    CaseStudyFactory,
    ConferenceFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db


# What a reader finds


def test_program_text_has_every_session_title_and_speaker(program):
    text = " ".join(page_texts(program.build()))

    for expected in [
        "Orbit Summit 2030",
        "Opening keynote: the year in data",
        "Streaming the ledger",
        "Stock levels every minute",
        "Tagging every query",
        "Coffee break",
        "Ada Lovelace",
        "Grace Hopper",
        "Linus Berg",
        "Welcome to Orbit.",
        "10–11 June 2030",  # noqa: RUF001 - the printed program's own en dash
    ]:
        assert expected in text


def test_program_speaker_index_page_numbers_point_at_their_sessions(program):
    pages = page_texts(program.build())
    index = next(text for text in pages if "Orbit Summit 2030 Speaker index" in text)

    found = {}
    for name, titles in [
        ("Lovelace, Ada", ["Opening keynote: the year in data", "Streaming the ledger"]),
        ("Hopper, Grace", ["Streaming the ledger", "Stock levels every minute"]),
        ("Berg, Linus", ["Tagging every query"]),
    ]:
        entry = re.search(re.escape(name) + r" · [\w ]+? ((?:\d+, )*\d+)", index)
        assert entry is not None, name
        numbers = entry.group(1)
        found[name] = {
            title: any(title in pages[int(n) - 1] for n in numbers.split(", ")) for title in titles
        }
        # Every number printed points at a page that shows one of the speaker's sessions.
        for number in numbers.split(", "):
            assert any(title in pages[int(number) - 1] for title in titles), (name, number)

    assert all(all(hits.values()) for hits in found.values()), found


def test_program_company_index_page_numbers_point_at_their_sessions(program):
    pages = page_texts(program.build())
    index = next(text for text in pages if "Orbit Summit 2030 Company index" in text)

    entry = re.search(r"Nimbus Retail ((?:\d+, )*\d+)", index)
    assert entry is not None
    numbers = entry.group(1).split(", ")

    shown = " ".join(pages[int(number) - 1] for number in numbers)
    for title in ["Streaming the ledger", "Stock levels every minute", "Tagging every query"]:
        assert title in shown


def test_program_cover_contents_name_the_pages_sections_start_on(program):
    pages = page_texts(program.build())

    for section, header in [
        ("Day at a glance", "Day at a glance · Monday 10 June"),
        ("Sessions", "Sessions · Monday 10 June"),
        ("Speaker index", "Speaker index"),
        ("Company index", "Company index"),
    ]:
        contents_line = re.search(re.escape(section) + r" (\d+)", pages[0])
        assert contents_line is not None, section
        number = int(contents_line.group(1))
        assert f"Orbit Summit 2030 {header}" in pages[number - 1], section
        assert f"Orbit Summit 2030 {header}" not in pages[number - 2], section


def test_program_leaves_out_cancelled_sessions(program):
    withdrawn = program.talk("Withdrawn at the last minute", room=2, hour=14)
    Slot.objects.filter(pk=withdrawn.pk).update(cancelled=True)

    text = " ".join(page_texts(program.build()))

    assert "Withdrawn at the last minute" not in text


def test_program_escapes_markup_in_user_text(program):
    program.talk("<script>alert(1)</script> & <b>bold</b>", room=2, hour=15)

    text = " ".join(page_texts(program.build()))

    assert "<script>alert(1)</script> & <b>bold</b>" in text


def test_program_case_study_page_shows_company_and_result(program):
    study = CaseStudyFactory(
        company__name="Keystone Mutual",
        company__slug="keystone-mutual",
        title="Claims triage",
        results="Claims triage from 3 days to same day.",
        published=True,
    )
    draft = CaseStudyFactory(results="Unpublished numbers.")
    program.talk("Claims in a day", room=2, hour=14, case_study=study)
    program.talk("Secret project", room=2, hour=15, case_study=draft)

    pages = page_texts(program.build())

    page = next(text for text in pages if "Orbit Summit 2030 Case studies presented" in text)
    assert "Keystone Mutual" in page
    assert "Claims triage from 3 days to same day." in page
    assert "Unpublished numbers." not in " ".join(pages)


def test_program_cover_has_qr_code_to_subscribe_page(program, settings):
    settings.SITE_URL = "https://guildhall.example.org"

    reader = read(program.build())

    url = f"https://guildhall.example.org/conferences/{program.conference.slug}/subscribe/"
    links = [
        annotation.get_object()["/A"]["/URI"]
        for annotation in reader.pages[0].get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert url in links
    assert url in words(reader.pages[0].extract_text())


def test_program_without_sessions_is_one_clear_page():
    conference = ConferenceFactory(name="Empty Summit")
    release = ScheduleFactory(conference=conference, released=True)

    pages = page_texts(program_pdf_build(conference=conference, schedule=release))

    assert len(pages) == 1
    assert "Empty Summit" in pages[0]
    assert "No sessions have been scheduled yet." in pages[0]


def test_program_with_long_title_six_speakers_and_other_scripts():
    agenda = Program()
    title = ("Moving four hundred nightly batch jobs to streaming " * 4)[:200].strip()
    names = [
        ("Αλέξανδρος", "Παπαδόπουλος", "Ελληνικά Δίκτυα"),
        ("Дмитрий", "Иванов", "Северный Банк"),
        ("Zoë", "Ørsted", "Nordhavn"),
        ("Ana", "Ruiz", None),
        ("Li", "Wei", "Orbit Bank"),
        ("Sam", "Okafor", "Orbit Bank"),
    ]
    agenda.talk(title, speakers=[speaker(*name) for name in names], minutes=10)

    pages = page_texts(agenda.build())

    text = " ".join(pages)
    assert title in text
    for first, last, company in names:
        assert f"{first} {last}" in text
        assert f"{last}, {first}" in text
        if company:
            assert company in text


# Outline, metadata, links


def test_program_outline_has_an_entry_per_day_and_index(program):
    reader = read(program.build())

    titles = outline_titles(reader.outline)

    assert titles.count("Monday 10 June") == 2  # the day's grid and its sessions
    assert titles.count("Tuesday 11 June") == 2
    for title in ["Day at a glance", "Sessions", "Speaker index", "Company index"]:
        assert title in titles


def test_program_metadata_names_conference_and_group(program, settings):
    settings.SITE_NAME = "Orbit Users' Group"

    metadata = read(program.build()).metadata

    assert metadata is not None
    assert (metadata.title, metadata.author, metadata.subject) == (
        "Orbit Summit 2030: programme",
        "Orbit Users' Group",
        "Programme, version 1.0",
    )
