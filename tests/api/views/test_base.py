"""What every endpoint shares (api/views/base.py): the JSON 404 for unknown paths and
malformed ids, ids that are no whole numbers wherever an id goes (path, query, body),
and the browsable API for each role."""

import importlib
import json
import pkgutil

import pytest
from rest_framework import serializers

import api.serializers
from api.serializers.base import IdRelatedField
from events.models import Review, Slot, Submission
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


# Ids that are not whole numbers, or too big for any database id: never a 500, never
# rounded to another object's id (`9.5` once found object 9), in every place an id goes.
BAD_IDS = ("1e999", "{pk}.5", "true", "1" + "0" * 30)


def _body_cases(world) -> dict[str, tuple[str, str, str, dict, str, int]]:
    """name: (role, method, url, body with ID where the bad id goes, field, a valid id)."""
    start = f"{world.day}T08:00:00Z"
    return {
        "slot place": (
            "organizer",
            "post",
            "/api/v1/slots/",
            {"submission": "ID", "room": world.room.pk, "start": start},
            "submission",
            world.unplaced.pk,
        ),
        "slot room": (
            "organizer",
            "post",
            "/api/v1/slots/",
            {"submission": world.unplaced.pk, "room": "ID", "start": start},
            "room",
            world.room.pk,
        ),
        "slot move": (
            "organizer",
            "patch",
            f"/api/v1/slots/{world.working_slot.pk}/",
            {"room": "ID"},
            "room",
            world.room.pk,
        ),
        "block rooms": (
            "organizer",
            "post",
            "/api/v1/slots/blocks/",
            {
                "conference": "orbit-summit",
                "kind": "break",
                "title": "Coffee",
                "start": start,
                "end": f"{world.day}T08:15:00Z",
                "rooms": ["ID"],
            },
            "rooms",
            world.room.pk,
        ),
        "submission format": (
            "member_a",
            "post",
            "/api/v1/submissions/",
            {"conference": "orbit-summit", "title": "T", "abstract": "A", "format": "ID"},
            "format",
            world.format.pk,
        ),
        "submission track": (
            "member_a",
            "patch",
            f"/api/v1/submissions/{world.draft_a.pk}/",
            {"track": "ID"},
            "track",
            world.track.pk,
        ),
        "submission case study": (
            "member_a",
            "patch",
            f"/api/v1/submissions/{world.draft_a.pk}/",
            {"case_study": "ID"},
            "case_study",
            world.draft_study.pk,
        ),
        "review submission": (
            "reviewer",
            "post",
            "/api/v1/reviews/",
            {"submission": "ID", "score": 3},
            "submission",
            world.unreviewed_b.pk,
        ),
    }


BODY_CASES = (
    "slot place",
    "slot room",
    "slot move",
    "block rooms",
    "submission format",
    "submission track",
    "submission case study",
    "review submission",
)


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize("case", BODY_CASES)
def test_related_id_in_a_body_that_is_no_whole_id_is_a_field_error(world, api_client, case, bad):
    role, method, url, body, field, valid = _body_cases(world)[case]
    text = json.dumps(body).replace('"ID"', bad.format(pk=valid))
    written = (Slot.objects.count(), Submission.objects.count(), Review.objects.count())

    response = getattr(api_client(role), method)(url, text, content_type="application/json")

    assert (
        response.status_code,
        list(error(response)[2]) if response.status_code == 400 else None,
        (Slot.objects.count(), Submission.objects.count(), Review.objects.count()),
    ) == (400, [field], written)


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize(
    ("role", "url", "name"),
    [
        ("anonymous", "/api/v1/sessions/", "room"),
        ("anonymous", "/api/v1/sessions/", "speaker"),
        ("anonymous", "/api/v1/conferences/", "year"),
        ("organizer", "/api/v1/slots/", "schedule"),
        ("organizer", "/api/v1/reviews/", "submission"),
    ],
)
def test_id_filter_that_is_no_whole_id_is_a_field_error(world, api_client, role, url, name, bad):
    response = api_client(role).get(url, {name: bad.format(pk=1)})

    assert (error(response)[0], list(error(response)[2])) == (400, [name])


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize(
    ("role", "method", "url"),
    [
        ("anonymous", "get", "/api/v1/tracks/{id}/"),
        ("organizer", "patch", "/api/v1/slots/{id}/"),
        ("organizer", "delete", "/api/v1/slots/{id}/"),
        ("member_a", "post", "/api/v1/submissions/{id}/submit/"),
        ("reviewer", "get", "/api/v1/review-submissions/{id}/"),
    ],
)
def test_id_in_a_path_that_is_no_whole_id_answers_404(world, api_client, role, method, url, bad):
    valid = {"tracks": world.track, "slots": world.working_slot, "submissions": world.draft_a}
    pk = next((row.pk for name, row in valid.items() if name in url), world.submitted_b.pk)
    path = url.format(id=bad.format(pk=pk))

    response = getattr(api_client(role), method)(path, {}, format="json")

    assert error(response)[:2] == (404, "not_found")


def _writable_id_fields():
    """(serializer.field, field) of every writable reference by id in the API's serializers."""
    for module_info in pkgutil.iter_modules(api.serializers.__path__, "api.serializers."):
        module = importlib.import_module(module_info.name)
        for name, cls in vars(module).items():
            if not (
                isinstance(cls, type)
                and issubclass(cls, serializers.Serializer)
                and cls.__module__ == module.__name__
            ):
                continue
            for field_name, field in cls(context={}).fields.items():
                child = getattr(field, "child_relation", field)
                if isinstance(child, serializers.PrimaryKeyRelatedField) and not field.read_only:
                    yield f"{name}.{field_name}", child


def test_every_writable_reference_by_id_takes_whole_ids_only(db):
    fields = dict(_writable_id_fields())

    assert (
        len(fields) >= 8,
        [name for name, field in fields.items() if not isinstance(field, IdRelatedField)],
    ) == (True, [])


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
