"""What the seeding modules share: the error for a demo that cannot be seeded, and small
helpers for names and dates."""

import datetime
import unicodedata
from zoneinfo import ZoneInfo


class SeedError(Exception):
    """The demo cannot be seeded: its data breaks a rule, or the database is not empty."""


# Letters that Unicode decomposition does not reduce to ASCII.
_ASCII_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "å": "a", "ß": "ss", "ł": "l", "đ": "d"})


def ascii_name(text: str) -> str:
    """The lower-case ASCII letters and digits of a name, for an e-mail address."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_ASCII_LETTERS))
    return "".join(c for c in decomposed.encode("ascii", "ignore").decode() if c.isalnum())


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def local_time(day: datetime.date, clock: str, tz: ZoneInfo) -> datetime.datetime:
    """The aware instant of a wall-clock time ("09:30") on a day in the given timezone."""
    hours, minutes = clock.split(":")
    return datetime.datetime.combine(day, datetime.time(int(hours), int(minutes)), tzinfo=tz)
