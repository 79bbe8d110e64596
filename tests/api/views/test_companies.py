"""The company directory and the case study library (api/views/companies.py): filters,
and a case study's draft, review and publication."""

import pytest
from rest_framework.test import APIClient

from members.models import CASE_STUDY_TEXT_MAX_LENGTHS, CaseStudy
from tests.api.conftest import error, patch
from tests.factories import CaseStudyFactory, MemberFactory


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


@pytest.mark.parametrize("field", ["challenge", "solution", "results"])
def test_case_study_patch_with_over_length_text_is_a_field_error(world, api_client, field):
    response = patch(
        api_client("member_a"),
        f"/api/v1/case-studies/{world.draft_study.pk}/",
        {field: "x" * (CASE_STUDY_TEXT_MAX_LENGTHS[field] + 1)},
    )
    world.draft_study.refresh_from_db()

    assert (error(response)[0], list(error(response)[2])) == (400, [field])
    assert len(getattr(world.draft_study, field)) < 100
