"""The printed programme (events/exports/program_pdf/): what a reader finds in it, where
the indexes point, its outline and metadata, the edge cases that break booklets, and its
pages as images."""

import datetime
import io
import re
import shutil
import subprocess

import pytest
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from events.exports.program_pdf import render_program
from events.models import Slot, Submission
from events.schedule.program import program_pdf_build
from events.schedule.rows import session_rows
from members.models import MemberCompany
from tests.factories import (
    CaseStudyFactory,
    ConferenceFactory,
    MemberCompanyFactory,
    MemberFactory,
    RoomFactory,
    ScheduleFactory,
    SlotFactory,
    SubmissionFactory,
    TrackFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db

DAY_ONE = datetime.date(2030, 6, 10)
DAY_TWO = datetime.date(2030, 6, 11)


def words(text: str) -> str:
    return " ".join(text.split())


def read(body: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(body))


def page_texts(body: bytes) -> list[str]:
    return [words(page.extract_text()) for page in read(body).pages]


def outline_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles += outline_titles(item)
        else:
            titles.append(item.title)
    return titles


class Program:
    """A released agenda to print, built slot by slot."""

    def __init__(self, rooms: int = 3, **conference):
        conference.setdefault("name", "Orbit Summit 2030")
        self.conference = ConferenceFactory(
            starts_on=DAY_ONE, ends_on=DAY_TWO, welcome_text="Welcome to Orbit.", **conference
        )
        self.release = ScheduleFactory(conference=self.conference, released=True, version="1.0")
        self.rooms = [
            RoomFactory(conference=self.conference, name=f"Hall {number}", order=number)
            for number in range(1, rooms + 1)
        ]
        self.track = TrackFactory(conference=self.conference, name="Pipelines", colour="#2f855a")

    def talk(
        self,
        title: str,
        *,
        room: int = 0,
        day: datetime.date = DAY_ONE,
        hour: int = 10,
        minute: int = 0,
        minutes: int = 30,
        speakers=None,
        kind: str = Slot.Kind.TALK,
        **submission,
    ) -> Slot:
        submission = SubmissionFactory(
            conference=self.conference,
            title=title,
            state=Submission.State.ACCEPTED,
            track=self.track,
            speakers=speakers,
            **submission,
        )
        start = local_datetime(self.conference, day, hour, minute)
        return SlotFactory(
            schedule=self.release,
            room=self.rooms[room],
            kind=kind,
            submission=submission,
            title="",
            start=start,
            end=start + datetime.timedelta(minutes=minutes),
        )

    def block(self, title: str, *, hour: int, day: datetime.date = DAY_ONE, **fields) -> Slot:
        start = local_datetime(self.conference, day, hour)
        return SlotFactory(
            schedule=self.release,
            room=None,
            kind=Slot.Kind.BREAK,
            title=title,
            start=start,
            end=start + datetime.timedelta(minutes=30),
            **fields,
        )

    def build(self, **options) -> bytes:
        return program_pdf_build(conference=self.conference, schedule=self.release, **options)


def speaker(first: str, last: str, company: str | None = "Orbit Bank"):
    """A speaker at the named company (one company per name), or a guest without one."""
    employer = None
    if company is not None:
        employer = MemberCompany.objects.filter(name=company).first() or MemberCompanyFactory(
            name=company, slug=f"company-{MemberCompany.objects.count()}"
        )
    return MemberFactory(user__first_name=first, user__last_name=last, company=employer)


@pytest.fixture
def program():
    agenda = Program()
    ada = speaker("Ada", "Lovelace", "Orbit Bank")
    grace = speaker("Grace", "Hopper", "Nimbus Retail")
    linus = speaker("Linus", "Berg", "Nimbus Retail")
    agenda.talk(
        "Opening keynote: the year in data",
        kind=Slot.Kind.KEYNOTE,
        hour=9,
        minutes=45,
        speakers=[ada],
    )
    agenda.talk("Streaming the ledger", room=0, speakers=[ada, grace])
    agenda.talk("Stock levels every minute", room=1, speakers=[grace])
    agenda.block("Coffee break", hour=11)
    agenda.talk("Tagging every query", room=2, day=DAY_TWO, speakers=[linus])
    return agenda


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
        "10–11 June 2030",
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
        numbers = re.search(re.escape(name) + r" · [\w ]+? ((?:\d+, )*\d+)", index).group(1)
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

    numbers = re.search(r"Nimbus Retail ((?:\d+, )*\d+)", index).group(1).split(", ")

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
        number = int(re.search(re.escape(section) + r" (\d+)", pages[0]).group(1))
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

    assert (metadata.title, metadata.author, metadata.subject) == (
        "Orbit Summit 2030: programme",
        "Orbit Users' Group",
        "Programme, version 1.0",
    )


def test_program_grid_blocks_link_to_session_entries(program):
    reader = read(program.build())
    numbers = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    links = [
        annotation.get_object()
        for annotation in reader.pages[1].get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]

    targets = [numbers[link["/Dest"][0].idnum] for link in links]

    # The keynote, two talks and the coffee break of day one, each to its entry.
    assert len(targets) == 4
    for target in targets:
        assert "Sessions · Monday 10 June" in words(reader.pages[target].extract_text())


# Settings and determinism


@pytest.mark.parametrize(("page_size", "width", "height"), [("A4", 595, 842), ("LETTER", 612, 792)])
def test_program_page_size_follows_setting(program, settings, page_size, width, height):
    settings.PROGRAM_PAGE_SIZE = page_size

    reader = read(program.build())

    box = reader.pages[0].mediabox
    grid = reader.pages[1].mediabox
    assert (round(box.width), round(box.height)) == (width, height)
    assert (round(grid.width), round(grid.height)) == (height, width)  # landscape


def test_program_built_twice_for_a_release_is_byte_identical(program):
    assert program.build() == program.build()


def test_program_creation_date_is_the_release_time(program):
    program.release.released_at = datetime.datetime(2030, 5, 1, 12, 30, tzinfo=datetime.UTC)

    metadata = read(program.build()).metadata

    assert metadata["/CreationDate"].startswith("D:20300501123000")


def test_program_build_queries_do_not_grow_with_sessions(django_assert_num_queries):
    small, large = Program(), Program(rooms=4)
    small.talk("Only talk")
    for number in range(12):
        large.talk(f"Talk {number}", room=number % 4, hour=9 + number // 4)

    with django_assert_num_queries(2):
        small.build()
    with django_assert_num_queries(2):
        large.build()


def test_render_program_runs_no_query(program, django_assert_num_queries):
    sessions = session_rows(slots=program.release.slots.all())

    with django_assert_num_queries(0):
        body = render_program(
            conference=program.conference,
            sessions=sessions,
            version=program.release.version,
            draft=False,
            subscribe_url="https://example.org/subscribe/",
            site_name="Orbit",
            created_at=timezone.now(),
        )

    assert body.startswith(b"%PDF-")


# Edge cases


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


def test_program_with_24_rooms_prints_every_room_on_grid_pages():
    agenda = Program(rooms=24)
    for room in range(24):
        agenda.talk(f"Session in room {room + 1}", room=room, hour=9 + room % 6)

    reader = read(agenda.build())

    grids = [page for page in reader.pages if page.mediabox.width > page.mediabox.height]
    grid_text = " ".join(words(page.extract_text()) for page in grids)
    assert len(grids) == 3  # 8 rooms a page
    for room in range(1, 25):
        assert f"Hall {room}" in grid_text


def test_program_text_outside_the_font_does_not_break_the_build():
    agenda = Program()
    agenda.talk("Rockets 🚀 and 東京 \x0b\x1f data", speakers=[speaker("Émile", "Zola\x07")])

    text = " ".join(page_texts(agenda.build()))

    assert "Rockets" in text
    assert "Émile Zola" in text


def test_program_of_a_crowded_day_splits_its_grid_in_time():
    agenda = Program(rooms=1)
    for number in range(60):  # ten-minute talks from 08:00 to 18:00 in one room
        agenda.talk(
            f"Lightning {number}", hour=8 + number // 6, minute=(number % 6) * 10, minutes=10
        )

    reader = read(agenda.build())

    grids = [page for page in reader.pages if page.mediabox.width > page.mediabox.height]
    assert len(grids) == 2


# Pages as images


@pytest.fixture
def pdftoppm():
    path = shutil.which("pdftoppm")
    if path is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    return path


def test_program_cover_and_grid_render_to_images_that_are_not_blank(program, pdftoppm, tmp_path):
    source = tmp_path / "program.pdf"
    source.write_bytes(program.build())

    for page in (1, 2):
        subprocess.run(  # noqa: S603 - fixed tool and arguments
            [
                pdftoppm,
                "-r",
                "40",
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                source,
                tmp_path / f"page{page}",
            ],
            check=True,
        )
    images = sorted(tmp_path.glob("page*.png"))

    assert len(images) == 2
    for path in images:
        with Image.open(path) as image:
            grey = image.convert("L")
            dark = sum(grey.histogram()[:200])
            assert dark > grey.width * grey.height * 0.02, path.name
