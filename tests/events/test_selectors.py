"""Selectors load what pages and exports show in a fixed number of queries."""

import datetime

import pytest

from events.selectors import schedule_slots
from tests.factories import (
    ScheduleFactory,
    SlotFactory,
    SubmissionSpeakerFactory,
)

pytestmark = pytest.mark.django_db


def _release_with_talks(count: int):
    release = ScheduleFactory(released=True)
    first = None
    for n in range(count):
        slot = SlotFactory(schedule=release, talk=True)
        slot.start += datetime.timedelta(hours=n)
        slot.end += datetime.timedelta(hours=n)
        slot.save()
        SubmissionSpeakerFactory(submission=slot.submission)
        first = first or slot
    return release


@pytest.mark.parametrize("count", [1, 5])
def test_schedule_slots_loads_talks_and_speakers_in_two_queries(django_assert_num_queries, count):
    release = _release_with_talks(count)

    with django_assert_num_queries(2):
        slots = list(schedule_slots(schedule=release))
        shown = [
            (
                slot.room.name,
                slot.submission.track and slot.submission.track.name,
                slot.submission.format.name,
                [
                    s.member.company and s.member.company.name
                    for s in slot.submission.submission_speakers.all()
                ],
                [s.member.name for s in slot.submission.submission_speakers.all()],
            )
            for slot in slots
        ]

    assert len(shown) == count
    assert [slot.start for slot in slots] == sorted(slot.start for slot in slots)
