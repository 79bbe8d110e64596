"""The load test's report (bench/loadtest_report.py): the table, the JSON file, the merged
percentiles of runs side by side, and the failure on any error."""

import json
import sys

from bench import loadtest_report


def _wrk_result(*, requests: int, latency_us: int, status_errors: int = 0) -> dict:
    return {
        "duration_us": 30_000_000,
        "requests": requests,
        "bytes": requests * 1000,
        "errors": {"connect": 0, "read": 0, "write": 0, "status": status_errors, "timeout": 0},
        "latency_us": {
            "p50": latency_us,
            "p95": latency_us,
            "p99": latency_us,
            "max": latency_us,
            "quantiles": [latency_us] * 1000,
        },
    }


def _run(monkeypatch, tmp_path, results: dict[str, dict]) -> tuple[int, dict]:
    argv = ["loadtest_report.py", "--out", str(tmp_path / "loadtest.json")]
    for n, (url, result) in enumerate(results.items()):
        path = tmp_path / f"wrk-{n}.json"
        path.write_text(json.dumps(result))
        argv += ["--result", url, str(path)]
    readme = tmp_path / "README.md"
    readme.write_text("# Numbers\n\n<!-- loadtest:begin -->\nold\n<!-- loadtest:end -->\n")
    argv += ["--machine", "cores", "2", "--readme", str(readme)]
    monkeypatch.setattr(sys, "argv", argv)
    status = loadtest_report.main()
    return status, json.loads((tmp_path / "loadtest.json").read_text())


def test_loadtest_report_merges_the_runs_by_their_requests(monkeypatch, tmp_path, capsys):
    fast = _wrk_result(requests=400, latency_us=10_000)
    slow = _wrk_result(requests=600, latency_us=2_000_000)

    status, report = _run(monkeypatch, tmp_path, {"/fast": fast, "/slow": slow})

    assert status == 0
    assert report["machine"] == {"cores": "2"}
    assert [row["rps"] for row in report["urls"]] == [13.3, 20.0]
    total = report["total"]
    assert (total["requests"], total["rps"], total["errors"]) == (1000, 33.3, 0)
    # Six requests in ten were slow, although each run has as many quantiles.
    assert (total["p50_ms"], total["p95_ms"], total["p99_ms"]) == (2000.0, 2000.0, 2000.0)
    assert loadtest_report._merged_percentile([fast, slow], 30) == 10_000
    assert "| /slow | 600 | 20.0 | 2000.0 | 2000.0 | 2000.0 | 0 |" in capsys.readouterr().out
    readme = (tmp_path / "README.md").read_text()
    assert "old" not in readme
    assert "| /slow | 600 | 20.0 | 2000.0 | 2000.0 | 2000.0 | 0 |" in readme
    assert readme.startswith("# Numbers\n\n<!-- loadtest:begin -->\n")


def test_loadtest_report_fails_on_an_error_answer(monkeypatch, tmp_path, caplog):
    status, report = _run(
        monkeypatch,
        tmp_path,
        {
            "/ok": _wrk_result(requests=100, latency_us=10_000),
            "/broken": _wrk_result(requests=100, latency_us=10_000, status_errors=1),
        },
    )

    assert status == 1
    assert report["total"]["errors"] == 1
    assert "FAILED" in caplog.text


def test_loadtest_report_fails_when_a_url_got_no_answer(monkeypatch, tmp_path):
    status, report = _run(
        monkeypatch,
        tmp_path,
        {
            "/ok": _wrk_result(requests=100, latency_us=10_000),
            "/stuck": _wrk_result(requests=0, latency_us=0),
        },
    )

    assert status == 1
    assert report["total"]["errors"] == 0
