"""The benchmark's users' group: a big vendor's, generated with bulk inserts.

At `scale=1`: 2,000 member companies with a membership each, 12,000 people, 400 case
studies, and a four-day conference in 24 rooms with 3,000 submissions reviewed five times
each, 600 sessions (and the venue's breaks) in a released schedule whose working copy the
agenda builder edits, and 8,000 registrations with 15 starred sessions each. `scale=0.1`
is the same group a tenth the size (60 sessions), to show that query counts do not grow
with the data. A second conference, next year's, has its call for papers open.

Rows the measurements read through services are made the way the services make them
(the release by `schedule_release`); the bulk of plain rows is inserted with bulk_create,
so a dataset takes seconds, not minutes. Text is made up but the same on every run.
"""

import datetime
import itertools
import random
import uuid
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from events.models import (
    AgendaItem,
    Conference,
    Evaluation,
    Registration,
    Review,
    Room,
    Schedule,
    SessionFormat,
    Slot,
    Submission,
    SubmissionSpeaker,
    Track,
)
from events.schedule.services import schedule_release
from members.models import (
    CaseStudy,
    Industry,
    Member,
    MemberCompany,
    Membership,
    MembershipTier,
)
from members.roles import ORGANIZERS, PROGRAM_COMMITTEE

State = Submission.State

COMPANIES = 2_000
PEOPLE = 12_000
CASE_STUDIES = 400
SUBMISSIONS = 3_000
REVIEWS_PER_SUBMISSION = 5
SESSIONS = 600
REGISTRATIONS = 8_000
STARS_PER_REGISTRATION = 15
EVALUATING = 10  # one registration in this many evaluates the sessions it starred
REVIEWERS = 60
ROOMS = 24
DAYS = 4
BATCH = 2_000
# Talks of 45 minutes on the hour, with lunch and an afternoon coffee break for everyone.
TALK_STARTS = ("09:00", "10:00", "11:00", "13:00", "14:00", "15:30", "16:30")
TALK_MINUTES = 45
BREAKS = (("12:00", 60, "meal", "Lunch"), ("15:00", 30, "break", "Coffee break"))

WORDS = (
    "warehouse streaming lakehouse migration pipeline governance cost latency dashboard "
    "replication partition semantic layer orchestration testing lineage privacy nightly "
    "batch incremental model feature store query tagging audit access control forecast "
    "retail banking telecom logistics clinical energy catalogue observability"
).split()
FIRST_NAMES = (
    "Anna Björn Chloé Dmitri Eva Farid Grete Håkon Ines Jonas Katarzyna Lars Maëlle Nikos "
    "Olga Pieter Quentin Rosa Søren Tomás Ulla Vera Wojciech Xenia Yusuf Zoë"
).split()
LAST_NAMES = (
    "Østergaard Whitman Hughes Laurent Virtanen Evans de Graaf Novák Papadopoulos Ivanova "
    "García Müller Rossi Kowalski Nakamura O'Brien Lindqvist Fernández Dubois Smirnov"
).split(" ")


@dataclass
class Dataset:
    """What the measurements need to find again: the conference, its release and working
    copy, and people in each role."""

    conference: Conference
    release: Schedule
    working: Schedule
    next_conference: Conference
    organizer: object
    speaker: Member
    registration: Registration
    counts: dict[str, int]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def _scaled(count: int, scale: float) -> int:
    return max(1, round(count * scale))


def dataset_build(*, scale: float = 1.0, seed: int = 10) -> Dataset:
    """Fill an empty database with the benchmark's group at `scale` (1 or 0.1)."""
    rng = random.Random(seed)  # noqa: S311 - made-up data, the same on every run
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        organizers, _ = Group.objects.get_or_create(name=ORGANIZERS)
        committee, _ = Group.objects.get_or_create(name=PROGRAM_COMMITTEE)
        tiers = [
            MembershipTier.objects.create(
                name=name, annual_dues=dues, seats=seats, conference_passes=passes, order=n
            )
            for n, (name, dues, seats, passes) in enumerate(
                (("Community", 0, 5, 1), ("Standard", 5000, 20, 4), ("Enterprise", 20000, 200, 20))
            )
        ]
        companies = _companies(rng, _scaled(COMPANIES, scale))
        Membership.objects.bulk_create(
            (
                Membership(
                    company=company,
                    tier=tiers[1 + n % 2],
                    starts_on=today - datetime.timedelta(days=100),
                    ends_on=today + datetime.timedelta(days=265),
                    dues=tiers[1 + n % 2].annual_dues,
                    paid_on=today - datetime.timedelta(days=90),
                    state=Membership.State.ACTIVE,
                )
                for n, company in enumerate(companies)
            ),
            batch_size=BATCH,
        )
        users, members = _people(rng, companies, _scaled(PEOPLE, scale))
        organizer = users[0]
        organizer.is_staff = True
        organizer.save(update_fields=["is_staff"])
        organizer.groups.add(organizers)
        reviewers = users[1 : 1 + REVIEWERS]
        committee.user_set.add(*reviewers)
        studies = _case_studies(rng, companies, members, _scaled(CASE_STUDIES, scale))
        conference, next_conference = _conferences(rng, today, now)
        submissions = _submissions(
            rng, conference, members[1 + REVIEWERS :], studies, _scaled(SUBMISSIONS, scale)
        )
        Review.objects.bulk_create(
            (
                Review(
                    submission=submission,
                    reviewer=reviewer,
                    score=rng.randint(1, 5),
                    comment=_sentence(rng, 12),
                )
                for submission in submissions
                for reviewer in rng.sample(reviewers, REVIEWS_PER_SUBMISSION)
            ),
            batch_size=BATCH,
        )
        sessions = _scaled(SESSIONS, scale)
        working = _working_copy(conference, submissions, sessions)
        release = schedule_release(conference=conference, version="1.0", actor=organizer, now=now)
        registrations = _registrations(
            rng, conference, users, release, _scaled(REGISTRATIONS, scale)
        )
    speaker = (
        Member.objects.select_related("user", "company")
        .filter(company__isnull=False)
        .exclude(user__in=[organizer, *reviewers])
        .order_by("pk")
        .first()
    )
    assert speaker is not None, "the dataset has members at companies"
    return Dataset(
        conference=conference,
        release=release,
        working=working,
        next_conference=next_conference,
        organizer=organizer,
        speaker=speaker,
        registration=registrations[0],
        counts={
            "companies": len(companies),
            "people": len(members),
            "case studies": len(studies),
            "submissions": len(submissions),
            "reviews": Review.objects.count(),
            "sessions": sessions,
            "slots released": release.slots.count(),
            "registrations": len(registrations),
            "starred sessions": AgendaItem.objects.count(),
            "evaluations": Evaluation.objects.count(),
        },
    )


def _companies(rng: random.Random, count: int) -> list[MemberCompany]:
    industries = [value for value, _ in Industry.choices]
    countries = ["NL", "DE", "FR", "GB", "US", "SE", "PL", "GR", "JP", "BR", "IN", "CA"]
    return MemberCompany.objects.bulk_create(
        (
            MemberCompany(
                name=f"{rng.choice(LAST_NAMES)} {rng.choice(WORDS).capitalize()} {n:04d}",
                slug=f"company-{n:04d}",
                industry=industries[n % len(industries)],
                country=countries[n % len(countries)],
                website=f"https://company-{n:04d}.example.com/",
                description=_sentence(rng, 30),
                directory_opt_in=n % 3 != 0,
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )


def _people(rng: random.Random, companies: list[MemberCompany], count: int):
    user_model = get_user_model()
    users = user_model.objects.bulk_create(
        (
            user_model(
                username=f"person{n:05d}",
                email=f"person{n:05d}@{companies[n % len(companies)].slug}.example.com",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                password=UNUSABLE_PASSWORD_PREFIX,  # nobody logs in with a password
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )
    members = Member.objects.bulk_create(
        (
            Member(
                user=user,
                company=companies[n % len(companies)],
                job_title=_sentence(rng, 3),
                bio=_sentence(rng, 40),
                public_profile=n % 4 != 0,
                is_primary_contact=n < len(companies),
            )
            for n, user in enumerate(users)
        ),
        batch_size=BATCH,
    )
    return users, members


def _case_studies(rng, companies, members, count: int) -> list[CaseStudy]:
    published = timezone.now() - datetime.timedelta(days=30)
    return CaseStudy.objects.bulk_create(
        (
            CaseStudy(
                company=companies[n % len(companies)],
                author=members[n % len(companies)],
                title=_sentence(rng, 7),
                slug=f"case-study-{n:04d}",
                industry=companies[n % len(companies)].industry,
                challenge=_sentence(rng, 60),
                solution=_sentence(rng, 80),
                results=_sentence(rng, 25),
                state=CaseStudy.State.PUBLISHED if n % 10 else CaseStudy.State.DRAFT,
                published_at=published if n % 10 else None,
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )


def _conferences(rng: random.Random, today: datetime.date, now: datetime.datetime):
    starts = today + datetime.timedelta(days=120)
    conference = Conference.objects.create(
        name="Benchmark Users' Summit",
        slug="benchmark-summit",
        year=starts.year,
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=DAYS - 1),
        timezone="Europe/Amsterdam",
        venue="Congress Centre",
        venue_address="Piet Heinkade 155\n1019 HC Amsterdam",
        welcome_text=_sentence(rng, 120),
        cfp_text=_sentence(rng, 60),
        cfp_opens_at=now - datetime.timedelta(days=200),
        cfp_closes_at=now - datetime.timedelta(days=100),
    )
    Room.objects.bulk_create(
        Room(conference=conference, name=f"Room {n + 1}", capacity=100 + 10 * n, order=n)
        for n in range(ROOMS)
    )
    palette = ["#2b6cb0", "#2f855a", "#b7791f", "#9c4221", "#6b46c1", "#2c7a7b"]
    Track.objects.bulk_create(
        Track(
            conference=conference, name=f"Track {n + 1}", slug=f"track-{n + 1}", colour=c, order=n
        )
        for n, c in enumerate(palette)
    )
    SessionFormat.objects.create(
        conference=conference, name="Case study", slug="case-study", duration_minutes=TALK_MINUTES
    )
    following = starts.replace(year=starts.year + 1)
    next_conference = Conference.objects.create(
        name="Benchmark Users' Summit, next year",
        slug="benchmark-summit-next",
        year=following.year,
        starts_on=following,
        ends_on=following + datetime.timedelta(days=DAYS - 1),
        timezone="Europe/Amsterdam",
        venue="Congress Centre",
        cfp_text=_sentence(rng, 60),
        cfp_opens_at=now - datetime.timedelta(days=10),
        cfp_closes_at=now + datetime.timedelta(days=60),
    )
    Track.objects.create(conference=next_conference, name="Track 1", slug="track-1", order=0)
    SessionFormat.objects.create(
        conference=next_conference, name="Case study", slug="case-study", duration_minutes=30
    )
    return conference, next_conference


def _submissions(rng, conference, speakers: list[Member], studies, count: int) -> list[Submission]:
    tracks = list(conference.tracks.all())
    talk = conference.formats.get()
    sessions = _scaled(SESSIONS, count / SUBMISSIONS)
    others = itertools.cycle([State.SUBMITTED, State.REJECTED, State.REJECTED, State.WITHDRAWN])
    submitted_at = timezone.now() - datetime.timedelta(days=150)
    submissions = Submission.objects.bulk_create(
        (
            Submission(
                conference=conference,
                title=_sentence(rng, rng.randint(4, 12)),
                abstract=_sentence(rng, rng.randint(60, 160))[:1500],
                outline=_sentence(rng, 40),
                format=talk,
                track=tracks[n % len(tracks)],
                case_study=studies[n] if n < len(studies) and n % 3 == 0 else None,
                state=(State.CONFIRMED if n % 2 else State.ACCEPTED)
                if n < sessions
                else next(others),
                submitted_at=submitted_at,
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )
    SubmissionSpeaker.objects.bulk_create(
        (
            SubmissionSpeaker(
                submission=submission,
                member=speakers[(n * 3 + k) % len(speakers)],
                is_primary=k == 0,
                order=k,
            )
            for n, submission in enumerate(submissions)
            for k in range(1 + n % 3)
        ),
        batch_size=BATCH,
    )
    return submissions


def _working_copy(conference: Conference, submissions, sessions: int) -> Schedule:
    """The working schedule: `sessions` talks spread over the days and rooms (every person
    speaks in one talk at most, so nobody is in two places at once) and the venue's
    breaks."""
    working = Schedule.objects.create(conference=conference, version="")
    rooms = list(conference.rooms.order_by("order"))
    places = [
        (day, clock, room) for clock in TALK_STARTS for day in conference.days for room in rooms
    ]
    places.sort(key=lambda place: (place[0], place[1], place[2].order))
    # Round-robin over the days so that a small dataset still fills every day.
    by_day = {day: [p for p in places if p[0] == day] for day in conference.days}
    order = [p for group in itertools.zip_longest(*by_day.values()) for p in group if p]
    slots = []
    for submission, (day, clock, room) in zip(submissions[:sessions], order, strict=False):
        start = datetime.datetime.combine(
            day, datetime.time.fromisoformat(clock), tzinfo=conference.tz
        )
        slots.append(
            Slot(
                schedule=working,
                kind=Slot.Kind.TALK,
                room=room,
                submission=submission,
                start=start,
                end=start + datetime.timedelta(minutes=TALK_MINUTES),
            )
        )
    for day in conference.days:
        for clock, minutes, kind, title in BREAKS:
            start = datetime.datetime.combine(
                day, datetime.time.fromisoformat(clock), tzinfo=conference.tz
            )
            slots.append(
                Slot(
                    schedule=working,
                    kind=kind,
                    title=title,
                    start=start,
                    end=start + datetime.timedelta(minutes=minutes),
                )
            )
    Slot.objects.bulk_create(slots, batch_size=BATCH)
    return working


def _registrations(rng, conference, users, release: Schedule, count: int) -> list[Registration]:
    talks = list(release.slots.filter(kind=Slot.Kind.TALK).values_list("uid", flat=True))
    registrations = Registration.objects.bulk_create(
        (
            Registration(
                conference=conference,
                user=user,
                pass_type=Registration.PassType.MEMBER,
                calendar_token=uuid.UUID(int=rng.getrandbits(128)).hex,
            )
            for user in users[:count]
        ),
        batch_size=BATCH,
    )
    stars = [
        (registration, uid)
        for registration in registrations
        for uid in rng.sample(talks, min(STARS_PER_REGISTRATION, len(talks)))
    ]
    AgendaItem.objects.bulk_create(
        (AgendaItem(registration=registration, slot_uid=uid) for registration, uid in stars),
        batch_size=BATCH * 5,
    )
    # One attendee in EVALUATING evaluates every session they starred.
    Evaluation.objects.bulk_create(
        (
            Evaluation(
                registration=registration,
                slot_uid=uid,
                content_rating=rng.randint(1, 5),
                speaker_rating=rng.randint(1, 5),
                comment=_sentence(rng, 12) if rng.random() < 0.3 else "",
            )
            for registration, uid in stars
            if registration.pk % EVALUATING == 0
        ),
        batch_size=BATCH * 5,
    )
    return registrations
