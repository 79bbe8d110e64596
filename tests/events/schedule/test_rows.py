"""The schedule's one read model (events/schedule/rows.py): the session rows that pages,
feeds and the printed programme show, and what a row carries, read in two queries."""

import pytest

from events.schedule.rows import SessionCaseStudy, session_rows
from events.schedule.selectors import schedule_slots
from tests.events.schedule.conftest import release_with_talks
from tests.factories import (
    CaseStudyFactory,
    MemberFactory,
    ScheduleFactory,
    SlotFactory,
    SubmissionSpeakerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 5])
def test_session_rows_match_schedule_slots_in_two_queries(django_assert_num_queries, count):
    release = release_with_talks(count)
    SlotFactory(schedule=release, room=None, title="Lunch", kind="meal", description="Soup")
    expected = list(schedule_slots(schedule=release))

    with django_assert_num_queries(2):
        rows = session_rows(slots=release.slots.all())

    assert [row.uid for row in rows] == [slot.uid for slot in expected]
    for row, slot in zip(rows, expected, strict=True):
        talk = slot.submission
        assert row.title == slot.display_title
        assert row.abstract == (talk.abstract if talk else slot.description)
        assert (row.start, row.end, row.cancelled) == (slot.start, slot.end, slot.cancelled)
        assert row.kind_label == slot.get_kind_display()
        assert row.room_name == (slot.room.name if slot.room_id else "")
        assert row.format_name == (talk.format.name if talk else "")
        assert [(s.name, s.company) for s in row.speakers] == (
            [
                (s.member.name, s.member.company.name if s.member.company else "")
                for s in talk.submission_speakers.all()
            ]
            if talk
            else []
        )
    assert sum(len(row.speakers) for row in rows) == 2 * count  # primary and co-speaker


def test_session_rows_of_nothing_is_one_query(django_assert_num_queries):
    release = ScheduleFactory(released=True)

    with django_assert_num_queries(1):
        assert session_rows(slots=release.slots.all()) == []


def test_session_rows_carry_what_the_programme_prints_in_two_queries(django_assert_num_queries):
    release = ScheduleFactory(released=True)
    study = CaseStudyFactory(published=True, title="Ledger in minutes", results="Ten times faster")
    slot = SlotFactory(schedule=release, talk=True, description="Bring a laptop.")
    talk = slot.submission
    assert talk is not None
    talk.audience_level = "beginner"
    talk.case_study = study
    talk.save()
    guest = MemberFactory(user__first_name="", user__last_name="Solo", company=None)
    SubmissionSpeakerFactory(submission=talk, member=guest)

    with django_assert_num_queries(2):
        (row,) = session_rows(slots=release.slots.all())

    primary = talk.submission_speakers.get(is_primary=True).member
    assert row.description == "Bring a laptop."
    assert row.abstract == talk.abstract
    assert row.audience_level_label == "Beginner"
    assert row.case_study == SessionCaseStudy(
        id=study.pk,
        title="Ledger in minutes",
        company=study.company.name,
        results="Ten times faster",
    )
    assert [(s.sort_name, s.company_id) for s in row.speakers] == [
        (f"{primary.user.last_name}, {primary.user.first_name}", primary.company_id),
        ("Solo", None),
    ]


def test_session_rows_leave_out_an_unpublished_case_study():
    release = ScheduleFactory(released=True)
    slot = SlotFactory(schedule=release, talk=True)
    assert slot.submission is not None
    slot.submission.case_study = CaseStudyFactory()  # a draft
    slot.submission.save()

    (row,) = session_rows(slots=release.slots.all())

    assert row.case_study is None


def test_session_rows_of_a_block_have_no_talk_details():
    release = ScheduleFactory(released=True)
    SlotFactory(schedule=release, room=None, title="Lunch", kind="meal", description="Soup")

    (row,) = session_rows(slots=release.slots.all())

    assert (row.title, row.abstract, row.description) == ("Lunch", "Soup", "Soup")
    assert (row.audience_level_label, row.case_study, row.speakers) == ("", None, [])
