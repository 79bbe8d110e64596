"""The caller's proposals (api/views/submissions.py): creating and editing them,
co-speakers, and the state machine's transitions with their refusals."""

import datetime

import pytest
from django.utils import timezone

from events.models import NOTES_MAX_LENGTH, OUTLINE_MAX_LENGTH, Submission
from tests.api.conftest import error, patch
from tests.factories import (
    CaseStudyFactory,
    ConferenceFactory,
    MemberFactory,
    ReviewerFactory,
    SessionFormatFactory,
    TrackFactory,
)


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
    world.draft_a.submission_speakers.create(member=world.member_b, order=1)

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


def test_submission_patch_co_speakers_invites_members_and_others_alike(
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
        sorted(world.draft_a.invitations.values_list("email", flat=True)),
        sorted(message.to[0] for message in mailoutbox),
        "http://testserver/" in mailoutbox[0].body,
    ) == (
        200,
        [world.member_a.name],
        sorted([world.member_b.user.email, "guest@example.org"]),
        sorted([world.member_b.user.email, "guest@example.org"]),
        True,
    )


def test_submission_naming_a_member_reveals_nothing_about_them_and_keeps_review(world, api_client):
    nimbus_reviewer = MemberFactory(company=world.company_b, user=ReviewerFactory()).user

    response = api_client("member_a").post(
        "/api/v1/submissions/",
        {
            "conference": "orbit-summit",
            "title": "Retail and banking",
            "abstract": "Text.",
            "format": world.format.pk,
            "co_speakers": [world.member_b.user.email],
        },
        format="json",
    )
    submission = Submission.objects.get(pk=response.json()["id"])
    Submission.objects.filter(pk=submission.pk).update(state=Submission.State.SUBMITTED)

    text = response.content.decode()
    assert (response.status_code, world.member_b.name in text, "Nimbus" in text) == (
        201,
        False,
        False,
    )
    assert [speaker["id"] for speaker in response.json()["speakers"]] == [world.member_a.pk]
    assert submission in Submission.objects.reviewable_by(nimbus_reviewer)


def test_submission_patch_co_speakers_empty_list_removes_them(world, api_client):
    url = f"/api/v1/submissions/{world.draft_a.pk}/"
    client = api_client("member_a")
    world.draft_a.submission_speakers.create(member=world.member_b, order=1)

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


# Two people editing at once


def test_submission_patch_with_the_updated_at_read_saves(world, api_client):
    url = f"/api/v1/submissions/{world.draft_a.pk}/"
    client = api_client("member_a")
    read = client.get(url).json()["updated_at"]

    response = patch(client, url, {"title": "Mine", "expected_updated_at": read})

    assert (response.status_code, response.json()["title"]) == (200, "Mine")


def test_submission_patch_changed_since_read_is_refused_as_stale(world, api_client):
    url = f"/api/v1/submissions/{world.draft_a.pk}/"
    world.draft_a.submission_speakers.create(member=world.member_b, order=1)
    read = api_client("member_a").get(url).json()["updated_at"]
    patch(api_client("member_b"), url, {"title": "Bob's title"})

    response = patch(
        api_client("member_a"), url, {"title": "Ada's title", "expected_updated_at": read}
    )

    assert error(response)[:2] == (400, "stale")
    assert Submission.objects.get(pk=world.draft_a.pk).title == "Bob's title"


# Length limits


@pytest.mark.parametrize(
    ("field", "limit"),
    [("outline", OUTLINE_MAX_LENGTH), ("notes", NOTES_MAX_LENGTH)],
)
def test_submission_patch_with_over_length_text_is_a_field_error(world, api_client, field, limit):
    response = patch(
        api_client("member_a"),
        f"/api/v1/submissions/{world.draft_a.pk}/",
        {field: "x" * (limit + 1)},
    )

    assert (error(response)[0], list(error(response)[2])) == (400, [field])
    assert getattr(Submission.objects.get(pk=world.draft_a.pk), field) == ""


def test_submission_list_filtered_by_session_format(world, api_client):
    panel = SessionFormatFactory(conference=world.conference, name="Panel", slug="panel")
    world.draft_a.format = panel
    world.draft_a.save()

    response = api_client("member_a").get("/api/v1/submissions/", {"session_format": "panel"})

    assert [s["title"] for s in response.json()["results"]] == ["Draft by A"]


def test_submission_list_format_json_chooses_the_renderer_and_filters_nothing(world, api_client):
    client = api_client("member_a")
    everything = client.get("/api/v1/submissions/").json()["count"]

    # What a browser accepts: HTML first, which ?format=json overrides.
    response = client.get(
        "/api/v1/submissions/", {"format": "json"}, HTTP_ACCEPT="text/html,*/*;q=0.8"
    )

    assert (response["Content-Type"], response.json()["count"]) == (
        "application/json",
        everything,
    )
    assert everything == 3


def test_submission_create_with_a_control_character_in_the_title_is_a_field_error(
    world, api_client
):
    before = Submission.objects.count()

    response = api_client("member_b").post(
        "/api/v1/submissions/",
        {
            "conference": "orbit-summit",
            "title": "Retail\x1b[2J at scale",
            "abstract": "Stock levels in real time.",
            "format": world.format.pk,
        },
        format="json",
    )

    assert (error(response)[0], list(error(response)[2]), Submission.objects.count()) == (
        400,
        ["title"],
        before,
    )


# Alternates


def test_submission_alternate_state_shown_to_its_speaker_and_filterable(world, api_client):
    Submission.objects.filter(pk=world.submitted_a.pk).update(state=Submission.State.ALTERNATE)
    client = api_client("member_a")

    detail = client.get(f"/api/v1/submissions/{world.submitted_a.pk}/").json()
    listed = client.get("/api/v1/submissions/", {"state": "alternate"}).json()["results"]

    assert (detail["state"], [s["title"] for s in listed]) == ("alternate", ["Submitted by A"])


def test_submission_alternate_hidden_from_other_members(world, api_client):
    Submission.objects.filter(pk=world.submitted_a.pk).update(state=Submission.State.ALTERNATE)

    response = api_client("member_b").get(f"/api/v1/submissions/{world.submitted_a.pk}/")

    assert response.status_code == 404


def test_submission_alternate_withdrawn_by_its_speaker(world, api_client):
    Submission.objects.filter(pk=world.submitted_a.pk).update(state=Submission.State.ALTERNATE)

    response = api_client("member_a").post(f"/api/v1/submissions/{world.submitted_a.pk}/withdraw/")

    assert (response.status_code, response.json()["state"]) == (200, "withdrawn")


def test_submission_alternate_cannot_be_confirmed_by_its_speaker(world, api_client):
    Submission.objects.filter(pk=world.submitted_a.pk).update(state=Submission.State.ALTERNATE)

    response = api_client("member_a").post(f"/api/v1/submissions/{world.submitted_a.pk}/confirm/")

    assert error(response)[:2] == (400, "invalid_transition")
