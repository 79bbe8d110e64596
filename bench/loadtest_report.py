"""The load test's report: a markdown table on stdout and the numbers in a JSON file.

    python -m bench.loadtest_report --out bench/loadtest.json \
        --result URL WRK_JSON [--result ...] [--machine KEY VALUE ...] [--setup KEY VALUE ...]

Each WRK_JSON is what bench/loadtest.lua wrote for one URL's wrk process; the processes ran
side by side, so the total row adds their rates and merges their latency quantiles. Exits
with 1 when any request failed (an answer of 400 or above, a socket error or a timeout) or a
URL got no answer at all. The table, with the machine and the date, also goes into the
README's Performance section.
"""

import argparse
import json
import logging
import sys
from pathlib import Path

from bench.readme import README, readme_update

logger = logging.getLogger("bench")


def _ms(microseconds: float) -> float:
    return round(microseconds / 1000, 1)


def _row(url: str, result: dict) -> dict:
    seconds = result["duration_us"] / 1_000_000
    latency = result["latency_us"]
    return {
        "url": url,
        "requests": result["requests"],
        "rps": round(result["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": _ms(latency["p50"]),
        "p95_ms": _ms(latency["p95"]),
        "p99_ms": _ms(latency["p99"]),
        "max_ms": _ms(latency["max"]),
        "errors": sum(result["errors"].values()),
        "error_kinds": result["errors"],
        "megabytes": round(result["bytes"] / 1_000_000, 1),
    }


def _merged_percentile(results: list[dict], percent: float) -> float:
    """The percentile of all requests together: each of a run's quantiles stands for an
    equal share of that run's requests."""
    points = sorted(
        (value, result["requests"] / len(result["latency_us"]["quantiles"]))
        for result in results
        for value in result["latency_us"]["quantiles"]
    )
    total = sum(weight for _, weight in points)
    seen = 0.0
    for value, weight in points:
        seen += weight
        if seen >= total * percent / 100:
            return value
    return points[-1][0] if points else 0.0


def _total(results: list[dict], rows: list[dict]) -> dict:
    return {
        "url": "all",
        "requests": sum(row["requests"] for row in rows),
        "rps": round(sum(row["rps"] for row in rows), 1),
        "p50_ms": _ms(_merged_percentile(results, 50)),
        "p95_ms": _ms(_merged_percentile(results, 95)),
        "p99_ms": _ms(_merged_percentile(results, 99)),
        "max_ms": max(row["max_ms"] for row in rows),
        "errors": sum(row["errors"] for row in rows),
        "megabytes": round(sum(row["megabytes"] for row in rows), 1),
    }


def markdown(report: dict) -> str:
    machine, setup = report["machine"], report["setup"]
    lines = [
        f"Load test of {machine.get('date', '')[:10]} on {machine.get('cores')} cores "
        f"({machine.get('cpu')}), Python {machine.get('python')}, PostgreSQL "
        f"{machine.get('postgresql')}, Redis {machine.get('redis')}: gunicorn "
        f"{setup.get('gunicorn')}, {setup.get('duration')} of wrk {machine.get('wrk')} with "
        f"{setup.get('connections')}, on the same machine.",
        "",
        "| URL | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in [*report["urls"], report["total"]]:
        lines.append(
            f"| {row['url']} | {row['requests']:,} | {row['rps']:,} | {row['p50_ms']} "
            f"| {row['p95_ms']} | {row['p99_ms']} | {row['errors']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--result", nargs=2, action="append", metavar=("URL", "FILE"))
    parser.add_argument("--machine", nargs=2, action="append", default=[])
    parser.add_argument("--setup", nargs=2, action="append", default=[])
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args()

    results = [json.loads(Path(path).read_text()) for _, path in args.result]
    rows = [_row(url, result) for (url, _), result in zip(args.result, results, strict=True)]
    total = _total(results, rows)
    report = {
        "machine": dict(args.machine),
        "setup": dict(args.setup),
        "urls": rows,
        "total": total,
    }
    args.out.write_text(json.dumps(report, indent=2) + "\n")

    table = markdown(report)
    sys.stdout.write(table)  # the report is the program's output
    readme_update("loadtest", table, readme=args.readme)
    failed = total["errors"] > 0 or any(row["requests"] == 0 for row in rows)
    if failed:
        logger.error("loadtest: FAILED: requests failed or a URL got no answer")
    return 1 if failed else 0


if __name__ == "__main__":
    logging.basicConfig(format="%(message)s", level=logging.INFO)
    sys.exit(main())
