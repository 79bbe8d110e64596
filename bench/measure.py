"""Measure one database: `python -m bench.measure OUT.json` (DATABASE_URL picks it).

For each size (a tenth, then the whole benchmark group) it makes a fresh database the way
the test suite does, fills it (bench/dataset.py), and times each request through Django's
whole stack in this process: middleware, URL routing, views, templates. Each case runs once
to warm up, once with its SQL queries counted, `repeat` times with the clock running (min
and median; a case with a floor takes turns with it) and, where memory matters, once more
under tracemalloc. Caches are emptied before every run, so each is a first render after a
release, the slow path.
"""

import datetime
import gc
import json
import logging
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

SIZES = {"small": 0.1, "large": 1.0}
BADGES = "badges.pdf (every registration)"
MAILING = "mailing to everyone (composer, send now)"
RELEASE_PREVIEW = "release preview (changelog, whom it mails)"
NOTICES = "release notices (a digest per starrer and speaker)"

logger = logging.getLogger("bench")


@dataclass
class Case:
    name: str
    request: Callable  # makes the request, returns the response
    expect: int = 200
    repeat: int = 15
    prepare: Callable[[], None] = lambda: None
    memory: bool = False
    floor: Callable[[], bytes] | None = None
    floor_kind: str = ""
    # Run once only, queries counted, clock running and peak resident memory measured in
    # the same run: for a request too long to repeat (the 8,000 badges), and whose memory
    # tracemalloc would take many minutes to follow.
    single: bool = False


def _once(call: Callable, prepare: Callable) -> float:
    prepare()
    gc.collect()
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def _peak_mb(call: Callable, prepare: Callable) -> float:
    prepare()
    gc.collect()
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _resident_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"/proc/self/status has no {field}")


def _inserts(queries: list[str]) -> int:
    """How many of the queries are INSERTs: bulk inserts take one statement per batch of
    rows on SQLite (its limit of 999 parameters), so their count grows with the rows."""
    return sum(1 for sql in queries if sql.lstrip().upper().startswith("INSERT"))


def run_single(case: Case) -> dict:
    """One run of a long request; its peak is the growth of the process's resident memory
    (Linux: the high-water mark is reset first), the whole response read as a client
    would."""
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    case.prepare()
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current VmRSS
    before = _resident_kb("VmRSS")
    started = time.perf_counter()
    with connection.execute_wrapper(count):
        response = case.request()
        pieces = response.streaming_content if response.streaming else [response.content]
        size = sum(len(piece) for piece in pieces)
    elapsed = (time.perf_counter() - started) * 1000
    peak = _resident_kb("VmHWM") - before
    if response.status_code != case.expect:
        raise AssertionError(f"{case.name}: answered {response.status_code}")
    return {
        "queries": len(queries),
        "inserts": _inserts(queries),
        "min_ms": round(elapsed, 2),
        "median_ms": round(elapsed, 2),
        "runs": 1,
        "bytes": size,
        "peak_mb": round(peak / 1024, 1),
        "peak_kind": "resident",
    }


def run_case(case: Case) -> dict:
    from django.db import connection

    if case.single:
        return run_single(case)

    def call():
        response = case.request()
        if response.status_code != case.expect:
            raise AssertionError(
                f"{case.name}: answered {response.status_code}, expected {case.expect}: "
                f"{response.content[:300]!r}"
            )
        return response

    case.prepare()
    call()  # warm up: imports, fonts, compiled templates
    case.prepare()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = call()
    body = b"".join(response) if response.streaming else response.content
    if case.floor is not None:
        case.floor()  # warm up
    # The export and its floor take turns, so that a busy machine slows both alike.
    runs, floor_runs = [], []
    for _ in range(case.repeat):
        runs.append(_once(call, case.prepare))
        if case.floor is not None:
            floor_runs.append(_once(case.floor, lambda: None))
    result: dict[str, Any] = {
        "queries": len(queries),
        "inserts": _inserts(queries),
        "min_ms": round(min(runs), 2),
        "median_ms": round(statistics.median(runs), 2),
        "runs": case.repeat,
        "bytes": len(body),
    }
    if case.memory:
        result["peak_mb"] = round(_peak_mb(call, case.prepare), 1)
    if case.floor is not None:
        result["floor"] = case.floor_kind
        result["floor_median_ms"] = round(statistics.median(floor_runs), 2)
        result["floor_ratio"] = round(result["median_ms"] / result["floor_median_ms"], 2)
    return result


def _cases(data) -> list[Case]:
    from django.core.cache import cache
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from bench.floors import ical_floor, json_floor
    from events.checkin.selectors import registration_checkin_code
    from events.models import CheckIn, Conference, Schedule
    from events.models.schedule import Slot
    from events.schedule.notices import schedule_change_mails
    from events.schedule.services import _release_plan

    conference = data.conference
    slug = conference.slug
    anonymous = Client()
    speaker = Client()
    speaker.force_login(data.speaker.user)
    organizer = Client()
    organizer.force_login(data.organizer)

    def cold():
        cache.clear()

    feed = reverse("events:schedule_ics", args=[slug])
    etag = anonymous.get(feed)["ETag"]
    agenda = reverse("events:agenda_ics", args=[data.registration.calendar_token])
    starred = data.registration.agenda_items.values_list("slot_uid", flat=True)
    next_conference = data.next_conference
    submission_form = {
        "title": "Moving nightly batch to streaming without losing a row",
        "abstract": "How we moved 300 nightly jobs to streaming ingestion. " * 10,
        "outline": "Why, how, what broke, what we would do again.",
        "format": next_conference.formats.get().pk,
        "track": next_conference.tracks.get().pk,
        "audience_level": "intermediate",
        "co_speakers": "",
        "notes": "",
        "action": "submit",
    }

    def submit():
        return speaker.post(
            reverse("events:submission_new", args=[next_conference.slug]),
            {**submission_form, "creation_key": str(uuid.uuid4())},
        )

    # One talk moves five minutes later and back, alternately, as a drag on the grid does.
    moving = Slot.objects.filter(schedule=data.working, kind=Slot.Kind.TALK).order_by("pk").first()
    assert moving is not None, "the working schedule holds talks"
    move_url = reverse("admin:events_conference_agenda_move", args=[conference.pk, moving.pk])
    move: dict[str, str] = {}

    def prepare_move():
        slot = Slot.objects.get(pk=moving.pk)
        shift = 5 if slot.start == moving.start else 0
        local = (moving.start + datetime.timedelta(minutes=shift)).astimezone(conference.tz)
        end = local + (moving.end - moving.start)
        move.update(
            room=str(slot.room_id),
            start=local.strftime("%Y-%m-%dT%H:%M"),
            end=end.strftime("%Y-%m-%dT%H:%M"),
            version=slot.updated_at.isoformat(),
        )

    checkin = reverse("events:checkin", args=[slug])
    badge_code = registration_checkin_code(data.registration)
    session = Slot.objects.filter(schedule=data.release, kind=Slot.Kind.TALK).first()
    assert session is not None, "the release holds talks"

    def door_open():
        # Check-in is for the conference's days: these last cases run on a conference that
        # starts today, and each run is a badge's first scan of the day.
        today = timezone.localtime(timezone.now(), conference.tz).date()
        Conference.objects.filter(pk=conference.pk).update(
            starts_on=today, ends_on=today + datetime.timedelta(days=3)
        )
        CheckIn.objects.filter(registration=data.registration).delete()

    def mailing_to_everyone():
        # Composed and sent in the admin, then rolled back: each run queues the same mailing
        # afresh. Rolling back also drops the on-commit mail jobs, so what is timed is the
        # queuing (audience, 2 rows a person), not the sending a worker does later.
        with transaction.atomic():
            response = organizer.post(
                reverse("admin:events_mailing_add"),
                {
                    "subject": "Dear {first_name}: the agenda is out",
                    "body": "Hello {full_name} of {company},\n\nsee you at {conference}.",
                    "kind": "announcements",
                    "conference": str(conference.pk),
                    "action": "send",
                },
            )
            transaction.set_rollback(True)
        return response

    # A release after which every talk differs from version 1.0 (its description changed):
    # each starred session is news to the people who starred it, the worst case of notices.
    def everything_changed():
        cold()
        Slot.objects.filter(schedule=data.working, kind=Slot.Kind.TALK).update(
            description="Updated after 1.0"
        )

    notices: dict[str, Any] = {}

    def prepare_notices():
        everything_changed()
        # The comparison the release makes (timed in the preview case); the notices alone here.
        notices["release"] = Schedule(conference=conference, version="1.1", pk=10**9)
        notices["changes"] = _release_plan(
            conference=conference, working=data.working, release=notices["release"]
        ).changes

    def compute_notices():
        mails = schedule_change_mails(release=notices["release"], changes=notices["changes"])
        return SimpleNamespace(
            status_code=200, streaming=False, content=json.dumps(len(mails)).encode()
        )

    agenda_url = reverse("admin:events_conference_agenda", args=[conference.pk])
    first_day = conference.starts_on.isoformat()
    return [
        Case(
            "API sessions list (page of 100)",
            lambda: anonymous.get("/api/v1/sessions/", {"conference": slug}),
            prepare=cold,
            floor=lambda: json_floor(data.release, first=100),
            floor_kind="json",
        ),
        Case(
            "schedule.ics (whole conference)",
            lambda: anonymous.get(feed),
            prepare=cold,
            memory=True,
            floor=lambda: ical_floor(conference, data.release),
            floor_kind="ical",
        ),
        Case(
            "agenda.ics (15 starred sessions)",
            lambda: anonymous.get(agenda),
            prepare=cold,
            memory=True,
            floor=lambda: ical_floor(conference, data.release, uids=list(starred)),
            floor_kind="ical",
        ),
        Case(
            "schedule.xml (frab)",
            lambda: anonymous.get(reverse("events:schedule_xml", args=[slug])),
            prepare=cold,
            memory=True,
        ),
        Case(
            "schedule.json (c3voc)",
            lambda: anonymous.get(reverse("events:schedule_json", args=[slug])),
            prepare=cold,
            memory=True,
            floor=lambda: json_floor(data.release),
            floor_kind="json",
        ),
        Case(
            "program.pdf",
            lambda: anonymous.get(reverse("events:program_pdf", args=[slug])),
            prepare=cold,
            memory=True,
            repeat=3,
        ),
        Case(
            "schedule page (first day)",
            lambda: anonymous.get(reverse("events:schedule", args=[slug]), {"day": first_day}),
            prepare=cold,
        ),
        Case("CfP submission POST", submit, expect=302, prepare=cold),
        Case(
            "agenda builder day grid",
            lambda: organizer.get(
                reverse("admin:events_conference_agenda", args=[conference.pk]),
                {"day": first_day},
            ),
            prepare=cold,
            repeat=5,
        ),
        Case(
            "agenda builder slot move",
            lambda: organizer.post(move_url, move),
            prepare=prepare_move,
        ),
        Case(
            "schedule.ics revalidation (304)",
            lambda: anonymous.get(feed, HTTP_IF_NONE_MATCH=etag),
            expect=304,
            repeat=50,
        ),
        Case(
            "check-in at the door (POST)",
            lambda: organizer.post(checkin, {"code": badge_code}),
            prepare=door_open,
        ),
        Case(
            "session attendance (POST, repeat scan)",
            lambda: organizer.post(
                f"{checkin}?session={session.uid}", {"code": badge_code, "session": session.uid}
            ),
        ),
        Case(MAILING, mailing_to_everyone, expect=302, repeat=3),
        Case(
            "evaluation results, every session (admin)",
            lambda: organizer.get(reverse("admin:events_evaluation_results", args=[conference.pk])),
            prepare=cold,
            repeat=5,
        ),
        Case(
            BADGES,
            lambda: organizer.get(reverse("events:badges", args=[slug])),
            single=True,
        ),
        Case(
            RELEASE_PREVIEW,
            lambda: organizer.post(agenda_url, {"action": "release", "version": "1.1"}),
            prepare=everything_changed,
            repeat=5,
        ),
        Case(NOTICES, compute_notices, prepare=prepare_notices, repeat=3),
    ]


def _database_description() -> dict:
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        return {"vendor": "sqlite", "version": sqlite3.sqlite_version}
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return {"vendor": connection.vendor, "version": version}


def measure_size(scale: float) -> dict:
    from django.db import connection

    from bench.dataset import dataset_build

    started = time.perf_counter()
    data = dataset_build(scale=scale)
    generated = time.perf_counter() - started
    results = {}
    for case in _cases(data):
        results[case.name] = run_case(case)
        logger.info("  %s: %s", case.name, results[case.name])
    connection.close()
    return {"generate_s": round(generated, 1), "counts": data.counts, "cases": results}


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="guildhall-bench-") as directory:
        os.environ["GUILDHALL_BENCH_SQLITE"] = str(Path(directory) / "bench.sqlite3")
        measure(out)


def measure(out: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.db import connection

    report: dict[str, Any] = {"python": platform.python_version(), "sizes": {}}
    for size, scale in SIZES.items():
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            report["database"] = _database_description()
            logger.info("%s, %s dataset", report["database"]["vendor"], size)
            report["sizes"][size] = measure_size(scale)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    out.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main(Path(sys.argv[1]))
