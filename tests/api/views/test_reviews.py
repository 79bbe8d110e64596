"""The program committee's side (api/views/reviews.py): submissions to review, anonymous
or not, and writing and changing reviews."""

import pytest
from rest_framework.test import APIClient

from events.models import Review, Submission
from tests.api.conftest import build_world, error
from tests.events.schedule.services.test_races import run_at_once
from tests.factories import CaseStudyFactory, SessionFormatFactory


def test_review_submissions_hide_speakers_and_case_study_when_anonymous(world, api_client):
    world.submitted_b.case_study = CaseStudyFactory(company=world.company_b, title="Nimbus story")
    world.submitted_b.save()

    response = api_client("reviewer").get("/api/v1/review-submissions/")
    text = response.content.decode()

    assert (
        [s["speakers"] for s in response.json()["results"]],
        world.member_b.name in text,
        "Nimbus" in text,
        "bob" in text,
    ) == ([None, None], False, False, False)


def test_review_submissions_show_speakers_when_not_anonymous(world, api_client):
    world.conference.reviews_anonymous = False
    world.conference.save()

    response = api_client("reviewer").get(f"/api/v1/review-submissions/{world.submitted_b.pk}/")

    assert [s["company"] for s in response.json()["speakers"]] == ["Nimbus Retail"]


def test_review_submissions_show_the_reviewers_own_review(world, api_client):
    response = api_client("reviewer").get(f"/api/v1/review-submissions/{world.submitted_b.pk}/")

    assert response.json()["my_review"]["score"] == 4


def test_review_create_for_own_companys_submission_is_a_field_error(world, api_client):
    response = api_client("reviewer").post(
        "/api/v1/reviews/", {"submission": world.submitted_a.pk, "score": 5}
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["submission"])


def test_review_create_with_score_out_of_range_is_a_field_error(world, api_client):
    response = api_client("reviewer").post(
        "/api/v1/reviews/", {"submission": world.unreviewed_b.pk, "score": 6}
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["score"])


def test_review_create_twice_changes_the_one_review(world, api_client):
    client = api_client("reviewer")

    response = client.post("/api/v1/reviews/", {"submission": world.submitted_b.pk, "score": 2})

    assert (
        response.status_code,
        Review.objects.filter(submission=world.submitted_b).count(),
        response.json()["score"],
    ) == (200, 1, 2)


def test_review_patch_after_the_submission_left_review_is_refused(world, api_client):
    Submission.objects.filter(pk=world.submitted_b.pk).update(state="accepted")

    response = api_client("reviewer").patch(f"/api/v1/reviews/{world.review.pk}/", {"score": 1})

    assert error(response)[:2] == (400, "not_under_review")


def test_review_submissions_filtered_by_session_format(world, api_client):
    panel = SessionFormatFactory(conference=world.conference, name="Panel", slug="panel")
    world.unreviewed_b.format = panel
    world.unreviewed_b.save()
    client = api_client("reviewer")

    chosen = client.get("/api/v1/review-submissions/", {"session_format": "panel"})
    as_json = client.get("/api/v1/review-submissions/", {"format": "json"})

    assert [s["title"] for s in chosen.json()["results"]] == ["Another by B"]
    assert as_json.json()["count"] == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_review_create_twice_at_once_creates_one_and_updates_it():
    world = build_world()
    fresh = world.unreviewed_b

    def post(score):
        def job():
            client = APIClient()
            client.force_login(world.reviewer.user)
            return client.post("/api/v1/reviews/", {"submission": fresh.pk, "score": score})

        return job

    responses = run_at_once(post(1), post(3))

    assert (
        sorted(response.status_code for response in responses),
        Review.objects.filter(submission=fresh, reviewer=world.reviewer.user).count(),
    ) == ([200, 201], 1)
