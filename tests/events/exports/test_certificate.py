"""The certificate of attendance PDF (events/exports/certificate.py), read back with poppler's
pdftotext and drawn as page images with pdftoppm."""

import datetime
import shutil
import subprocess
from decimal import Decimal

import pytest
from PIL import Image

from events.exports.certificate import (
    CertificateData,
    CertificateSession,
    hours,
    render_certificate,
)

URL = "https://guildhall.example/certificates/ABCDE-FGHJK-MNPQR/"


def certificate(sessions: int = 2, **overrides) -> CertificateData:
    values: dict = {
        "name": "Ada Lovelace",
        "conference": "Summit 2030",
        "dates": "10 June – 11 June 2030",  # noqa: RUF001 - an en dash between dates
        "venue": "Beurs van Berlage",
        "sessions": [
            CertificateSession(
                title=f"Talk number {number} & friends",
                when=f"Mon 10 Jun 2030, {9 + number % 9:02d}:00",
                credit_hours=Decimal("0.75"),
            )
            for number in range(sessions)
        ],
        "credit_hours": Decimal("0.75") * sessions,
        "code": "ABCDE-FGHJK-MNPQR",
        "verify_url": URL,
        "issued_at": datetime.datetime(2030, 6, 12, 9, tzinfo=datetime.UTC),
    } | overrides
    return CertificateData(**values)


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path is not None, f"{name} is missing: apt-get install poppler-utils"
    return path


def text_of(pdf: bytes, tmp_path) -> str:
    source = tmp_path / "certificate.pdf"
    source.write_bytes(pdf)
    return subprocess.run(  # noqa: S603 - a poppler tool with fixed arguments
        [tool("pdftotext"), str(source), "-"], capture_output=True, check=True, text=True
    ).stdout


def pages_of(pdf: bytes, tmp_path) -> list[Image.Image]:
    source = tmp_path / "certificate.pdf"
    source.write_bytes(pdf)
    subprocess.run(  # noqa: S603 - a poppler tool with fixed arguments
        [tool("pdftoppm"), "-r", "40", "-png", str(source), str(tmp_path / "page")], check=True
    )
    return [Image.open(path).convert("L") for path in sorted(tmp_path.glob("page*.png"))]


def test_render_certificate_prints_person_conference_sessions_credits_and_code(tmp_path):
    text = " ".join(text_of(render_certificate(certificate()), tmp_path).split())

    assert "Certificate of attendance" in text
    assert "Ada Lovelace" in text
    assert "Summit 2030" in text
    assert "Talk number 0 & friends" in text
    assert "Talk number 1 & friends" in text
    assert "1.5 continuing-education credit hours" in text
    assert "ABCDE-FGHJK-MNPQR" in text
    assert URL in text


def test_render_certificate_prints_markup_in_names_as_text(tmp_path):
    pdf = render_certificate(certificate(name="<b>Bobby</b> Tables", venue="A & B <i>"))

    text = " ".join(text_of(pdf, tmp_path).split())

    assert "<b>Bobby</b> Tables" in text
    assert "A & B <i>" in text


def test_render_certificate_of_many_sessions_flows_onto_more_pages_with_the_code_last(tmp_path):
    pdf = render_certificate(certificate(sessions=45))

    text = text_of(pdf, tmp_path)
    pages = text.split("\f")

    assert len([page for page in pages if page.strip()]) >= 2
    assert "Talk number 44 & friends" in text
    assert "33.75" in text
    assert URL in pages[-2]  # the last page (the text ends with a form feed)


def test_render_certificate_draws_the_qr_code_beside_the_verification_code(tmp_path):
    [page] = pages_of(render_certificate(certificate()), tmp_path)

    # The QR code is the only pure black on the page (the text is the programme's dark
    # blue-grey): about half of a 32 mm square (some 2,500 pixels at 40 dpi), at the left
    # margin below the sessions table.
    width, height = page.size
    grey = page.tobytes()  # one byte per pixel, row by row
    black = [(n % width, n // width) for n, value in enumerate(grey) if value < 20]
    assert len(black) > 800
    assert max(x for x, _ in black) < width * 0.35
    assert min(y for _, y in black) > height * 0.3


def test_render_certificate_is_the_same_for_the_same_data():
    assert render_certificate(certificate()) == render_certificate(certificate())


@pytest.mark.parametrize(
    ("value", "text"), [("1.50", "1.5"), ("2.00", "2"), ("0.75", "0.75"), ("0", "0")]
)
def test_hours_drop_trailing_zeros(value, text):
    assert hours(Decimal(value)) == text


def test_render_certificate_heads_the_credit_column_on_one_line(tmp_path):
    lines = text_of(render_certificate(certificate()), tmp_path).splitlines()

    assert "Credit hours" in lines
