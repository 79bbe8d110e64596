"""The caller's own profile (api/views/me.py)."""

from members.models import BIO_MAX_LENGTH
from tests.api.conftest import error


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


def test_me_patch_with_over_length_bio_is_a_field_error(world, api_client):
    response = api_client("member_a").patch(
        "/api/v1/me/", {"bio": "x" * (BIO_MAX_LENGTH + 1)}, format="json"
    )
    world.member_a.refresh_from_db()

    assert (error(response)[0], list(error(response)[2])) == (400, ["bio"])
    assert len(world.member_a.bio) <= BIO_MAX_LENGTH
