"""The admin tests use the evaluation tests' conference (for the results page)."""

from tests.events.evaluations.conftest import first_day, hall

__all__ = ["first_day", "hall"]
