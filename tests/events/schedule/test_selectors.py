"""The schedule's selectors (events/schedule/selectors.py) load what pages and exports
show in a fixed number of queries, and find a company's or a case study's released talks."""

import datetime

import pytest

from events.models import Submission
from events.schedule.selectors import (
    agenda_board,
    schedule_slots,
    sessions_published,
    talk_slots_released,
)
from events.schedule.services import schedule_release, schedule_working
from tests.events.schedule.conftest import release_with_talks
from tests.factories import (
    CaseStudyFactory,
    ConferenceFactory,
    MemberFactory,
    RoomFactory,
    SlotFactory,
    SubmissionFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 5])
def test_schedule_slots_loads_talks_and_speakers_in_two_queries(django_assert_num_queries, count):
    release = release_with_talks(count)

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


def test_slot_selectors_leave_release_changelogs_unloaded():
    """A changelog lists every session of its release: loading it with each slot made a
    600-session feed quadratic (bench/)."""
    conference = ConferenceFactory()
    SlotFactory(schedule=schedule_working(conference=conference), talk=True)
    schedule_release(conference=conference, version="1.0")

    slot = schedule_slots(schedule=conference.schedules.released().get()).get()
    published = sessions_published().get()

    assert {"changelog", "note"} <= slot.changed_in.get_deferred_fields()
    assert {"changelog", "note"} <= published.schedule.get_deferred_fields()


def _board_conference(talks: int):
    conference = ConferenceFactory()
    working = schedule_working(conference=conference)
    room = RoomFactory(conference=conference)
    for n in range(talks):
        start = local_datetime(conference, conference.starts_on, 8) + datetime.timedelta(hours=n)
        SlotFactory(
            schedule=working,
            room=room,
            talk=True,
            start=start,
            end=start + datetime.timedelta(minutes=30),
        )
        SubmissionFactory(conference=conference, state=Submission.State.CONFIRMED)
    SubmissionFactory(conference=conference, state=Submission.State.SUBMITTED)
    return conference


@pytest.mark.parametrize("talks", [1, 8])
def test_agenda_board_loads_slots_talks_to_place_and_speakers_in_five_queries(
    django_assert_num_queries, talks
):
    conference = _board_conference(talks)

    with django_assert_num_queries(5):
        board = agenda_board(
            conference=conference, starts=conference.opens_at, ends=conference.closes_at
        )
        speakers = [
            role.member.user.get_full_name()
            for slot in board.slots
            if slot.submission is not None
            for role in slot.submission.board_speakers
        ] + [
            role.member.company.name
            for talk in board.unplaced
            for role in talk.board_speakers
            if role.member.company is not None
        ]

    assert (len(board.slots), len(board.unplaced), len(speakers)) == (talks, talks, 2 * talks)


def test_agenda_board_leaves_out_slots_outside_the_window():
    conference = _board_conference(3)
    ten = conference.opens_at + datetime.timedelta(hours=10)

    board = agenda_board(conference=conference, starts=ten, ends=conference.closes_at)

    assert len(board.slots) == 1


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

    by_company = [slot.display_title for slot in talk_slots_released(company=speaker.company)]
    by_study = [slot.display_title for slot in talk_slots_released(case_study=study)]
    other = list(talk_slots_released(company=MemberFactory().company))

    assert (by_company, by_study, other) == (["Kept"], ["Kept"], [])
