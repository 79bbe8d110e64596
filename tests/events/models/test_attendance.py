"""The attendance models (events/models/attendance.py): one registration per person and
conference with its own calendar token, and each session starred once."""

import pytest
from django.db import IntegrityError, transaction

from tests.factories import AgendaItemFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


# Registrations and personal agendas


def test_registration_second_for_same_person_refused_by_database(conference):
    registration = RegistrationFactory(conference=conference)

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(conference=conference, user=registration.user)


def test_registration_calendar_tokens_are_long_and_distinct(conference):
    first, second = RegistrationFactory.create_batch(2, conference=conference)

    assert (len(first.calendar_token) >= 43, first.calendar_token != second.calendar_token) == (
        True,
        True,
    )


def test_agenda_item_same_session_starred_twice_refused_by_database():
    item = AgendaItemFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(registration=item.registration, slot_uid=item.slot_uid)
