"""The API's behaviour per endpoint: what it shows, how it filters and pages, how writes go
through the services, and the one error body of every refusal."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from events.models import Review, Schedule, Submission
from events.services import schedule_release
from members.models import ApiToken
from members.services import api_token_create
from tests.factories import (
    CaseStudyFactory,
    ConferenceFactory,
    SessionFormatFactory,
    SlotFactory,
    TrackFactory,
    local_datetime,
)


def error(response) -> tuple[int, str, dict]:
    body = response.json()
    assert set(body) == {"status", "code", "detail", "fields"}
    return body["status"], body["code"], body["fields"]


# Sessions


def test_sessions_keep_cancelled_sessions_and_filter_them_out_on_request(world, api_client):
    SlotFactory(schedule=world.release, title="Cancelled panel", cancelled=True, room=world.room)
    client = api_client("anonymous")

    everything = client.get("/api/v1/sessions/").json()["results"]
    active = client.get("/api/v1/sessions/", {"cancelled": "false"}).json()["results"]

    assert (
        sorted((s["title"], s["cancelled"]) for s in everything),
        sorted(s["title"] for s in active),
    ) == (
        [("Cancelled panel", True), ("Lunch", False), ("Streaming at Orbit", False)],
        ["Lunch", "Streaming at Orbit"],
    )


def test_sessions_show_only_the_latest_release(world, api_client):
    SlotFactory(
        schedule=world.working,
        title="Evening social",
        kind="social",
        room=None,
        start=local_datetime(world.conference, world.day, 19),
        end=local_datetime(world.conference, world.day, 21),
    )
    schedule_release(conference=world.conference, version="2.0")

    results = api_client("anonymous").get("/api/v1/sessions/").json()["results"]

    assert (sorted({s["version"] for s in results}), len(results)) == (["2.0"], 3)


def test_sessions_day_filter_uses_the_conference_timezone(world, api_client):
    # 00:30 in Amsterdam on the second day is still the first day in UTC.
    second = world.day + datetime.timedelta(days=1)
    SlotFactory(
        schedule=world.release,
        title="Early bird",
        room=world.room,
        start=local_datetime(world.conference, second, 0, 30),
        end=local_datetime(world.conference, second, 1),
    )
    client = api_client("anonymous")

    first_day = client.get("/api/v1/sessions/", {"day": world.day.isoformat()}).json()
    second_day = client.get("/api/v1/sessions/", {"day": second.isoformat()}).json()

    assert (
        sorted(s["title"] for s in first_day["results"]),
        [s["title"] for s in second_day["results"]],
    ) == (["Lunch", "Streaming at Orbit"], ["Early bird"])


def test_sessions_filter_by_speaker_company_and_track(world, api_client):
    client = api_client("anonymous")

    by_speaker = client.get("/api/v1/sessions/", {"speaker": world.member_a.pk}).json()
    by_company = client.get("/api/v1/sessions/", {"company": world.company_b.slug}).json()
    by_track = client.get("/api/v1/sessions/", {"track": "data"}).json()

    assert (
        [s["title"] for s in by_speaker["results"]],
        by_company["results"],
        [s["title"] for s in by_track["results"]],
    ) == (["Streaming at Orbit"], [], ["Streaming at Orbit"])


def test_sessions_nest_speakers_room_track_and_format(world, api_client):
    session = api_client("anonymous").get(f"/api/v1/sessions/{world.session.uid}/").json()

    assert (
        session["speakers"],
        session["room"]["name"],
        session["track"]["slug"],
        session["format"]["name"],
    ) == (
        [
            {
                "id": world.member_a.pk,
                "name": world.member_a.name,
                "company": "Orbit Bank",
                "is_primary": True,
            }
        ],
        "Auditorium",
        "data",
        "Case study",
    )


def test_sessions_cursor_pages_through_every_session(world, api_client):
    client = api_client("anonymous")
    seen = []

    page = client.get("/api/v1/sessions/", {"page_size": 1}).json()
    seen += [s["title"] for s in page["results"]]
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += [s["title"] for s in page["results"]]

    assert seen == ["Streaming at Orbit", "Lunch"]


def test_sessions_bad_cursor_answers_404_in_the_error_body(world, api_client):
    response = api_client("anonymous").get("/api/v1/sessions/", {"cursor": "nonsense"})

    assert error(response)[:2] == (404, "not_found")


def test_sessions_unknown_day_value_is_a_field_error(world, api_client):
    response = api_client("anonymous").get("/api/v1/sessions/", {"day": "yesterday"})

    assert (error(response)[0], list(error(response)[2])) == (400, ["day"])


# Directory and case studies


def test_companies_filter_by_industry_and_search_by_name(world, api_client):
    client = api_client("anonymous")

    banks = client.get("/api/v1/companies/", {"industry": "banking"}).json()["results"]
    nimbus = client.get("/api/v1/companies/", {"search": "nimbus"}).json()["results"]

    assert ([c["slug"] for c in banks], [c["slug"] for c in nimbus]) == (
        ["orbit-bank"],
        ["nimbus-retail"],
    )


def test_case_studies_filter_by_product(world, api_client):
    CaseStudyFactory(company=world.company_b, title="Stock levels", published=True)

    results = (
        api_client("anonymous").get("/api/v1/case-studies/", {"product": "orbit-stream"}).json()
    )

    assert [s["title"] for s in results["results"]] == ["Fraud checks"]


def test_search_and_ordering_apply_to_tracks(world, api_client):
    client = api_client("anonymous")
    TrackFactory(conference=world.conference, name="Analytics", slug="analytics")

    ordered = client.get("/api/v1/tracks/", {"ordering": "-name"}).json()["results"]
    found = client.get("/api/v1/tracks/", {"search": "analy"}).json()["results"]

    assert ([t["name"] for t in ordered], [t["name"] for t in found]) == (
        ["Data", "Analytics"],
        ["Analytics"],
    )


# Profile


def test_me_patch_changes_profile_fields_and_ignores_read_only_ones(world, api_client):
    response = api_client("member_a").patch(
        "/api/v1/me/",
        {"bio": "Runs the data platform.", "company": {"slug": "nimbus-retail"}},
        format="json",
    )
    world.member_a.refresh_from_db()

    assert (response.status_code, world.member_a.bio, world.member_a.company) == (
        200,
        "Runs the data platform.",
        world.company_a,
    )


def test_me_patch_with_invalid_url_is_a_field_error(world, api_client):
    response = api_client("member_a").patch("/api/v1/me/", {"linkedin": "not a url"})

    assert (error(response)[0], list(error(response)[2])) == (400, ["linkedin"])


# Submissions


def test_submission_create_makes_a_draft_with_the_caller_as_primary_speaker(world, api_client):
    response = api_client("member_b").post(
        "/api/v1/submissions/",
        {
            "conference": "orbit-summit",
            "title": "Retail at scale",
            "abstract": "Stock levels in real time.",
            "format": world.format.pk,
        },
    )
    body = response.json()

    assert (response.status_code, body["state"], body["speakers"][0]["id"]) == (
        201,
        "draft",
        world.member_b.pk,
    )


def test_submission_create_without_title_is_a_field_error(world, api_client):
    response = api_client("member_a").post(
        "/api/v1/submissions/",
        {"conference": "orbit-summit", "abstract": "Text.", "format": world.format.pk},
    )

    assert error(response) == (
        400,
        "required",
        {"title": ["This field is required."]},
    )


def test_submission_create_with_nul_in_conference_slug_is_a_field_error(world, api_client):
    response = api_client("member_a").post(
        "/api/v1/submissions/",
        {
            "conference": "orbit\x00summit",
            "title": "T",
            "abstract": "Text.",
            "format": world.format.pk,
        },
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["conference"])


def test_submission_create_with_another_conferences_format_is_a_field_error(world, api_client):
    other = SessionFormatFactory(conference=ConferenceFactory())

    response = api_client("member_a").post(
        "/api/v1/submissions/",
        {
            "conference": "orbit-summit",
            "title": "Mixed up",
            "abstract": "Text.",
            "format": other.pk,
        },
    )

    assert (error(response)[0], error(response)[2]) == (
        400,
        {"format": ["This format belongs to another conference."]},
    )


def test_submission_create_with_another_companys_case_study_is_a_field_error(world, api_client):
    theirs = CaseStudyFactory(company=world.company_b, published=True)

    response = api_client("member_a").post(
        "/api/v1/submissions/",
        {
            "conference": "orbit-summit",
            "title": "Borrowed story",
            "abstract": "Text.",
            "format": world.format.pk,
            "case_study": theirs.pk,
        },
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["case_study"])


def test_submission_submit_moves_the_draft_to_submitted(world, api_client):
    response = api_client("member_a").post(f"/api/v1/submissions/{world.draft_a.pk}/submit/")
    world.draft_a.refresh_from_db()

    assert (response.status_code, response.json()["state"], world.draft_a.state) == (
        200,
        "submitted",
        "submitted",
    )


def test_submission_submit_after_the_cfp_closed_is_refused(world, api_client):
    world.conference.cfp_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    world.conference.save()

    response = api_client("member_a").post(f"/api/v1/submissions/{world.draft_a.pk}/submit/")

    assert error(response)[:2] == (400, "cfp_closed")


def test_submission_submit_twice_is_refused_as_an_invalid_transition(world, api_client):
    response = api_client("member_a").post(f"/api/v1/submissions/{world.submitted_a.pk}/submit/")

    assert error(response)[:2] == (400, "invalid_transition")


def test_submission_withdraw_by_speaker_after_release_is_refused(world, api_client):
    response = api_client("member_a").post(f"/api/v1/submissions/{world.accepted.pk}/withdraw/")

    assert error(response)[:2] == (400, "schedule_released")


def test_submission_submit_by_organizer_is_forbidden_by_the_state_machine(world, api_client):
    response = api_client("organizer").post(f"/api/v1/submissions/{world.draft_a.pk}/submit/")

    assert error(response)[:2] == (403, "permission_denied")


# Reviews


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


# Schedules


def test_release_creates_a_version_the_public_then_sees(world, api_client):
    response = api_client("organizer").post(
        f"/api/v1/conferences/{world.conference.slug}/release/", {"version": "2.0"}
    )
    conference = api_client("anonymous").get(f"/api/v1/conferences/{world.conference.slug}/")

    assert (
        response.status_code,
        response.json()["version"],
        conference.json()["latest_release"],
    ) == (
        201,
        "2.0",
        "2.0",
    )


def test_release_with_an_existing_version_is_a_field_error(world, api_client):
    response = api_client("organizer").post(
        f"/api/v1/conferences/{world.conference.slug}/release/", {"version": "1.0"}
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["version"])
    assert Schedule.objects.released().count() == 1


def test_slots_list_the_working_copy_for_organizers(world, api_client):
    results = (
        api_client("organizer")
        .get("/api/v1/slots/", {"schedule": world.working.pk})
        .json()["results"]
    )

    assert sorted(s["title"] for s in results) == ["Lunch", "Streaming at Orbit"]


# Tokens, errors and throttling


def test_token_authenticates_and_records_its_use(world):
    token, key = api_token_create(user=world.member_a.user, name="CRM")
    client = APIClient()

    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Bearer {key}")
    token.refresh_from_db()

    assert (response.status_code, response.json()["username"], token.last_used_at is None) == (
        200,
        "ada",
        False,
    )


def test_token_revoked_is_refused_with_401(world):
    token, key = api_token_create(user=world.member_a.user, name="CRM")
    ApiToken.objects.filter(pk=token.pk).delete()

    response = APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")

    assert (error(response)[:2], response.headers["WWW-Authenticate"]) == (
        (401, "authentication_failed"),
        'Bearer realm="api"',
    )


def test_token_malformed_header_is_refused_with_401(world):
    response = APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION="Bearer two parts")

    assert error(response)[:2] == (401, "authentication_failed")


def test_unknown_api_path_answers_json_404(world, api_client):
    response = api_client("anonymous").delete("/api/v1/no-such-thing/")

    assert error(response) == (404, "not_found", {})


def test_detail_with_non_numeric_id_answers_json_404(world, api_client):
    response = api_client("anonymous").get("/api/v1/tracks/99999999999999999999999/")

    assert error(response)[:2] == (404, "not_found")


@override_settings(API_THROTTLE_RATES={"anon": "2/minute", "user": "3/minute"})
def test_throttle_anonymous_lower_than_signed_in(world, api_client):
    anonymous, member = api_client("anonymous"), api_client("member_a")

    anonymous_codes = [anonymous.get("/api/v1/rooms/").status_code for _ in range(3)]
    member_codes = [member.get("/api/v1/rooms/").status_code for _ in range(4)]
    refused = anonymous.get("/api/v1/rooms/")

    assert (anonymous_codes, member_codes, error(refused)[:2], "Retry-After" in refused) == (
        [200, 200, 429],
        [200, 200, 200, 429],
        (429, "throttled"),
        True,
    )


@pytest.mark.parametrize("role", ["anonymous", "member_a", "reviewer", "organizer"])
def test_browsable_api_renders_for_each_role(world, api_client, role):
    response = api_client(role).get("/api/v1/", HTTP_ACCEPT="text/html")

    assert (
        response.status_code,
        b"Guildhall" in response.content or b"Api Root" in response.content,
    ) == (
        200,
        True,
    )
