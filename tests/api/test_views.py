"""The API's behaviour per endpoint: what it shows, how it filters and pages, how writes go
through the services, and the one error body of every refusal."""

import datetime
from urllib.parse import urlencode

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from audit.models import AuditEntry
from events.models import Review, Schedule, Slot, Submission
from events.schedule.services import schedule_release
from members.models import ApiToken, CaseStudy
from members.services import api_token_create
from tests.api.conftest import user_of
from tests.factories import (
    CaseStudyFactory,
    ConferenceFactory,
    MemberFactory,
    RoomFactory,
    SessionFormatFactory,
    SlotFactory,
    SubmissionFactory,
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


# Phase 2: submission edit and co-speakers


def patch(client: APIClient, url: str, body: dict):
    return client.patch(url, body, format="json")


def test_submission_patch_changes_the_fields_sent_and_keeps_the_rest(world, api_client):
    url = f"/api/v1/submissions/{world.draft_a.pk}/"

    response = patch(api_client("member_a"), url, {"title": "Streams, revised", "track": None})
    world.draft_a.refresh_from_db()

    assert (
        response.status_code,
        response.json()["title"],
        world.draft_a.title,
        world.draft_a.abstract,
        world.draft_a.format_id,
    ) == (200, "Streams, revised", "Streams, revised", world.draft_a.abstract, world.format.pk)


def test_submission_patch_by_a_co_speaker_from_another_company_is_allowed(world, api_client):
    url = f"/api/v1/submissions/{world.draft_a.pk}/"
    patch(api_client("member_a"), url, {"co_speakers": [world.member_b.user.email]})

    response = patch(api_client("member_b"), url, {"outline": "Two parts."})

    assert (response.status_code, response.json()["outline"]) == (200, "Two parts.")


def test_submission_patch_of_a_submitted_proposal_is_allowed_until_the_cfp_closes(
    world, api_client
):
    url = f"/api/v1/submissions/{world.submitted_a.pk}/"
    client = api_client("member_a")

    before = patch(client, url, {"abstract": "Sharper."})
    world.conference.cfp_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    world.conference.save()
    after = patch(client, url, {"abstract": "Too late."})

    assert (before.status_code, error(after)[:2]) == (200, (400, "cfp_closed"))


def test_submission_patch_of_an_accepted_talk_is_refused(world, api_client):
    response = patch(
        api_client("member_a"), f"/api/v1/submissions/{world.accepted.pk}/", {"title": "New"}
    )

    assert error(response)[:2] == (400, "not_editable")


def test_submission_patch_of_another_speakers_submission_answers_404(world, api_client):
    response = patch(
        api_client("member_b"), f"/api/v1/submissions/{world.draft_a.pk}/", {"title": "Mine"}
    )

    assert error(response)[:2] == (404, "not_found")


def test_submission_patch_by_organizer_is_forbidden(world, api_client):
    response = patch(
        api_client("organizer"), f"/api/v1/submissions/{world.draft_a.pk}/", {"title": "X"}
    )

    assert error(response)[:2] == (403, "permission_denied")


def test_submission_patch_with_blank_title_is_a_field_error(world, api_client):
    response = patch(
        api_client("member_a"), f"/api/v1/submissions/{world.draft_a.pk}/", {"title": ""}
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["title"])


def test_submission_patch_with_another_conferences_track_is_a_field_error(world, api_client):
    other_track = TrackFactory(conference=ConferenceFactory())

    response = patch(
        api_client("member_a"),
        f"/api/v1/submissions/{world.draft_a.pk}/",
        {"track": other_track.pk},
    )

    assert error(response) == (
        400,
        "invalid",
        {"track": ["This track belongs to another conference."]},
    )


def test_submission_patch_co_speakers_adds_members_and_invites_others(
    world, api_client, mailoutbox, django_capture_on_commit_callbacks
):
    url = f"/api/v1/submissions/{world.draft_a.pk}/"

    with django_capture_on_commit_callbacks(execute=True):
        response = patch(
            api_client("member_a"),
            url,
            {"co_speakers": [world.member_b.user.email, "guest@example.org"]},
        )

    assert (
        response.status_code,
        [speaker["name"] for speaker in response.json()["speakers"]],
        list(world.draft_a.invitations.values_list("email", flat=True)),
        mailoutbox[0].to,
        "http://testserver/" in mailoutbox[0].body,
    ) == (
        200,
        [world.member_a.name, world.member_b.name],
        ["guest@example.org"],
        ["guest@example.org"],
        True,
    )


def test_submission_patch_co_speakers_empty_list_removes_them(world, api_client):
    url = f"/api/v1/submissions/{world.draft_a.pk}/"
    client = api_client("member_a")
    patch(client, url, {"co_speakers": [world.member_b.user.email]})

    response = patch(client, url, {"co_speakers": []})

    assert [speaker["name"] for speaker in response.json()["speakers"]] == [world.member_a.name]


def test_submission_patch_with_a_bad_co_speaker_address_is_a_field_error(world, api_client):
    response = patch(
        api_client("member_a"),
        f"/api/v1/submissions/{world.draft_a.pk}/",
        {"co_speakers": ["not-an-address"]},
    )

    assert error(response) == (
        400,
        "invalid",
        {"co_speakers": ["Not an e-mail address: not-an-address."]},
    )


def test_submission_patch_with_too_many_co_speakers_is_a_field_error(world, api_client):
    addresses = [f"guest{n}@example.org" for n in range(5)]

    response = patch(
        api_client("member_a"),
        f"/api/v1/submissions/{world.draft_a.pk}/",
        {"co_speakers": addresses},
    )

    assert error(response) == (
        400,
        "invalid",
        {"co_speakers": ["A proposal has at most 4 co-speakers."]},
    )


def test_submission_create_with_co_speakers_invites_them(world, api_client):
    response = api_client("member_a").post(
        "/api/v1/submissions/",
        {
            "conference": world.conference.slug,
            "title": "With friends",
            "abstract": "Together.",
            "format": world.format.pk,
            "co_speakers": ["friend@example.org"],
        },
        format="json",
    )
    submission = Submission.objects.get(pk=response.json()["id"])

    assert (response.status_code, [i.email for i in submission.invitations.all()]) == (
        201,
        ["friend@example.org"],
    )


# Phase 2: the working schedule


def at(world, hour: int, minute: int = 0, day_offset: int = 0) -> str:
    day = world.day + datetime.timedelta(days=day_offset)
    return local_datetime(world.conference, day, hour, minute).isoformat()


def place(client: APIClient, **body):
    return client.post("/api/v1/slots/", body, format="json")


def test_slot_place_puts_the_talk_in_the_working_copy_for_its_formats_length(world, api_client):
    response = place(
        api_client("organizer"),
        submission=world.unplaced.pk,
        room=world.room.pk,
        start=at(world, 10),
    )
    body = response.json()
    slot = Slot.objects.get(pk=body["id"])

    assert (
        response.status_code,
        body["schedule"],
        body["room"]["name"],
        body["title"],
        slot.end - slot.start,
    ) == (201, world.working.pk, "Auditorium", "Accepted, not placed", world.format.duration)


def test_slot_place_is_in_the_audit_log_under_the_organizer(world, api_client):
    place(
        api_client("organizer"),
        submission=world.unplaced.pk,
        room=world.room.pk,
        start=at(world, 10),
    )

    assert list(AuditEntry.objects.filter(actor__isnull=False).values_list("action", "actor")) == [
        (AuditEntry.Action.SLOT_SAVED, user_of(world, "organizer").pk)
    ]


def test_slot_place_in_a_taken_room_names_the_collision(world, api_client):
    response = place(
        api_client("organizer"),
        submission=world.unplaced.pk,
        room=world.room.pk,
        start=at(world, 9, 15),
    )
    status, code, fields = error(response)

    assert (status, code, fields, "“Streaming at Orbit”" in response.json()["detail"]) == (
        400,
        "room_overlap",
        {},
        True,
    )


def test_slot_place_with_the_speaker_elsewhere_names_the_speaker(world, api_client):
    other_room = RoomFactory(conference=world.conference, name="Studio")
    talk = SubmissionFactory(
        conference=world.conference,
        format=world.format,
        state=Submission.State.ACCEPTED,
        speakers=[world.member_a],
    )

    response = place(
        api_client("organizer"), submission=talk.pk, room=other_room.pk, start=at(world, 9)
    )

    assert (error(response)[:2], response.json()["detail"]) == (
        (400, "speaker_overlap"),
        f"{world.member_a.name} already speaks in “Streaming at Orbit” "
        "(Auditorium, 09:00 to 09:30).",
    )


@pytest.mark.parametrize(
    ("talk", "start", "code"),
    [
        ("unplaced", (9, 0, 30), "outside_conference"),
        ("draft_a", (10, 0, 0), "not_schedulable"),
        ("accepted", (16, 0, 0), "already_placed"),
    ],
)
def test_slot_place_refusals_carry_the_schedulers_code(world, api_client, talk, start, code):
    response = place(
        api_client("organizer"),
        submission=getattr(world, talk).pk,
        room=world.room.pk,
        start=at(world, start[0], start[1], day_offset=start[2]),
    )

    assert error(response)[:2] == (400, code)


def test_slot_place_unknown_talk_and_absurd_year_are_field_errors(world, api_client):
    response = place(
        api_client("organizer"), submission=999999, room=world.room.pk, start="9999-12-31T23:59:00Z"
    )

    assert (error(response)[0], sorted(error(response)[2])) == (400, ["start", "submission"])


def test_slot_move_changes_room_and_time(world, api_client):
    other_room = RoomFactory(conference=world.conference, name="Studio")

    response = patch(
        api_client("organizer"),
        f"/api/v1/slots/{world.working_slot.pk}/",
        {"room": other_room.pk, "start": at(world, 14), "end": at(world, 14, 45)},
    )
    world.working_slot.refresh_from_db()

    assert (
        response.status_code,
        response.json()["room"]["name"],
        world.working_slot.room_id,
        world.working_slot.end - world.working_slot.start,
    ) == (200, "Studio", other_room.pk, datetime.timedelta(minutes=45))


def test_slot_move_onto_lunch_names_the_whole_venue_block(world, api_client):
    response = patch(
        api_client("organizer"),
        f"/api/v1/slots/{world.working_slot.pk}/",
        {"start": at(world, 12, 15), "end": at(world, 12, 45)},
    )

    assert (error(response)[:2], "“Lunch” (the whole venue)" in response.json()["detail"]) == (
        (400, "room_overlap"),
        True,
    )


def test_slot_move_ending_before_it_starts_is_refused(world, api_client):
    response = patch(
        api_client("organizer"),
        f"/api/v1/slots/{world.working_slot.pk}/",
        {"start": at(world, 11), "end": at(world, 10)},
    )

    assert error(response)[:2] == (400, "invalid_times")


def test_slot_move_with_a_stale_updated_at_is_refused(world, api_client):
    client = api_client("organizer")
    url = f"/api/v1/slots/{world.working_slot.pk}/"
    read = client.get(url).json()["updated_at"]
    patch(client, url, {"start": at(world, 10), "end": at(world, 10, 30)})

    response = patch(
        client, url, {"start": at(world, 11), "end": at(world, 11, 30), "expected_updated_at": read}
    )
    world.working_slot.refresh_from_db()

    assert (error(response)[:2], world.working_slot.start.isoformat()) == (
        (400, "stale"),
        datetime.datetime.fromisoformat(at(world, 10)).astimezone(datetime.UTC).isoformat(),
    )


def test_slot_move_with_the_current_updated_at_moves_it_keeping_its_length(world, api_client):
    client = api_client("organizer")
    url = f"/api/v1/slots/{world.working_slot.pk}/"
    read = client.get(url).json()["updated_at"]

    response = patch(client, url, {"start": at(world, 11), "expected_updated_at": read})
    world.working_slot.refresh_from_db()

    assert (response.status_code, world.working_slot.end - world.working_slot.start) == (
        200,
        datetime.timedelta(minutes=30),
    )


def test_slot_move_of_a_released_slot_is_refused(world, api_client):
    response = patch(
        api_client("organizer"), f"/api/v1/slots/{world.session.pk}/", {"start": at(world, 10)}
    )

    assert error(response)[:2] == (400, "released")


def test_slot_unschedule_returns_the_talk_to_the_talks_to_place(world, api_client):
    client = api_client("organizer")

    response = client.delete(f"/api/v1/slots/{world.working_slot.pk}/")
    placed_again = place(
        client, submission=world.accepted.pk, room=world.room.pk, start=at(world, 10)
    )

    assert (
        response.status_code,
        Slot.objects.filter(pk=world.working_slot.pk).exists(),
        placed_again.status_code,
        placed_again.json()["uid"],
    ) == (204, False, 201, str(world.session.uid))


def test_slot_unschedule_with_a_stale_updated_at_is_refused(world, api_client):
    client = api_client("organizer")
    url = f"/api/v1/slots/{world.working_slot.pk}/"
    read = client.get(url).json()["updated_at"]
    patch(client, url, {"start": at(world, 10), "end": at(world, 10, 30)})

    response = client.delete(url + "?" + urlencode({"expected_updated_at": read}))

    assert (error(response)[:2], Slot.objects.filter(pk=world.working_slot.pk).exists()) == (
        (400, "stale"),
        True,
    )


def test_slot_unschedule_with_a_broken_updated_at_is_a_field_error(world, api_client):
    response = api_client("organizer").delete(
        f"/api/v1/slots/{world.working_slot.pk}/?expected_updated_at=yesterday"
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["expected_updated_at"])


def test_slot_unschedule_of_a_released_slot_is_refused(world, api_client):
    response = api_client("organizer").delete(f"/api/v1/slots/{world.session.pk}/")

    assert error(response)[:2] == (400, "released")


def test_slot_block_over_two_rooms_makes_one_slot_each(world, api_client):
    other_room = RoomFactory(conference=world.conference, name="Studio")

    response = api_client("organizer").post(
        "/api/v1/slots/blocks/",
        {
            "conference": world.conference.slug,
            "kind": "break",
            "title": "Coffee",
            "start": at(world, 15),
            "end": at(world, 15, 30),
            "rooms": [world.room.pk, other_room.pk],
        },
        format="json",
    )

    assert (
        response.status_code,
        sorted((slot["title"], slot["room"]["name"]) for slot in response.json()),
    ) == (201, [("Coffee", "Auditorium"), ("Coffee", "Studio")])


def test_slot_block_colliding_in_one_room_saves_none(world, api_client):
    other_room = RoomFactory(conference=world.conference, name="Studio")

    response = api_client("organizer").post(
        "/api/v1/slots/blocks/",
        {
            "conference": world.conference.slug,
            "kind": "break",
            "title": "Coffee",
            "start": at(world, 9),
            "end": at(world, 9, 15),
            "rooms": [other_room.pk, world.room.pk],
        },
        format="json",
    )

    assert (error(response)[:2], Slot.objects.filter(title="Coffee").exists()) == (
        (400, "room_overlap"),
        False,
    )


def test_slot_block_of_kind_talk_is_a_field_error(world, api_client):
    response = api_client("organizer").post(
        "/api/v1/slots/blocks/",
        {
            "conference": world.conference.slug,
            "kind": "talk",
            "title": "Sneaky",
            "start": at(world, 15),
            "end": at(world, 15, 30),
        },
        format="json",
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["kind"])


# Phase 2: registration and the personal agenda


def star_url(world) -> str:
    return f"/api/v1/sessions/{world.session.uid}/star/"


def test_star_adds_the_session_to_the_registration_once(world, api_client):
    client = api_client("member_a")

    first = client.post(star_url(world))
    again = client.post(star_url(world))

    assert (first.status_code, first.json()["starred"], again.json()["starred"]) == (
        200,
        [str(world.session.uid)],
        [str(world.session.uid)],
    )


def test_unstar_takes_the_session_off(world, api_client):
    client = api_client("member_a")
    client.post(star_url(world))

    response = client.delete(star_url(world))

    assert (response.status_code, response.json()["starred"]) == (200, [])


def test_star_of_a_cancelled_session_is_refused(world, api_client):
    cancelled = SlotFactory(
        schedule=world.release, title="Cancelled panel", cancelled=True, room=world.room
    )

    response = api_client("member_a").post(f"/api/v1/sessions/{cancelled.uid}/star/")

    assert error(response)[:2] == (400, "cancelled")


def test_star_without_a_registration_is_refused(world, api_client):
    response = api_client("reviewer").post(star_url(world))

    assert error(response)[:2] == (400, "not_registered")


def test_star_of_an_unknown_session_answers_404(world, api_client):
    response = api_client("member_a").post(
        "/api/v1/sessions/00000000-0000-0000-0000-000000000000/star/"
    )

    assert error(response)[:2] == (404, "not_found")


def test_registration_create_then_star(world, api_client):
    client = api_client("reviewer")

    registered = client.post(
        "/api/v1/registrations/", {"conference": world.conference.slug}, format="json"
    )
    starred = client.post(star_url(world))

    assert (registered.status_code, registered.json()["conference"], starred.status_code) == (
        201,
        world.conference.slug,
        200,
    )


def test_registration_create_twice_is_refused(world, api_client):
    response = api_client("member_a").post(
        "/api/v1/registrations/", {"conference": world.conference.slug}, format="json"
    )

    assert error(response)[:2] == (400, "already_registered")


def test_registration_create_after_the_conference_is_refused(world, api_client):
    past = ConferenceFactory(
        starts_on=timezone.localdate() - datetime.timedelta(days=10),
        ends_on=timezone.localdate() - datetime.timedelta(days=9),
    )

    response = api_client("reviewer").post(
        "/api/v1/registrations/", {"conference": past.slug}, format="json"
    )

    assert error(response)[:2] == (400, "conference_over")


def test_registration_create_for_an_unknown_conference_is_a_field_error(world, api_client):
    response = api_client("reviewer").post(
        "/api/v1/registrations/", {"conference": "no-such-thing"}, format="json"
    )

    assert (error(response)[0], list(error(response)[2])) == (400, ["conference"])


# Phase 2: case studies


def test_case_study_create_makes_a_draft_of_the_callers_company(world, api_client):
    response = api_client("member_b").post(
        "/api/v1/case-studies/",
        {
            "title": "Shelves that refill",
            "challenge": "Empty shelves.",
            "solution": "Live stock.",
            "results": "Fewer gaps.",
            "products": ["orbit-stream"],
        },
        format="json",
    )
    body = response.json()

    assert (
        response.status_code,
        body["company"]["slug"],
        body["state"],
        [p["slug"] for p in body["products"]],
        CaseStudy.objects.get(pk=body["id"]).author_id,
    ) == (201, "nimbus-retail", "draft", ["orbit-stream"], world.member_b.pk)


def test_case_study_create_without_title_and_with_unknown_product_are_field_errors(
    world, api_client
):
    response = api_client("member_a").post(
        "/api/v1/case-studies/",
        {"challenge": "c", "solution": "s", "results": "r", "products": ["nope"]},
        format="json",
    )

    assert (error(response)[0], sorted(error(response)[2])) == (400, ["products", "title"])


def test_case_study_create_by_a_guest_without_company_is_forbidden(world):
    guest = MemberFactory(company=None)
    client = APIClient()
    client.force_login(guest.user)

    response = client.post(
        "/api/v1/case-studies/",
        {"title": "t", "challenge": "c", "solution": "s", "results": "r"},
        format="json",
    )

    assert (error(response)[:2], response.json()["detail"]) == (
        (403, "permission_denied"),
        "Only people at a member company write case studies.",
    )


def test_case_study_patch_changes_the_fields_sent_and_keeps_the_rest(world, api_client):
    response = patch(
        api_client("member_a"),
        f"/api/v1/case-studies/{world.draft_study.pk}/",
        {"title": "Draft, revised", "products": ["orbit-stream"]},
    )
    world.draft_study.refresh_from_db()

    assert (
        response.status_code,
        world.draft_study.title,
        world.draft_study.challenge != "",
        [p["slug"] for p in response.json()["products"]],
    ) == (200, "Draft, revised", True, ["orbit-stream"])


def test_case_study_patch_in_review_is_refused(world, api_client):
    response = patch(
        api_client("member_a"), f"/api/v1/case-studies/{world.review_study.pk}/", {"title": "x"}
    )

    assert error(response)[:2] == (400, "invalid")


def test_case_study_patch_of_another_companys_draft_answers_404(world, api_client):
    response = patch(
        api_client("member_b"), f"/api/v1/case-studies/{world.draft_study.pk}/", {"title": "x"}
    )

    assert error(response)[:2] == (404, "not_found")


def test_case_study_submit_then_publish_shows_it_to_everyone(world, api_client):
    url = f"/api/v1/case-studies/{world.draft_study.pk}/"

    submitted = api_client("member_a").post(url + "submit/")
    published = api_client("organizer").post(url + "publish/")
    seen = api_client("anonymous").get(url)

    assert (
        submitted.json()["state"],
        published.json()["state"],
        published.json()["published_at"] is not None,
        seen.status_code,
    ) == ("in_review", "published", True, 200)


def test_case_study_submit_twice_is_refused(world, api_client):
    client = api_client("member_a")
    client.post(f"/api/v1/case-studies/{world.draft_study.pk}/submit/")

    response = client.post(f"/api/v1/case-studies/{world.draft_study.pk}/submit/")

    assert error(response)[:2] == (400, "invalid")


def test_case_study_publish_of_a_draft_is_refused(world, api_client):
    response = api_client("organizer").post(f"/api/v1/case-studies/{world.draft_study.pk}/publish/")

    assert (error(response)[:2], response.json()["detail"]) == (
        (400, "invalid"),
        "“Draft study” is draft; only a case study in review can be published.",
    )


def test_case_study_return_to_draft_sends_it_back(world, api_client):
    response = api_client("organizer").post(
        f"/api/v1/case-studies/{world.review_study.pk}/return-to-draft/"
    )

    assert (response.status_code, response.json()["state"]) == (200, "draft")


def test_case_study_return_to_draft_of_a_draft_is_refused(world, api_client):
    response = api_client("organizer").post(
        f"/api/v1/case-studies/{world.draft_study.pk}/return-to-draft/"
    )

    assert error(response)[:2] == (400, "invalid")
