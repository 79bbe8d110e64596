"""`make bench`'s verdict (bench/__main__.py): each budget breaks the run on its own, and
the README's section is replaced, never appended to."""

import copy

import pytest

from bench.__main__ import budget_failures, markdown
from bench.readme import readme_update


def _case(queries: int = 4, ms: float = 10.0, **extra) -> dict:
    return {"queries": queries, "min_ms": ms, "median_ms": ms, "runs": 3, "bytes": 1, **extra}


def _size(sessions: int) -> dict:
    return {
        "generate_s": 9.0,
        "counts": {
            "companies": 2000,
            "people": 12000,
            "sessions": sessions,
            "submissions": 3000,
            "registrations": 8000,
            "starred sessions": 120000,
        },
        "cases": {
            "schedule.json (c3voc)": _case(floor_ratio=2.0),
            "schedule.ics (whole conference)": _case(floor_ratio=1.5),
            "program.pdf": _case(ms=3000.0, peak_mb=25.0),
            "schedule.ics revalidation (304)": _case(queries=2),
            "badges.pdf (every registration)": _case(queries=5, ms=90000.0, peak_mb=20.0),
            "check-in at the door (POST)": _case(queries=14),
            "session attendance (POST, repeat scan)": _case(queries=12),
            "evaluation results, every session (admin)": _case(queries=11),
        },
    }


@pytest.fixture
def results() -> dict:
    run = {
        "database": {"vendor": "sqlite", "version": "3.40"},
        "sizes": {"small": _size(60), "large": _size(600)},
    }
    return {
        "date": "2026-11-22",
        "machine": {"cores": 2, "cpu": "test", "python": "3.11"},
        "databases": {"sqlite": run, "postgresql": copy.deepcopy(run)},
    }


def _large(results: dict, database: str = "sqlite") -> dict:
    return results["databases"][database]["sizes"]["large"]


def test_budgets_hold(results):
    assert budget_failures(results) == []


def test_budget_query_count_growing_with_the_data(results):
    _large(results, "postgresql")["cases"]["program.pdf"]["queries"] = 5

    assert budget_failures(results) == [
        "postgresql: program.pdf runs 4 queries at 60 sessions but 5 at 600"
    ]


@pytest.mark.parametrize(
    ("name", "ratio", "limit"),
    [("schedule.json (c3voc)", 3.1, 3.0), ("schedule.ics (whole conference)", 4.2, 4.0)],
)
def test_budget_export_slower_than_its_floor_allows(results, name, ratio, limit):
    _large(results)["cases"][name]["floor_ratio"] = ratio

    assert budget_failures(results) == [
        f"sqlite: {name} takes {ratio}× its floor (budget: {limit}×)"  # noqa: RUF001 - the multiplication sign is the ratio sign of the report
    ]


def test_budget_revalidation_in_more_than_two_queries(results):
    for size in results["databases"]["sqlite"]["sizes"].values():
        size["cases"]["schedule.ics revalidation (304)"]["queries"] = 3

    assert budget_failures(results) == ["sqlite: a 304 runs 3 queries (budget: 2)"]


@pytest.mark.parametrize(("ms", "mb"), [(5000.0, 25.0), (3000.0, 300.0)])
def test_budget_program_too_slow_or_too_big(results, ms, mb):
    _large(results)["cases"]["program.pdf"].update(median_ms=ms, peak_mb=mb)

    [failure] = budget_failures(results)
    assert failure.startswith("sqlite: the 600-session PDF takes")


@pytest.mark.parametrize(("small_mb", "large_mb"), [(20.0, 64.0), (10.0, 23.5)])
def test_budget_badges_too_big_or_growing_with_the_registrations(results, small_mb, large_mb):
    results["databases"]["sqlite"]["sizes"]["small"]["cases"]["badges.pdf (every registration)"][
        "peak_mb"
    ] = small_mb
    _large(results)["cases"]["badges.pdf (every registration)"]["peak_mb"] = large_mb

    [failure] = budget_failures(results)
    assert failure.startswith(f"sqlite: the badges of 8,000 registrations peak at {large_mb} MB")


def test_budget_dataset_generated_too_slowly_on_sqlite(results):
    _large(results)["generate_s"] = 61.0
    _large(results, "postgresql")["generate_s"] = 61.0  # only SQLite's is budgeted

    assert budget_failures(results) == [
        "sqlite: generating the dataset took 61.0 s (budget: under 60 s)"
    ]


def test_markdown_names_machine_databases_and_verdict(results):
    results["budget_failures"] = budget_failures(results)

    table = markdown(results)

    assert "on 2 cores (test), Python 3.11" in table
    assert table.count("| schedule.json (c3voc) | 4 |") == 2
    assert table.rstrip().endswith("Budgets: all held.")


def test_markdown_reports_the_attendance_budgets_with_their_numbers(results):
    _large(results)["cases"]["badges.pdf (every registration)"]["peak_mb"] = 31.5
    results["budget_failures"] = budget_failures(results)

    table = markdown(results)

    assert (
        "Attendance budgets (sqlite): check-in at the door 14 queries, session attendance "
        "12, evaluation results 11, each the same at 60 and 600 sessions; badges.pdf for "
        "8,000 registrations peaks at 31.5 MB (20.0 MB for 8,000), budget under 64 MB and "
        "at most 1.5× the smaller run's + 8 MB."  # noqa: RUF001 - the report's ratio sign
    ) in table


def test_readme_update_replaces_the_section(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("intro\n<!-- bench:begin -->\nold\n<!-- bench:end -->\noutro\n")

    readme_update("bench", "new\n", readme=readme)
    readme_update("bench", "newer\n", readme=readme)

    assert readme.read_text() == "intro\n<!-- bench:begin -->\nnewer\n<!-- bench:end -->\noutro\n"


def test_readme_update_without_its_section_stops(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("no markers\n")

    with pytest.raises(SystemExit, match="no <!-- bench:begin -->"):
        readme_update("bench", "new\n", readme=readme)
