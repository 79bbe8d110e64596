"""What every endpoint shares (api/views/base.py): the JSON 404 for unknown paths and
malformed ids, and the browsable API for each role."""

import pytest

from events.models import Submission
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


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", '{"conference": "orbit-summit", "title": "%s"}' % ("x" * 2000)),
        ("application/x-www-form-urlencoded", "conference=orbit-summit&title=" + "x" * 2000),
    ],
)
def test_request_body_over_the_limit_answers_json_413(
    world, api_client, settings, content_type, body
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    before = Submission.objects.count()

    response = api_client("member_a").generic(
        "POST", "/api/v1/submissions/", body, content_type=content_type
    )

    assert (error(response), Submission.objects.count()) == (
        (413, "request_too_large", {}),
        before,
    )


def test_request_body_within_the_limit_is_read(world, api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = api_client("member_a").post(
        "/api/v1/submissions/", {"conference": "orbit-summit", "title": ""}, format="json"
    )

    assert error(response)[:2] == (400, "blank")
