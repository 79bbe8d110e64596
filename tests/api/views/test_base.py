"""What every endpoint shares (api/views/base.py): the JSON 404 for unknown paths and
malformed ids, and the browsable API for each role."""

import pytest

from tests.api.conftest import error


def test_unknown_api_path_answers_json_404(world, api_client):
    response = api_client("anonymous").delete("/api/v1/no-such-thing/")

    assert error(response) == (404, "not_found", {})


def test_detail_with_non_numeric_id_answers_json_404(world, api_client):
    response = api_client("anonymous").get("/api/v1/tracks/99999999999999999999999/")

    assert error(response)[:2] == (404, "not_found")


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
