"""Exporting a conference (events/transfer/export.py and `manage.py export_conference`)."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from events.schedule.services import schedule_release, schedule_working
from events.transfer import conference_export
from tests.factories import (
    AgendaItemFactory,
    ConferenceFactory,
    RegistrationFactory,
    ReviewFactory,
    SlotFactory,
    SubmissionTransitionFactory,
)

pytestmark = pytest.mark.django_db


def test_export_unknown_conference_names_the_known_ones():
    ConferenceFactory(slug="summit-2030")

    with pytest.raises(
        CommandError, match=re.escape("No conference “nope”. Conferences here: summit-2030.")
    ):
        call_command("export_conference", "nope")


def test_export_to_standard_output_is_the_document():
    conference = ConferenceFactory(slug="summit-2030", name="Summit <2030>")
    output = io.StringIO()

    call_command("export_conference", conference.slug, stdout=output)

    assert json.loads(output.getvalue())["conference"]["name"] == "Summit <2030>"


def build(conference, size: int) -> None:
    working = schedule_working(conference=conference)
    for _ in range(size):
        slot = SlotFactory(schedule=working, talk=True)
        ReviewFactory(submission=slot.submission)
        SubmissionTransitionFactory(submission=slot.submission)
        AgendaItemFactory(
            registration=RegistrationFactory(conference=conference), slot_uid=slot.uid
        )
    schedule_release(conference=conference, version=f"v{size}")


@pytest.mark.parametrize("size", [1, 5])
def test_export_query_count_independent_of_size(django_assert_num_queries, size):
    conference = ConferenceFactory()
    build(conference, size)

    with django_assert_num_queries(13):
        document = conference_export(conference=conference)

    assert len(document["submissions"]) == size
