"""A release with talks and speakers, for the schedule's query-budget tests."""

import datetime

from tests.factories import ScheduleFactory, SlotFactory, SubmissionSpeakerFactory


def release_with_talks(count: int):
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
