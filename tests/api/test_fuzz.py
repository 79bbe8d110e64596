"""Schemathesis against the live schema, in process: every operation, as an anonymous
caller, a member and an organizer, with a bounded number of generated requests each.

No answer may be a 5xx, and every answer must match the schema: its status documented,
its content type and its body as declared. Writes happen in the test's transaction and are
rolled back with it. The run is derandomized, so CI sees the same requests every time;
a summary per role goes to test-artifacts/schemathesis-<role>.txt.
"""

from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err, Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from members.services.api_tokens import api_token_create
from tests.api.conftest import user_of

EXAMPLES_PER_OPERATION = 4  # per generation mode: valid and invalid input
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


def fuzz_operation(operation, mode, *, app, headers: dict, statuses: Counter) -> list[str]:
    """Send EXAMPLES_PER_OPERATION generated requests; the failures, described."""
    failures: list[str] = []

    @hypothesis_settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        response = case.call(app=app, headers=headers)
        statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except Exception as error:  # every failure is collected and reported
            failures.append(f"{operation.label} ({mode.value}): {error}")

    run()
    return failures


def _operation(result: Ok | Err):
    """An operation of the schema; one the schema cannot describe fails the run."""
    if isinstance(result, Err):
        raise result.err()
    return result.ok()


def fuzz(role: str, world) -> tuple[list[str], str]:
    app = get_wsgi_application()
    headers = {}
    user = user_of(world, role)
    if user is not None:
        _, key = api_token_create(user=user, name="fuzzing")
        headers["Authorization"] = f"Bearer {key}"
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
    operations = [_operation(result) for result in schema.get_all_operations()]
    statuses: Counter = Counter()
    failures = [
        failure
        for operation in operations
        for mode in GenerationMode
        for failure in fuzz_operation(operation, mode, app=app, headers=headers, statuses=statuses)
    ]
    histogram = ", ".join(f"{code}: {count}" for code, count in sorted(statuses.items()))
    summary = (
        f"schemathesis as {role}: {len(operations)} operations, "
        f"{sum(statuses.values())} requests, {len(failures)} failures; statuses {histogram}"
    )
    return failures, summary


@override_settings(API_THROTTLE_RATES={"anon": "100000/minute", "user": "100000/minute"})
@pytest.mark.parametrize("role", ["anonymous", "member_a", "organizer"])
def test_schemathesis_finds_no_server_error_or_schema_violation(world, keep_test_connection, role):
    failures, summary = fuzz(role, world)

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"schemathesis-{role}.txt").write_text(
        summary + "\n\n" + "\n\n".join(failures) + "\n"
    )
    print(summary)  # the summary the run reports
    assert failures == [], "\n\n".join(failures[:5])
