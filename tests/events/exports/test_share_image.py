"""The share image renderer (events/exports/share_image.py): a 1200 by 630 PNG from plain
data, whatever the title's length or script, and a digest that follows what it shows.
The images drawn here are saved under test-artifacts/ for a person to look at."""

import dataclasses
import datetime
import io
import zoneinfo
from pathlib import Path

import pytest
from PIL import Image

from events.exports.share_image import (
    HEIGHT,
    WIDTH,
    ShareCard,
    card_alt,
    card_digest,
    render_share_image,
    title_layout,
)

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
TZ = zoneinfo.ZoneInfo("Europe/Amsterdam")
START = datetime.datetime(2026, 6, 9, 10, 30, tzinfo=TZ)
LONG_TITLE = (
    "How we migrated four hundred nightly batch jobs from a mainframe scheduler to "
    "event-driven pipelines without losing a single record, and what we would change"
)
NON_LATIN_TITLE = "数据平台 — Эволюция платформы данных — تطور منصة البيانات 🚀 ★"
NON_LATIN_SPEAKER = "Иван Петров, Ромашка"
SIX_SPEAKERS = tuple(f"Speaker {n}, Company With A Long Name {n}" for n in range(6))


def card(**changes) -> ShareCard:
    base = ShareCard(
        conference="Polaris Users' Conference 2026",
        title="Nightly loads from 9 h to 40 min",
        speakers=("Ada Lovelace, Acme", "Grace Hopper, Navy & Co"),
        start=START,
        end=START + datetime.timedelta(minutes=45),
        timezone="Europe/Amsterdam",
        room="Room 1, Beurs van Berlage",
        track="Data platform",
        accent="#c0392b",
    )
    return dataclasses.replace(base, **changes)


def opened(body: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(body))
    image.load()
    return image


def save(name: str, body: bytes) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"share-image-{name}.png").write_bytes(body)


@pytest.mark.parametrize(
    ("name", "changes"),
    [
        ("short", {}),
        ("long-title", {"title": LONG_TITLE, "speakers": SIX_SPEAKERS}),
        ("non-latin", {"title": NON_LATIN_TITLE, "speakers": (NON_LATIN_SPEAKER,)}),
        ("cancelled-no-track", {"cancelled": True, "track": "", "accent": ""}),
        ("odd-input", {"title": "Lunch\x00\x07 \u200b", "speakers": (), "accent": "red"}),
    ],
)
def test_render_share_image_gives_1200_by_630_png(name, changes):
    body = render_share_image(card(**changes))
    save(name, body)

    image = opened(body)

    assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT)) == ("PNG", (1200, 630))


def test_render_share_image_draws_the_accent_bar_in_the_track_colour():
    image = opened(render_share_image(card(accent="#2e86c1"))).convert("RGB")

    assert image.getpixel((5, HEIGHT // 2)) == (0x2E, 0x86, 0xC1)


def test_render_share_image_without_valid_colour_uses_the_neutral_accent():
    image = opened(render_share_image(card(accent="javascript:1"))).convert("RGB")

    assert image.getpixel((5, HEIGHT // 2)) == (0x7A, 0x86, 0x99)


def test_title_layout_keeps_a_short_title_large_on_one_line():
    assert title_layout("Nightly loads") == (64, ["Nightly loads"])


def test_title_layout_ellipsises_a_long_title_on_its_third_line():
    size, lines = title_layout(LONG_TITLE)

    assert (size, len(lines), lines[-1][-1]) == (48, 3, "…")
    assert " ".join(lines).startswith("How we migrated four hundred nightly batch jobs")


def test_title_layout_breaks_a_word_wider_than_the_line():
    size, lines = title_layout("x" * 300)

    assert (size, len(lines), lines[-1].endswith("…")) == (48, 3, True)


def test_title_layout_marks_what_no_bundled_font_draws_and_keeps_the_rest():
    _, lines = title_layout(NON_LATIN_TITLE)
    text = " ".join(lines)

    # DejaVu has no Chinese: one replacement mark for the phrase; Cyrillic and Arabic
    # are DejaVu's, the emoji Symbola's.
    assert text.startswith("\ufffd — Эволюция")
    assert "البيانات" in text
    assert "🚀" in text


def test_card_digest_is_stable_for_the_same_card():
    assert card_digest(card()) == card_digest(card())


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "Another title"},
        {"speakers": ("Ada Lovelace, Initech",)},
        {"start": START + datetime.timedelta(hours=1)},
        {"room": "Room 2, Beurs van Berlage"},
        {"accent": "#000000"},
        {"cancelled": True},
        {"conference": "Polaris Users' Conference 2027"},
    ],
)
def test_card_digest_changes_with_what_the_image_shows(changes):
    assert card_digest(card(**changes)) != card_digest(card())


def test_card_alt_says_what_the_image_shows():
    alt = card_alt(card())

    assert alt == (
        "Nightly loads from 9 h to 40 min · Ada Lovelace, Acme; Grace Hopper, Navy & Co · "
        "Tuesday 9 June 2026 · 10:30\u201311:15 (Europe/Amsterdam) · Room 1, Beurs van Berlage · "
        "Polaris Users' Conference 2026"
    )
