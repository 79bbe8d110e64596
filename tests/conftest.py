"""Suite-wide test configuration: which tests apply to the database under test, and the
strict mode CI uses.

Tests marked `postgres` are about PostgreSQL itself (exclusion constraints, row locks);
they are deselected, not skipped, when the database under test is SQLite, because CI runs
the suite once on each database. With GUILDHALL_STRICT_TESTS=1 any skip fails the run, so
a missing Chromium or a missing schema folder cannot pass silently.
"""

import os

import pytest
from django.conf import settings

STRICT = os.environ.get("GUILDHALL_STRICT_TESTS") == "1"


def database_vendor() -> str:
    engine = settings.DATABASES["default"]["ENGINE"]
    return "postgresql" if "postgresql" in engine else engine.rsplit(".", 1)[-1]


def pytest_report_header(config) -> list[str]:
    lines = [
        f"database under test: {database_vendor()}; strict (no skips): {'yes' if STRICT else 'no'}"
    ]
    if database_vendor() != "postgresql":
        lines.append(
            "tests marked 'postgres' are deselected: they run when DATABASE_URL names PostgreSQL"
        )
    return lines


def pytest_collection_modifyitems(config, items) -> None:
    if database_vendor() == "postgresql":
        return
    selected: list[pytest.Item] = []
    deselected: list[pytest.Item] = []
    for item in items:
        (deselected if item.get_closest_marker("postgres") else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under GUILDHALL_STRICT_TESTS=1: {reason}"
