"""`make bench` (`python -m bench`): measure on SQLite, and on PostgreSQL when DATABASE_URL
names a PostgreSQL database; check the budgets; write bench/results.json, bench/results.md
and the Performance section of the README. Exits 1 when a budget is broken.

Each database is measured in a process of its own (bench/measure.py), in databases it
makes and drops itself: never in the one DATABASE_URL names.
"""

import datetime
import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.readme import readme_update

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# The budgets (issue 10). A ratio is the median of the export through the whole stack over
# the median of its floor (bench/floors.py), both measured in the same run.
logger = logging.getLogger("bench")

GENERATE_SECONDS = 60
FLOOR_RATIOS = {"schedule.json (c3voc)": 3.0, "schedule.ics (whole conference)": 4.0}
REVALIDATION = "schedule.ics revalidation (304)"
REVALIDATION_QUERIES = 2
PDF = "program.pdf"
PDF_MS, PDF_MB = 5000, 300
# The bulk badge PDF streams: its peak resident memory at 8,000 registrations stays under
# BADGES_MB and within BADGES_GROWTH of its peak at 800 (plus a few MB of slack).
BADGES = "badges.pdf (every registration)"
BADGES_MB = 64
BADGES_GROWTH, BADGES_SLACK_MB = 1.5, 8
# Issue 19's budgets in constant queries: each of these runs as many queries on the large
# dataset as on the small one (checked for every case); the report names them with the badges.
ATTENDANCE_CASES = {
    "check-in at the door (POST)": "check-in at the door",
    "session attendance (POST, repeat scan)": "session attendance",
    "evaluation results, every session (admin)": "evaluation results",
}


# Composing a mailing to every person (12,000) queues in under MAILING_MS, and apart from its
# bulk INSERTs (one per batch of rows on SQLite) in the same number of queries as to 1,200.
MAILING = "mailing to everyone (composer, send now)"
MAILING_MS = 5000


def _measure(label: str, database_url: str | None) -> dict:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / f"{label}.json"
        subprocess.run(  # noqa: S603 - this interpreter and a fixed module, no user input
            [sys.executable, "-m", "bench.measure", str(out)], cwd=ROOT, env=env, check=True
        )
        return json.loads(out.read_text())


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def budget_failures(results: dict) -> list[str]:
    """Every broken budget, in words."""
    failures = []
    for label, run in results["databases"].items():
        small, large = run["sizes"]["small"], run["sizes"]["large"]
        if label == "sqlite" and large["generate_s"] >= GENERATE_SECONDS:
            failures.append(
                f"{label}: generating the dataset took {large['generate_s']} s "
                f"(budget: under {GENERATE_SECONDS} s)"
            )
        for name, case in large["cases"].items():
            few = small["cases"][name]["queries"]
            if name == MAILING:
                few -= small["cases"][name]["inserts"]
                if case["queries"] - case["inserts"] != few:
                    failures.append(
                        f"{label}: {name} runs {few} queries besides its INSERTs for "
                        f"{small['counts']['people']:,} people but "
                        f"{case['queries'] - case['inserts']} for {large['counts']['people']:,}"
                    )
                if case["median_ms"] >= MAILING_MS:
                    failures.append(
                        f"{label}: {name} to {large['counts']['people']:,} people takes "
                        f"{case['median_ms']:.0f} ms (budget: under {MAILING_MS} ms)"
                    )
                continue
            if case["queries"] != few:
                failures.append(
                    f"{label}: {name} runs {few} queries at {small['counts']['sessions']} "
                    f"sessions but {case['queries']} at {large['counts']['sessions']}"
                )
        for name, limit in FLOOR_RATIOS.items():
            ratio = large["cases"][name]["floor_ratio"]
            if ratio > limit:
                failures.append(f"{label}: {name} takes {ratio}× its floor (budget: {limit}×)")  # noqa: RUF001 - the multiplication sign is the ratio sign of the report
        queries = large["cases"][REVALIDATION]["queries"]
        if queries > REVALIDATION_QUERIES:
            failures.append(
                f"{label}: a 304 runs {queries} queries (budget: {REVALIDATION_QUERIES})"
            )
        pdf = large["cases"][PDF]
        if pdf["median_ms"] >= PDF_MS or pdf["peak_mb"] >= PDF_MB:
            failures.append(
                f"{label}: the {large['counts']['sessions']}-session PDF takes "
                f"{pdf['median_ms']:.0f} ms and {pdf['peak_mb']} MB "
                f"(budget: under {PDF_MS} ms and {PDF_MB} MB)"
            )
        badges, few_badges = large["cases"][BADGES], small["cases"][BADGES]
        grown = badges["peak_mb"] > few_badges["peak_mb"] * BADGES_GROWTH + BADGES_SLACK_MB
        if badges["peak_mb"] >= BADGES_MB or grown:
            failures.append(
                f"{label}: the badges of {large['counts']['registrations']:,} registrations "
                f"peak at {badges['peak_mb']} MB ({few_badges['peak_mb']} MB for "
                f"{small['counts']['registrations']:,}; budget: under {BADGES_MB} MB, and "
                f"at most {BADGES_GROWTH}× the smaller run's + {BADGES_SLACK_MB} MB)"  # noqa: RUF001 - the multiplication sign is the ratio sign of the report
            )
    return failures


def _number(value, digits: int = 0) -> str:
    return "" if value is None else f"{value:,.{digits}f}"


def markdown(results: dict) -> str:
    machine = results["machine"]
    lines = [
        f"Measured {results['date']} on {machine['cores']} cores ({machine['cpu']}), "
        f"Python {machine['python']}, by `make bench`. Each request goes through Django's "
        "whole stack in one process with empty caches (a first render after a release); "
        "ms are the median of repeated runs, queries are counted at "
        f"{_sizes(results)} sessions and must be equal, ×floor is the ratio to the same "  # noqa: RUF001 - the multiplication sign is the ratio sign of the report
        "rows fetched with one `.values()` query and written without Django "
        "(bench/floors.py; budgets: schedule.json 3×, schedule.ics 4×, the others shown).",  # noqa: RUF001 - the multiplication sign is the ratio sign of the report
        "",
    ]
    for run in results["databases"].values():
        small, large = run["sizes"]["small"], run["sizes"]["large"]
        database = run["database"]
        counts = large["counts"]
        lines += [
            f"**{database['vendor']} {database['version']}**: {counts['companies']:,} companies, "
            f"{counts['people']:,} people, {counts['sessions']} sessions in 24 rooms, "
            f"{counts['submissions']:,} submissions, {counts['registrations']:,} "
            f"registrations with {counts['starred sessions']:,} stars, generated in "
            f"{large['generate_s']} s.",
            "",
            "| request | queries | ms (60 sessions) | ms (600) | min ms (600) | peak MB | ×floor |",  # noqa: RUF001 - the multiplication sign is the ratio sign of the report
            "|---|--:|--:|--:|--:|--:|--:|",
        ]
        for name, case in large["cases"].items():
            lines.append(
                f"| {name} | {case['queries']} "
                f"| {_number(small['cases'][name]['median_ms'], 1)} "
                f"| {_number(case['median_ms'], 1)} | {_number(case['min_ms'], 1)} "
                f"| {_number(case.get('peak_mb'), 1)} | {_number(case.get('floor_ratio'), 2)} |"
            )
        lines += [_attendance_budgets(run), ""]
    failures = results["budget_failures"]
    lines.append(
        "Budgets: " + ("all held." if not failures else "BROKEN: " + "; ".join(failures) + ".")
    )
    return "\n".join(lines) + "\n"


def _attendance_budgets(run: dict) -> str:
    """Issue 19's budgets, each with this run's numbers."""
    small, large = run["sizes"]["small"], run["sizes"]["large"]
    queries = [
        f"{short} {large['cases'][name]['queries']}" + (" queries" if not index else "")
        for index, (name, short) in enumerate(ATTENDANCE_CASES.items())
        if name in large["cases"]
    ]
    constant = all(
        large["cases"][name]["queries"] == small["cases"][name]["queries"]
        for name in ATTENDANCE_CASES
        if name in large["cases"]
    )
    badges, few_badges = large["cases"][BADGES], small["cases"][BADGES]
    return (
        f"Attendance budgets ({run['database']['vendor']}): {', '.join(queries)}, "
        + ("each the same" if constant else "NOT the same")
        + f" at {small['counts']['sessions']} and {large['counts']['sessions']} sessions; "
        f"badges.pdf for {large['counts']['registrations']:,} registrations peaks at "
        f"{badges['peak_mb']:.1f} MB ({few_badges['peak_mb']:.1f} MB for "
        f"{small['counts']['registrations']:,}), budget under {BADGES_MB} MB and at most "
        f"{BADGES_GROWTH}× the smaller run's + {BADGES_SLACK_MB} MB."  # noqa: RUF001 - the multiplication sign is the ratio sign of the report
    )


def _sizes(results: dict) -> str:
    run = next(iter(results["databases"].values()))
    return " and ".join(str(run["sizes"][size]["counts"]["sessions"]) for size in run["sizes"])


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    databases: dict[str, str | None] = {"sqlite": None}
    if database_url.startswith(("postgres://", "postgresql://")):
        databases["postgresql"] = database_url
    results = {
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "machine": {
            "cores": os.cpu_count(),
            "cpu": _cpu(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "databases": {label: _measure(label, url) for label, url in databases.items()},
    }
    results["budget_failures"] = budget_failures(results)
    table = markdown(results)
    (HERE / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    (HERE / "results.md").write_text(table)
    readme_update("bench", table)
    sys.stdout.write(table)  # the report is the program's output
    for failure in results["budget_failures"]:
        logger.error("bench: budget broken: %s", failure)
    return 1 if results["budget_failures"] else 0


if __name__ == "__main__":
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    sys.exit(main())
