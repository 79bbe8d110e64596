"""Time the printed programme of a 600-session conference (24 rooms, three days).

    .venv/bin/python bench/program_pdf.py

Builds the data with bulk_create in a throwaway SQLite database, then builds the booklet
three times and prints the time of each build, the pages, the size, the queries and the
peak memory of the process. The budget (issue 6): under 5 s and under 300 MB.
"""

import datetime
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DATABASE = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{DATABASE}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from events.exports.program_pdf import program_pdf_build  # noqa: E402
from events.models import (  # noqa: E402
    Conference,
    Room,
    Schedule,
    SessionFormat,
    Slot,
    Submission,
    SubmissionSpeaker,
    Track,
)
from members.models import CaseStudy, Member, MemberCompany  # noqa: E402

SESSIONS, ROOMS, DAYS = 600, 24, 3
STARTS = ["09:00", "09:40", "10:40", "11:20", "13:00", "13:40", "14:40", "15:20", "16:00"]
BREAKS = [("10:10", 30), ("12:00", 60), ("14:20", 20)]  # for the whole venue
WORDS = (
    "warehouse streaming lakehouse migration pipeline governance cost latency dashboard "
    "replication partition semantic layer orchestration testing lineage privacy nightly "
    "batch incremental model feature store query tagging audit access control"
).split()


def sentence(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count)).capitalize()


def build_data() -> tuple[Conference, Schedule]:
    rng = random.Random(6)  # noqa: S311 - made-up text, the same on every run
    conference = Conference.objects.create(
        name="Benchmark Users' Summit",
        slug="bench",
        year=2030,
        starts_on=datetime.date(2030, 6, 10),
        ends_on=datetime.date(2030, 6, 12),
        timezone="Europe/Amsterdam",
        venue="Congress Centre",
        welcome_text=sentence(rng, 120),
    )
    rooms = Room.objects.bulk_create(
        Room(conference=conference, name=f"Room {n + 1}", capacity=100, order=n)
        for n in range(ROOMS)
    )
    palette = ["#2b6cb0", "#2f855a", "#b7791f", "#9c4221", "#6b46c1", "#2c7a7b"]
    tracks = Track.objects.bulk_create(
        Track(conference=conference, name=f"Track {n + 1}", slug=f"t{n}", colour=c, order=n)
        for n, c in enumerate(palette)
    )
    talk = SessionFormat.objects.create(
        conference=conference, name="Case study", slug="case-study", duration_minutes=30
    )
    companies = MemberCompany.objects.bulk_create(
        MemberCompany(name=f"Company {n:03d}", slug=f"company-{n}", industry="other", country="NL")
        for n in range(80)
    )
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            username=f"speaker{n}", first_name=f"First{n}", last_name=f"Speaker{n:04d}"
        )
        for n in range(900)
    )
    members = Member.objects.bulk_create(
        Member(user=user, company=companies[n % len(companies)]) for n, user in enumerate(users)
    )
    studies = CaseStudy.objects.bulk_create(
        CaseStudy(
            company=companies[n],
            title=sentence(rng, 5),
            slug=f"study-{n}",
            industry="other",
            challenge="-",
            solution="-",
            results=sentence(rng, 18),
            state="published",
            published_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
        )
        for n in range(40)
    )
    submissions = Submission.objects.bulk_create(
        Submission(
            conference=conference,
            title=sentence(rng, rng.randint(4, 14)),
            abstract=sentence(rng, rng.randint(40, 110)),
            format=talk,
            track=tracks[n % len(tracks)],
            state="accepted",
            case_study=studies[n] if n < len(studies) else None,
        )
        for n in range(SESSIONS)
    )
    SubmissionSpeaker.objects.bulk_create(
        SubmissionSpeaker(
            submission=submission,
            member=members[(n * 3 + k) % len(members)],
            is_primary=k == 0,
            order=k,
        )
        for n, submission in enumerate(submissions)
        for k in range(1 + n % 3)
    )
    release = Schedule.objects.create(
        conference=conference,
        version="1.0",
        released_at=datetime.datetime(2030, 5, 1, tzinfo=datetime.UTC),
    )
    slots, index = [], 0
    for day in conference.days:
        for clock, minutes in BREAKS:
            start = datetime.datetime.combine(
                day, datetime.time.fromisoformat(clock), tzinfo=conference.tz
            )
            slots.append(
                Slot(
                    schedule=release,
                    kind="break",
                    title="Lunch" if minutes == 60 else "Coffee break",
                    start=start,
                    end=start + datetime.timedelta(minutes=minutes),
                )
            )
        for clock in STARTS:
            for room in rooms:
                if index >= SESSIONS:
                    break
                start = datetime.datetime.combine(
                    day, datetime.time.fromisoformat(clock), tzinfo=conference.tz
                )
                slots.append(
                    Slot(
                        schedule=release,
                        kind="talk",
                        room=room,
                        submission=submissions[index],
                        start=start,
                        end=start + datetime.timedelta(minutes=30),
                    )
                )
                index += 1
    Slot.objects.bulk_create(slots)
    return conference, release


def main() -> None:
    call_command("migrate", verbosity=0)
    conference, release = build_data()
    print(f"data: {Slot.objects.filter(kind='talk').count()} sessions in {ROOMS} rooms")
    for attempt in range(3):
        started, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            body = program_pdf_build(conference=conference, schedule=release)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        pages = body.count(b"/Type /Page\n")
        print(
            f"build {attempt + 1}: {elapsed:.2f} s ({cpu:.2f} s CPU), {pages} pages, "
            f"{len(body) // 1024} KB, {len(queries)} queries"
        )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process (data, Django and three builds): {peak:.0f} MB")
    Path(os.environ.get("BENCH_PDF", DATABASE.with_suffix(".pdf"))).write_bytes(body)
    print(f"booklet: {os.environ.get('BENCH_PDF', DATABASE.with_suffix('.pdf'))}")


if __name__ == "__main__":
    main()
