"""The schedule's read model (events/schedule/rows.py): what a SessionRow carries for the
printed programme, in the same two queries as for the feeds."""

import pytest

from events.schedule.rows import SessionCaseStudy, session_rows
from tests.factories import (
    CaseStudyFactory,
    MemberFactory,
    ScheduleFactory,
    SlotFactory,
    SubmissionSpeakerFactory,
)

pytestmark = pytest.mark.django_db


def test_session_rows_carry_what_the_programme_prints_in_two_queries(django_assert_num_queries):
    release = ScheduleFactory(released=True)
    study = CaseStudyFactory(published=True, title="Ledger in minutes", results="Ten times faster")
    slot = SlotFactory(schedule=release, talk=True, description="Bring a laptop.")
    talk = slot.submission
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
