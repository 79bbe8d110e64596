"""Evaluation results in the admin (events/admin/evaluations.py): organizers see every
session's results on one page, in a constant number of queries; no one else does."""

import pytest
from django.urls import reverse

from events.models import Evaluation
from tests.factories import RegistrationFactory, SlotFactory, UserFactory

pytestmark = pytest.mark.django_db


def results_url(conference) -> str:
    return reverse("admin:events_evaluation_results", args=[conference.pk])


def evaluate(conference, uid, content, speaker, comment=""):
    Evaluation.objects.create(
        registration=RegistrationFactory(conference=conference),
        slot_uid=uid,
        content_rating=content,
        speaker_rating=speaker,
        comment=comment,
    )


def test_results_page_shows_each_sessions_averages_and_comments(organizer_client, hall):
    evaluate(hall.conference, hall.talk.uid, 5, 4, "Great <em>demo</em>")
    evaluate(hall.conference, hall.talk.uid, 4, 4)

    response = organizer_client.get(results_url(hall.conference))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Compilers at scale" in text
    assert "4.50" in text
    assert "4.00" in text
    assert "Great &lt;em&gt;demo&lt;/em&gt;" in text
    assert "1 of 1 talk evaluated" in text


def test_evaluation_changelist_links_to_each_conferences_results(organizer_client, hall):
    response = organizer_client.get(reverse("admin:events_evaluation_changelist"))

    assert results_url(hall.conference) in response.content.decode()


@pytest.mark.parametrize("sessions", [1, 10])
def test_results_page_takes_the_same_queries_for_one_session_or_many(
    organizer_client, hall, django_assert_num_queries, sessions
):
    for number in range(sessions):
        slot = SlotFactory(
            schedule=hall.release, talk=True, start=hall.at(10 + number % 8, day=number // 8)
        )
        evaluate(hall.conference, slot.uid, 3, 4, f"Comment {number}")
    organizer_client.get(results_url(hall.conference))  # warm the session caches

    with django_assert_num_queries(11):
        response = organizer_client.get(results_url(hall.conference))

    assert response.content.decode().count("Comment ") == sessions


def test_results_page_is_refused_to_staff_who_are_not_organizers(client, hall):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(results_url(hall.conference))

    assert response.status_code == 403


def test_results_page_sends_people_who_are_not_staff_to_log_in(client, hall):
    client.force_login(hall.attendee.user)

    response = client.get(results_url(hall.conference))

    assert response.status_code == 302
