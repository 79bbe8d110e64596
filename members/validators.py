"""Validators of text that both apps' models share (events imports them from here, as
members imports nothing from events).

One-line text (titles, release versions) goes to every output: pages, JSON, iCal and the
frab XML, which cannot carry control characters and drops them, so the same title would
read differently in each. The model fields refuse them, so the admin, the forms, the API
and the imports all do.
"""

import re

from django.core.exceptions import ValidationError

# C0 controls (tab and newline included: the text is one line), DEL, C1 controls, lone
# surrogates (not encodable as UTF-8) and the two non-characters XML 1.0 excludes.
NOT_SINGLE_LINE_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def validate_single_line_text(value: str) -> None:
    """Refuse control characters, line breaks and tabs in a one-line text."""
    found = NOT_SINGLE_LINE_TEXT.search(value or "")
    if found:
        raise ValidationError(
            "Remove the control character U+%(codepoint)04X (a tab, line break or invisible "
            "character) from this text.",
            code="control_characters",
            params={"codepoint": ord(found.group())},
        )
