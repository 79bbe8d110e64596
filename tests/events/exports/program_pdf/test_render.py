"""Rendering the programme (events/exports/program_pdf/__init__.py and
events/schedule/program.py): page size, determinism, queries, text the fonts cannot
draw, and the pages as images."""

import datetime
import subprocess

import pytest
from django.utils import timezone
from PIL import Image

from events.exports.program_pdf import render_program
from events.schedule.rows import session_rows
from tests.events.exports.program_pdf.program_data import (
    Program,
    page_texts,
    read,
    speaker,
)

pytestmark = pytest.mark.django_db


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

    assert metadata is not None
    assert str(metadata["/CreationDate"]).startswith("D:20300501123000")


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


def test_program_text_outside_the_font_does_not_break_the_build():
    agenda = Program()
    agenda.talk("Rockets 🚀 and 東京 \x0b\x1f data", speakers=[speaker("Émile", "Zola\x07")])

    text = " ".join(page_texts(agenda.build()))

    assert "Rockets" in text
    assert "Émile Zola" in text


def run(*command) -> str:
    return subprocess.run(  # noqa: S603 - a poppler tool with fixed arguments
        [str(part) for part in command], capture_output=True, check=True, text=True
    ).stdout


def test_program_prints_emoji_and_symbols_with_the_fallback_font(poppler, tmp_path):
    agenda = Program()
    symbols = ["🚀", "📊", "✅", "🎉", "⭐", "🔒"]  # none of them in DejaVu Sans
    agenda.talk(
        "Launch 🚀 metrics 📊 done ✅",
        speakers=[speaker("Ada", "Lovelace", "Orbit 🎉 Bank")],
        room=0,
    )
    agenda.block("Coffee ⭐ and locks 🔒", hour=11)
    source = tmp_path / "program.pdf"
    source.write_bytes(agenda.build())

    text = run(poppler("pdftotext"), "-enc", "UTF-8", source, "-")
    grid = run(poppler("pdftotext"), "-enc", "UTF-8", "-f", "2", "-l", "2", source, "-")
    fonts = run(poppler("pdffonts"), source)

    for symbol in symbols:
        assert symbol in text
    assert "Launch 🚀 metrics 📊 done ✅" in " ".join(text.split())
    assert "🚀" in grid  # drawn on the canvas, not only in paragraphs
    assert "\ufffd" not in text
    embedded = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert any(name.endswith("+Symbola") for name in embedded), fonts
    assert any(name.endswith("+DejaVuSans") for name in embedded), fonts


# Pages as images


def test_program_cover_and_grid_render_to_images_that_are_not_blank(program, poppler, tmp_path):
    source = tmp_path / "program.pdf"
    source.write_bytes(program.build())

    for page in (1, 2):
        subprocess.run(  # noqa: S603 - fixed tool and arguments
            [
                poppler("pdftoppm"),
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
