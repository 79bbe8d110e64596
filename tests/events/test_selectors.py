"""Selectors load what pages and exports show in a fixed number of queries."""

import datetime

import pytest

from events.selectors import schedule_slots, talk_slots_released
from events.services import schedule_release, schedule_working
from tests.factories import (
    CaseStudyFactory,
    MemberFactory,
    ScheduleFactory,
    SlotFactory,
    SubmissionFactory,
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


# Talks of a company or a case study, across the years


def test_talk_slots_released_only_latest_release_and_not_cancelled():
    speaker = MemberFactory()
    study = CaseStudyFactory(company=speaker.company, published=True)
    kept = SubmissionFactory(title="Kept", state="accepted", speakers=[speaker], case_study=study)
    dropped = SubmissionFactory(
        conference=kept.conference, title="Dropped", state="accepted", speakers=[speaker]
    )
    working = schedule_working(conference=kept.conference)
    SlotFactory(schedule=working, talk=True, submission=kept, title="")
    cancelled = SlotFactory(schedule=working, talk=True, submission=dropped, title="")
    schedule_release(conference=kept.conference, version="1")
    cancelled.delete()
    schedule_release(conference=kept.conference, version="2")

    by_company = [slot.submission.title for slot in talk_slots_released(company=speaker.company)]
    by_study = [slot.submission.title for slot in talk_slots_released(case_study=study)]
    other = list(talk_slots_released(company=MemberFactory().company))

    assert (by_company, by_study, other) == (["Kept"], ["Kept"], [])
