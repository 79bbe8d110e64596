"""Reads for evaluations (events/evaluations/selectors.py): who attended, results per session
in a constant number of queries, and a speaker's averages from earlier conferences."""

import datetime

import pytest

from events.evaluations.selectors import (
    Scores,
    evaluation_results,
    registration_attended_sessions,
    speaker_past_scores,
)
from events.models import Evaluation, SessionAttendance
from tests.factories import (
    ConferenceFactory,
    RegistrationFactory,
    ScheduleFactory,
    SlotFactory,
    SubmissionFactory,
    local_datetime,
)

pytestmark = pytest.mark.django_db


def evaluate(registration, uid, content, speaker, comment=""):
    return Evaluation.objects.create(
        registration=registration,
        slot_uid=uid,
        content_rating=content,
        speaker_rating=speaker,
        comment=comment,
    )


def test_registration_attended_sessions_lists_starred_talks_with_credits_and_evaluation(hall):
    evaluation = evaluate(hall.registration, hall.talk.uid, 4, 5)

    [session] = registration_attended_sessions(registration=hall.registration)

    assert (session.title, str(session.credit_hours), session.evaluation) == (
        "Compilers at scale",
        "1.50",
        evaluation,
    )
    assert session.ended(hall.at(9, 30))
    assert not session.ended(hall.at(9, 29))


def test_registration_attended_sessions_uses_attendance_records_once_the_conference_takes_them(
    hall,
):
    SessionAttendance.objects.create(
        registration=RegistrationFactory(conference=hall.conference),
        slot_uid=hall.talk.uid,
        at=hall.at(9),
    )

    assert registration_attended_sessions(registration=hall.registration) == []


def test_evaluation_results_average_each_session_and_keep_comments_anonymous(hall):
    other = RegistrationFactory(conference=hall.conference)
    evaluate(hall.registration, hall.talk.uid, 4, 5, "Loved the demo <b>")
    evaluate(other, hall.talk.uid, 3, 2)

    [result] = evaluation_results(conference=hall.conference, comments=True)

    assert result.session.title == "Compilers at scale"
    assert result.scores == Scores(count=2, content=3.5, speaker=3.5)
    assert result.comments == ["Loved the demo <b>"]


def test_evaluation_results_for_a_speaker_only_list_their_sessions(hall):
    SlotFactory(schedule=hall.release, talk=True, start=hall.at(11), end=hall.at(12))

    results = evaluation_results(conference=hall.conference, member_id=hall.speaker.pk)

    assert [result.session.title for result in results] == ["Compilers at scale"]
    assert results[0].scores == Scores()


@pytest.mark.parametrize("sessions", [1, 12])
def test_evaluation_results_take_the_same_queries_for_one_session_or_many(
    hall, django_assert_num_queries, sessions
):
    for number in range(sessions):
        slot = SlotFactory(
            schedule=hall.release,
            talk=True,
            start=hall.at(10 + number % 8, day=number // 8),
            end=hall.at(10 + number % 8, 30, day=number // 8),
        )
        evaluate(hall.registration, slot.uid, 3, 4, f"Comment {number}")

    with django_assert_num_queries(5):
        results = evaluation_results(conference=hall.conference, comments=True)

    assert len(results) == sessions + 1
    assert sum(result.scores.count for result in results) == sessions


def _past_talk(member, *, year, ratings):
    starts_on = datetime.date(year, 6, 1)
    conference = ConferenceFactory(starts_on=starts_on)
    release = ScheduleFactory(conference=conference, released=True)
    submission = SubmissionFactory(conference=conference, state="accepted", speakers=[member])
    slot = SlotFactory(
        schedule=release,
        kind="talk",
        title="",
        submission=submission,
        start=local_datetime(conference, starts_on, 9),
        end=local_datetime(conference, starts_on, 10),
    )
    for content, speaker in ratings:
        evaluate(RegistrationFactory(conference=conference), slot.uid, content, speaker)
    return conference


def test_speaker_past_scores_average_earlier_conferences_only(hall):
    _past_talk(hall.speaker, year=2028, ratings=[(5, 5), (3, 4)])
    _past_talk(hall.speaker, year=2029, ratings=[(4, 3)])
    _past_talk(hall.speaker, year=2031, ratings=[(1, 1)])  # after this conference
    evaluate(hall.registration, hall.talk.uid, 1, 1)  # this conference

    scores = speaker_past_scores(conference=hall.conference, member_ids=[hall.speaker.pk])

    assert scores == {hall.speaker.pk: Scores(count=3, content=4.0, speaker=4.0)}


def test_speaker_past_scores_are_empty_for_a_first_time_speaker(hall):
    assert speaker_past_scores(conference=hall.conference, member_ids=[hall.attendee.pk]) == {}


@pytest.mark.parametrize("talks", [1, 6])
def test_speaker_past_scores_take_two_queries_however_many_talks(
    hall, django_assert_num_queries, talks
):
    for year in range(2020, 2020 + talks):
        _past_talk(hall.speaker, year=year, ratings=[(4, 4)])

    with django_assert_num_queries(2):
        scores = speaker_past_scores(conference=hall.conference, member_ids=[hall.speaker.pk])

    assert scores[hall.speaker.pk].count == talks
