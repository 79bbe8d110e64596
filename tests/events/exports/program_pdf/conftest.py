"""Fixtures of the programme's tests: a small two-day agenda, and the page rasteriser."""

import shutil

import pytest

from events.models import Slot
from tests.events.exports.program_pdf.program_data import DAY_TWO, Program, speaker


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


@pytest.fixture
def poppler():
    """The path of a poppler-utils tool; a test that reads the PDF with one fails, never
    skips, where it is missing (.ci/run installs poppler-utils)."""

    def tool(name: str) -> str:
        path = shutil.which(name)
        assert path is not None, f"{name} is missing: apt-get install poppler-utils"
        return path

    return tool
