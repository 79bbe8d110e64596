"""The text validators shared by both apps (members/validators.py)."""

import pytest
from django.core.exceptions import ValidationError

from members.validators import validate_single_line_text


@pytest.mark.parametrize(
    "text",
    [
        "Keynote\x00",
        "Bell\x07",
        "\x1b[31mRed\x1b[0m",
        "Tab\there",
        "Two\nlines",
        "Carriage\rreturn",
        "Delete\x7f",
        "Next line\x85",
        "Lone \ud800 surrogate",
        "Not a character \uffff",
    ],
)
def test_single_line_text_refuses_control_characters(text):
    with pytest.raises(ValidationError) as refused:
        validate_single_line_text(text)

    assert refused.value.code == "control_characters"


@pytest.mark.parametrize("text", ["Café — 2030", "Streaming at Orbit 🚀", "1.0-rc.2", ""])
def test_single_line_text_accepts_printable_text(text):
    validate_single_line_text(text)  # raises if refused
