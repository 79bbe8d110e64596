"""The badge PDF renderer (events/exports/badges.py): pure, streamed, readable."""

import collections
import datetime
import shutil
import subprocess
import tracemalloc
from collections.abc import Iterator

import pytest
from PIL import Image

from events.exports.badges import BadgeData, render_badges

CREATED = datetime.datetime(2030, 6, 1, 8, 0, tzinfo=datetime.UTC)


def badges(count: int) -> Iterator[BadgeData]:
    for number in range(count):
        yield BadgeData(
            name=f"Person Number{number}",
            company=f"Company {number % 97}",
            pass_label="Member pass (complimentary)",
            code=f"{number + 1:X}-A3KX9-QP2MZ",
            pass_type="member",
        )


def pdf(items, **options) -> bytes:
    return b"".join(
        render_badges(
            items,
            conference_name="Summit 2030",
            dates="10 June – 11 June 2030, Amsterdam",  # noqa: RUF001 - an en dash between dates
            created_at=CREATED,
            **options,
        )
    )


@pytest.fixture
def poppler():
    def tool(name: str) -> str:
        path = shutil.which(name)
        assert path is not None, f"{name} is missing: apt-get install poppler-utils"
        return path

    return tool


def run(*command) -> str:
    return subprocess.run(  # noqa: S603 - a poppler tool with fixed arguments
        [str(part) for part in command], capture_output=True, check=True, text=True
    ).stdout


def test_render_badges_prints_name_company_pass_and_code(poppler, tmp_path):
    source = tmp_path / "badges.pdf"
    source.write_bytes(
        pdf(
            [
                BadgeData(
                    name="Åsa Østergaard",
                    company="Nordic Steel AB",
                    pass_label="Speaker pass",
                    code="16J-A3KX9-QP2MZ",
                    pass_type="speaker",
                )
            ],
            sheet=False,
        )
    )

    text = run(poppler("pdftotext"), source, "-")
    info = run(poppler("pdfinfo"), source)

    for expected in ("Åsa Østergaard", "Nordic Steel AB", "SPEAKER PASS", "16J-A3KX9-QP2MZ"):
        assert expected in text
    assert "Pages:           1" in info


def test_render_badges_puts_four_on_a_sheet(poppler, tmp_path):
    source = tmp_path / "sheet.pdf"
    source.write_bytes(pdf(badges(9)))

    info = run(poppler("pdfinfo"), source)

    assert "Pages:           3" in info
    assert "595.28 x 841.89 pts (A4)" in info


def test_render_badges_embeds_only_the_bundled_faces(poppler, tmp_path):
    source = tmp_path / "sheet.pdf"
    source.write_bytes(pdf(badges(2)))

    fonts = run(poppler("pdffonts"), source)

    assert "DejaVuSans" in fonts
    assert "Helvetica" not in fonts


def test_render_badges_draws_a_page_that_is_not_blank(poppler, tmp_path):
    source = tmp_path / "one.pdf"
    source.write_bytes(pdf(badges(1), sheet=False))

    subprocess.run(  # noqa: S603 - fixed tool and arguments
        [poppler("pdftoppm"), "-r", "40", "-png", source, tmp_path / "page"], check=True
    )

    [image_path] = tmp_path.glob("page*.png")
    with Image.open(image_path) as image:
        grey = image.convert("L")
        dark = sum(grey.histogram()[:100])
        assert dark > grey.width * grey.height * 0.1


def test_render_badges_of_no_one_is_still_a_pdf(poppler, tmp_path):
    source = tmp_path / "empty.pdf"
    source.write_bytes(pdf([]))

    assert "Pages:           1" in run(poppler("pdfinfo"), source)


def test_render_badges_is_the_same_for_the_same_input():
    assert pdf(badges(5)) == pdf(badges(5))


def test_render_badges_reads_its_input_a_page_at_a_time():
    taken: list[int] = []

    def counted() -> Iterator[BadgeData]:
        for number, badge in enumerate(badges(40)):
            taken.append(number)
            yield badge

    stream = render_badges(counted(), conference_name="S", dates="d", created_at=CREATED)
    next(stream)  # the header
    next(stream)  # the first page's content

    assert len(taken) <= 5


def _peak_while_streaming(count: int) -> int:
    tracemalloc.start()
    try:
        # Drain the stream without keeping its chunks: only the renderer's memory counts.
        collections.deque(
            render_badges(badges(count), conference_name="S", dates="d", created_at=CREATED),
            maxlen=0,
        )
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_render_badges_memory_does_not_grow_with_the_badges():
    _peak_while_streaming(4)  # fonts and imports loaded
    small = _peak_while_streaming(8)
    large = _peak_while_streaming(80)

    # Ten times the badges: the offsets of the extra objects are kept, not the pages.
    assert large < small * 1.2 + 50_000, (small, large)
