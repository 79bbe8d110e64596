"""The permission matrix: for every operation of the schema, the status each role gets.

Each row names the operation as the schema does ("GET /api/v1/submissions/{id}/"), the
concrete URL and body in the test world (tests/api/conftest.py), and the status per role.
All five roles are asked in one test, each inside a savepoint rolled back afterwards, so
that one role's write does not change what the next one sees.

A new endpoint fails test_permission_matrix_covers_every_operation until it has a row.

After the matrix: API-token authentication and the throttles (api/permissions.py).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from events.checkin.selectors import registration_checkin_code
from members.models import ApiToken
from members.services.api_tokens import api_token_create
from tests.api.conftest import ROLES, error
from tests.factories import MemberFactory, UserFactory, local_datetime

World = SimpleNamespace


def statuses(
    anonymous: int, member_a: int, member_b: int, reviewer: int, organizer: int
) -> dict[str, int]:
    return {
        "anonymous": anonymous,
        "member_a": member_a,
        "member_b": member_b,
        "reviewer": reviewer,
        "organizer": organizer,
    }


EVERYONE = statuses(200, 200, 200, 200, 200)
SIGNED_IN = statuses(401, 200, 200, 200, 200)
ORGANIZERS = statuses(401, 403, 403, 403, 200)
REVIEWERS = statuses(401, 403, 403, 200, 403)
MEMBERS = statuses(401, 200, 200, 200, 403)
ORGANIZERS_CREATE = statuses(401, 403, 403, 403, 201)
# Members A and B are registered for the conference; the reviewer and the organizer are not.
REGISTERED = statuses(401, 200, 200, 400, 400)


@dataclass(frozen=True)
class Row:
    operation: str
    url: Callable[[World], str]
    expect: dict[str, int]
    body: Callable[[World], dict] = field(default=lambda w: {})
    label: str = ""

    @property
    def method(self) -> str:
        return self.operation.split()[0]

    def __str__(self) -> str:
        return f"{self.operation} {self.label}".strip()


def at(w: World, hour: int, minute: int = 0) -> str:
    return local_datetime(w.conference, w.day, hour, minute).isoformat()


def new_block(w: World) -> dict:
    return {
        "conference": w.conference.slug,
        "kind": "break",
        "title": "Coffee",
        "start": at(w, 15),
        "end": at(w, 15, 30),
    }


def new_case_study(w: World) -> dict:
    return {
        "title": "Ledger in a day",
        "challenge": "Nightly batch.",
        "solution": "Streams.",
        "results": "Minutes, not hours.",
        "products": ["orbit-stream"],
    }


def new_submission(w: World) -> dict:
    return {
        "conference": w.conference.slug,
        "title": "A new talk",
        "abstract": "What we learned.",
        "format": w.format.pk,
    }


MATRIX = [
    Row("GET /api/v1/conferences/", lambda w: "/api/v1/conferences/", EVERYONE),
    Row(
        "GET /api/v1/conferences/{slug}/",
        lambda w: f"/api/v1/conferences/{w.conference.slug}/",
        EVERYONE,
    ),
    Row(
        "POST /api/v1/conferences/{slug}/release/",
        lambda w: f"/api/v1/conferences/{w.conference.slug}/release/",
        statuses(401, 403, 403, 403, 201),
        body=lambda w: {"version": "2.0", "note": "Room change."},
    ),
    Row("GET /api/v1/tracks/", lambda w: "/api/v1/tracks/", EVERYONE),
    Row("GET /api/v1/tracks/{id}/", lambda w: f"/api/v1/tracks/{w.track.pk}/", EVERYONE),
    Row("GET /api/v1/rooms/", lambda w: "/api/v1/rooms/", EVERYONE),
    Row("GET /api/v1/rooms/{id}/", lambda w: f"/api/v1/rooms/{w.room.pk}/", EVERYONE),
    Row("GET /api/v1/formats/", lambda w: "/api/v1/formats/", EVERYONE),
    Row("GET /api/v1/formats/{id}/", lambda w: f"/api/v1/formats/{w.format.pk}/", EVERYONE),
    Row("GET /api/v1/sessions/", lambda w: "/api/v1/sessions/", EVERYONE),
    Row(
        "GET /api/v1/sessions/{uid}/",
        lambda w: f"/api/v1/sessions/{w.session.uid}/",
        EVERYONE,
    ),
    Row("GET /api/v1/speakers/", lambda w: "/api/v1/speakers/", EVERYONE),
    Row(
        "GET /api/v1/speakers/{id}/",
        lambda w: f"/api/v1/speakers/{w.member_a.pk}/",
        EVERYONE,
        label="with a public profile",
    ),
    Row(
        "GET /api/v1/speakers/{id}/",
        lambda w: f"/api/v1/speakers/{w.member_b.pk}/",
        statuses(404, 404, 404, 404, 404),
        label="without a public profile",
    ),
    Row("GET /api/v1/companies/", lambda w: "/api/v1/companies/", EVERYONE),
    Row(
        "GET /api/v1/companies/{slug}/",
        lambda w: f"/api/v1/companies/{w.company_a.slug}/",
        EVERYONE,
        label="in the directory",
    ),
    Row(
        "GET /api/v1/companies/{slug}/",
        lambda w: f"/api/v1/companies/{w.hidden_company.slug}/",
        statuses(404, 404, 404, 404, 200),
        label="not in the directory",
    ),
    Row("GET /api/v1/case-studies/", lambda w: "/api/v1/case-studies/", EVERYONE),
    Row(
        "GET /api/v1/case-studies/{id}/",
        lambda w: f"/api/v1/case-studies/{w.published_study.pk}/",
        EVERYONE,
        label="published",
    ),
    Row(
        "GET /api/v1/case-studies/{id}/",
        lambda w: f"/api/v1/case-studies/{w.draft_study.pk}/",
        statuses(404, 200, 404, 200, 200),
        label="draft of company A",
    ),
    Row(
        "POST /api/v1/case-studies/",
        lambda w: "/api/v1/case-studies/",
        statuses(401, 201, 201, 201, 403),
        body=new_case_study,
    ),
    Row(
        "PATCH /api/v1/case-studies/{id}/",
        lambda w: f"/api/v1/case-studies/{w.draft_study.pk}/",
        statuses(401, 200, 404, 200, 403),
        body=lambda w: {"title": "Draft study, revised"},
        label="draft of company A",
    ),
    Row(
        "PATCH /api/v1/case-studies/{id}/",
        lambda w: f"/api/v1/case-studies/{w.published_study.pk}/",
        statuses(401, 400, 403, 400, 403),
        body=lambda w: {"title": "Fraud checks, revised"},
        label="published of company A",
    ),
    Row(
        "POST /api/v1/case-studies/{id}/submit/",
        lambda w: f"/api/v1/case-studies/{w.draft_study.pk}/submit/",
        statuses(401, 200, 404, 200, 403),
    ),
    Row(
        "POST /api/v1/case-studies/{id}/publish/",
        lambda w: f"/api/v1/case-studies/{w.review_study.pk}/publish/",
        ORGANIZERS,
    ),
    Row(
        "POST /api/v1/case-studies/{id}/return-to-draft/",
        lambda w: f"/api/v1/case-studies/{w.review_study.pk}/return-to-draft/",
        ORGANIZERS,
    ),
    Row("GET /api/v1/schedules/", lambda w: "/api/v1/schedules/", EVERYONE),
    Row(
        "GET /api/v1/schedules/{id}/",
        lambda w: f"/api/v1/schedules/{w.release.pk}/",
        EVERYONE,
        label="released",
    ),
    Row(
        "GET /api/v1/schedules/{id}/",
        lambda w: f"/api/v1/schedules/{w.working.pk}/",
        statuses(404, 404, 404, 404, 200),
        label="working copy",
    ),
    Row("GET /api/v1/slots/", lambda w: "/api/v1/slots/", ORGANIZERS),
    Row("GET /api/v1/slots/{id}/", lambda w: f"/api/v1/slots/{w.working_slot.pk}/", ORGANIZERS),
    Row(
        "POST /api/v1/slots/",
        lambda w: "/api/v1/slots/",
        ORGANIZERS_CREATE,
        body=lambda w: {"submission": w.unplaced.pk, "room": w.room.pk, "start": at(w, 10)},
    ),
    Row(
        "PATCH /api/v1/slots/{id}/",
        lambda w: f"/api/v1/slots/{w.working_slot.pk}/",
        ORGANIZERS,
        body=lambda w: {"start": at(w, 10), "end": at(w, 10, 45)},
        label="of the working copy",
    ),
    Row(
        "PATCH /api/v1/slots/{id}/",
        lambda w: f"/api/v1/slots/{w.session.pk}/",
        statuses(401, 403, 403, 403, 400),
        body=lambda w: {"start": at(w, 10), "end": at(w, 10, 45)},
        label="of a release",
    ),
    Row(
        "PATCH /api/v1/slots/{id}/",
        lambda w: "/api/v1/slots/999999/",
        statuses(401, 403, 403, 403, 404),
        body=lambda w: {"start": at(w, 10), "end": at(w, 10, 45)},
        label="that does not exist",
    ),
    Row(
        "DELETE /api/v1/slots/{id}/",
        lambda w: f"/api/v1/slots/{w.working_slot.pk}/",
        statuses(401, 403, 403, 403, 204),
    ),
    Row(
        "POST /api/v1/slots/blocks/",
        lambda w: "/api/v1/slots/blocks/",
        ORGANIZERS_CREATE,
        body=new_block,
    ),
    Row("GET /api/v1/me/", lambda w: "/api/v1/me/", MEMBERS),
    Row("PATCH /api/v1/me/", lambda w: "/api/v1/me/", MEMBERS, body=lambda w: {"bio": "Hi."}),
    Row("GET /api/v1/submissions/", lambda w: "/api/v1/submissions/", SIGNED_IN),
    Row(
        "POST /api/v1/submissions/",
        lambda w: "/api/v1/submissions/",
        statuses(401, 201, 201, 201, 403),
        body=new_submission,
    ),
    Row(
        "PATCH /api/v1/submissions/{id}/",
        lambda w: f"/api/v1/submissions/{w.draft_a.pk}/",
        statuses(401, 200, 404, 404, 403),
        body=lambda w: {"title": "A better title", "co_speakers": ["guest@example.org"]},
    ),
    Row(
        "GET /api/v1/submissions/{id}/",
        lambda w: f"/api/v1/submissions/{w.draft_a.pk}/",
        statuses(401, 200, 404, 404, 200),
    ),
    Row(
        "POST /api/v1/submissions/{id}/submit/",
        lambda w: f"/api/v1/submissions/{w.draft_a.pk}/submit/",
        statuses(401, 200, 404, 404, 403),
    ),
    Row(
        "POST /api/v1/submissions/{id}/withdraw/",
        lambda w: f"/api/v1/submissions/{w.draft_a.pk}/withdraw/",
        statuses(401, 200, 404, 404, 200),
    ),
    Row(
        "POST /api/v1/submissions/{id}/confirm/",
        lambda w: f"/api/v1/submissions/{w.accepted.pk}/confirm/",
        statuses(401, 200, 404, 404, 403),
    ),
    Row("GET /api/v1/registrations/", lambda w: "/api/v1/registrations/", SIGNED_IN),
    Row(
        "POST /api/v1/registrations/",
        lambda w: "/api/v1/registrations/",
        statuses(401, 400, 400, 201, 201),
        body=lambda w: {"conference": w.conference.slug},
    ),
    Row(
        "POST /api/v1/sessions/{uid}/star/",
        lambda w: f"/api/v1/sessions/{w.session.uid}/star/",
        REGISTERED,
    ),
    Row(
        "DELETE /api/v1/sessions/{uid}/star/",
        lambda w: f"/api/v1/sessions/{w.session.uid}/star/",
        REGISTERED,
    ),
    Row(
        "GET /api/v1/registrations/{id}/",
        lambda w: f"/api/v1/registrations/{w.registration_a.pk}/",
        statuses(401, 200, 404, 404, 200),
    ),
    Row(
        "DELETE /api/v1/registrations/{id}/",
        lambda w: f"/api/v1/registrations/{w.registration_a.pk}/",
        statuses(401, 204, 404, 404, 403),
    ),
    Row(
        "POST /api/v1/registrations/transfer/",
        lambda w: "/api/v1/registrations/transfer/",
        statuses(401, 403, 403, 403, 403),
        body=lambda w: {"registration": w.registration_a.pk, "member": w.reviewer.pk},
        label="(nobody in the world is a primary contact)",
    ),
    Row(
        "POST /api/v1/sessions/{uid}/signup/",
        lambda w: f"/api/v1/sessions/{w.session.uid}/signup/",
        statuses(401, 400, 400, 400, 400),
        label="(the talk needs no sign-up: 400 for the registered too)",
    ),
    Row(
        "DELETE /api/v1/sessions/{uid}/signup/",
        lambda w: f"/api/v1/sessions/{w.session.uid}/signup/",
        statuses(401, 204, 204, 400, 400),
    ),
    Row("GET /api/v1/signups/", lambda w: "/api/v1/signups/", SIGNED_IN),
    # The world's conference is weeks away: a check-in is refused for the day (400) once the
    # role is allowed; attendance at a session has no such rule.
    Row(
        "POST /api/v1/check-ins/",
        lambda w: "/api/v1/check-ins/",
        statuses(401, 403, 403, 403, 400),
        body=lambda w: {
            "conference": w.conference.slug,
            "code": registration_checkin_code(w.registration_a),
        },
    ),
    Row(
        "POST /api/v1/session-attendance/",
        lambda w: "/api/v1/session-attendance/",
        statuses(401, 403, 403, 403, 201),
        body=lambda w: {
            "conference": w.conference.slug,
            "session": str(w.session.uid),
            "code": registration_checkin_code(w.registration_a),
        },
    ),
    Row("GET /api/v1/evaluations/", lambda w: "/api/v1/evaluations/", SIGNED_IN),
    # The world's conference is weeks away: its sessions have not ended (400 for members A
    # and B, who are registered), and the others are not registered (400 as well).
    Row(
        "POST /api/v1/evaluations/",
        lambda w: "/api/v1/evaluations/",
        statuses(401, 400, 400, 400, 400),
        body=lambda w: {
            "conference": w.conference.slug,
            "session": str(w.session.uid),
            "content_rating": 4,
            "speaker_rating": 5,
        },
    ),
    Row(
        "GET /api/v1/evaluation-results/",
        lambda w: f"/api/v1/evaluation-results/?conference={w.conference.slug}",
        SIGNED_IN,
    ),
    Row("GET /api/v1/review-submissions/", lambda w: "/api/v1/review-submissions/", REVIEWERS),
    Row(
        "GET /api/v1/review-submissions/{id}/",
        lambda w: f"/api/v1/review-submissions/{w.submitted_b.pk}/",
        REVIEWERS,
        label="another company's",
    ),
    Row(
        "GET /api/v1/review-submissions/{id}/",
        lambda w: f"/api/v1/review-submissions/{w.submitted_a.pk}/",
        statuses(401, 403, 403, 404, 403),
        label="the reviewer's own company's",
    ),
    Row("GET /api/v1/reviews/", lambda w: "/api/v1/reviews/", statuses(401, 403, 403, 200, 200)),
    Row(
        "POST /api/v1/reviews/",
        lambda w: "/api/v1/reviews/",
        statuses(401, 403, 403, 201, 403),
        body=lambda w: {"submission": w.unreviewed_b.pk, "score": 3, "comment": "Solid."},
    ),
    Row(
        "GET /api/v1/reviews/{id}/",
        lambda w: f"/api/v1/reviews/{w.review.pk}/",
        statuses(401, 403, 403, 200, 200),
    ),
    Row(
        "PATCH /api/v1/reviews/{id}/",
        lambda w: f"/api/v1/reviews/{w.review.pk}/",
        statuses(401, 403, 403, 200, 403),
        body=lambda w: {"score": 2},
    ),
]


def request(client: APIClient, method: str, url: str, body: dict):
    if method == "GET":
        return client.get(url)
    return client.generic(method, url, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("row", MATRIX, ids=str)
def test_permission_matrix(world, api_client, row):
    got = {}

    for role in ROLES:
        client = api_client(role)
        with transaction.atomic():
            got[role] = request(client, row.method, row.url(world), row.body(world)).status_code
            transaction.set_rollback(True)

    assert got == row.expect


def schema_operations() -> set[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {f"{method.upper()} {path}" for path, item in schema["paths"].items() for method in item}


def test_permission_matrix_covers_every_operation():
    assert {row.operation for row in MATRIX} == schema_operations()


@override_settings(API_THROTTLE_RATES={"anon": "1000/minute", "user": "1000/minute"})
@pytest.mark.django_db
def test_methods_outside_the_schema_answer_405():
    # A superuser who is also a member and a reviewer passes every permission, so what
    # answers is the method check.
    user = UserFactory(is_superuser=True, is_staff=True, roles=["Program committee"])
    MemberFactory(user=user)
    client = APIClient()
    client.force_login(user)
    documented = schema_operations()
    got = {}

    for operation in sorted({f"X {path}" for path in (o.split()[1] for o in documented)}):
        path = operation.split()[1]
        url = path.replace("{slug}", "x").replace("{id}", "1")
        url = url.replace("{uid}", "00000000-0000-0000-0000-000000000000")
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            if f"{method} {path}" not in documented:
                got[f"{method} {path}"] = request(client, method, url, {}).status_code

    assert set(got.values()) == {405}


# API tokens and throttles


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


@override_settings(API_THROTTLE_RATES={"anon": "2/minute", "user": "3/minute"})
def test_throttle_anonymous_not_reset_by_a_forged_forwarded_for(world, api_client):
    anonymous = api_client("anonymous")

    codes = [
        anonymous.get("/api/v1/rooms/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(3)
    ]

    assert codes == [200, 200, 429]


@override_settings(
    API_THROTTLE_RATES={"anon": "2/minute", "user": "3/minute"}, TRUSTED_PROXY_COUNT=1
)
def test_throttle_anonymous_behind_a_proxy_counts_the_address_it_appended(world, api_client):
    anonymous = api_client("anonymous")

    # The client forges the left part; the proxy appends the address it saw.
    forged = [
        anonymous.get(
            "/api/v1/rooms/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7"
        ).status_code
        for n in range(3)
    ]
    other_client = anonymous.get("/api/v1/rooms/", HTTP_X_FORWARDED_FOR="198.51.100.8")

    assert (forged, other_client.status_code) == ([200, 200, 429], 200)
