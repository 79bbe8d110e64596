"""Build the whole demo in order, after checking that the database holds none of it, and
describe what was built.

The caller runs `demo_seed` in one transaction, and only when `demo_conference()` is None:
a second run leaves the demo, and whatever was changed in it, alone.
"""

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from demo.data.accounts import LOGINS
from demo.data.companies import COMPANIES
from demo.data.conference import CONFERENCE_SLUG
from demo.data.group import ANNOUNCEMENTS, PRODUCTS, TIERS
from demo.seed.attendees import attendees_register
from demo.seed.call_for_papers import call_for_papers_run, submissions_create
from demo.seed.case_studies import case_studies_create
from demo.seed.common import SeedError
from demo.seed.conference import summit_create
from demo.seed.members import (
    announcements_create,
    companies_create,
    memberships_create,
    people_create,
    products_create,
    tiers_create,
    usernames,
)
from demo.seed.next_conference import next_conference_create
from demo.seed.past_conference import past_conference_create
from demo.seed.pictures import pictures_create
from demo.seed.schedule import schedule_build, schedule_revise
from events.models import Conference
from members.models import Announcement, CompanyDomain, MemberCompany, MembershipTier, Product


def demo_conference() -> Conference | None:
    """This year's demo conference, if the demo has been seeded."""
    return Conference.objects.filter(slug=CONFERENCE_SLUG).first()


def _refuse_existing_rows() -> None:
    """Stop before writing if rows the demo would create are already there."""
    clashes = {
        "users": get_user_model()
        .objects.filter(username__in=[*usernames().values(), LOGINS[0][1]])
        .values_list("username", flat=True),
        "companies": MemberCompany.objects.filter(
            slug__in=[company["key"] for company in COMPANIES]
        ).values_list("slug", flat=True),
        "tiers": MembershipTier.objects.filter(
            name__in=[tier["name"] for tier in TIERS]
        ).values_list("name", flat=True),
        "e-mail domains": CompanyDomain.objects.filter(
            domain__in=[company["domain"] for company in COMPANIES]
        ).values_list("domain", flat=True),
        "announcements": Announcement.objects.filter(
            slug__in=[slug for _, slug, _, _ in ANNOUNCEMENTS]
        ).values_list("slug", flat=True),
        "products": Product.objects.filter(
            Q(slug__in=[slug for slug, _, _ in PRODUCTS])
            | Q(name__in=[name for _, name, _ in PRODUCTS])
        ).values_list("name", flat=True),
    }
    found = {kind: sorted(rows) for kind, rows in clashes.items() if rows}
    if found:
        listing = "; ".join(f"{kind}: {', '.join(rows[:5])}" for kind, rows in found.items())
        raise SeedError(
            "This database already holds rows the demo would create, but not the demo "
            f"conference ({listing}). seed_demo fills an empty database: run it on a "
            "fresh one (e.g. a new SQLite file and `manage.py migrate`)."
        )


def demo_seed(*, now: datetime.datetime) -> list[str]:
    """Build the demo with dates relative to `now`; returns a few lines saying what it built.

    Raises SeedError, having written nothing, on a database that holds some of the demo's
    rows; raises it part-way when the demo's data breaks a rule, so the caller's transaction
    must roll back.
    """
    _refuse_existing_rows()
    today = timezone.localdate(now)

    tiers, products, companies = tiers_create(), products_create(), companies_create()
    organizer, people = people_create(companies=companies)
    memberships = memberships_create(
        companies=companies, tiers=tiers, organizer=organizer, today=today
    )
    case_studies = case_studies_create(
        people=people, products=products, organizer=organizer, now=now
    )
    announcements = announcements_create(organizer=organizer, now=now)
    photos, logos = pictures_create(people=people, companies=companies, organizer=organizer)

    summit = summit_create(today=today)
    submissions, submitted_at = submissions_create(
        summit=summit, people=people, case_studies=case_studies
    )
    reviews = call_for_papers_run(
        submissions=submissions, submitted_at=submitted_at, people=people, organizer=organizer
    )
    first_release, talk_slots = schedule_build(
        summit=summit, submissions=submissions, organizer=organizer
    )
    registrations, starred = attendees_register(
        conference=summit.conference,
        release=first_release,
        submissions=submissions,
        scheduled=list(talk_slots),
        people=people,
        organizer=organizer,
        now=now,
    )
    release = schedule_revise(
        summit=summit, submissions=submissions, talk_slots=talk_slots, organizer=organizer
    )
    following, proposals, next_reviews = next_conference_create(
        after=summit.conference, people=people, today=today
    )
    past, with_slides = past_conference_create(
        before=summit.conference,
        people=people,
        case_studies=case_studies,
        organizer=organizer,
        today=today,
    )

    conference = summit.conference
    states = Counter(submission.state for submission in submissions.values())
    slots = release.slots.all()
    closes = timezone.localtime(following.cfp_closes_at, following.tz)
    return [
        f"{len(companies)} member companies in {len(tiers)} tiers, "
        f"{memberships} membership periods, {len(people)} people, "
        f"{len(case_studies)} case studies, {announcements} announcements, "
        f"{photos} speaker photos and {logos} company logos (the rest show initials)",
        f"{conference.name}, {conference.starts_on:%a %d %b} to "
        f"{conference.ends_on:%a %d %b %Y} at {conference.venue}",
        f"{len(submissions)} submissions ("
        + ", ".join(f"{count} {state}" for state, count in sorted(states.items()))
        + f"), {reviews + next_reviews} reviews",
        f"schedule released as {first_release.version} and {release.version}: "
        f"{slots.filter(cancelled=False).count()} sessions, "
        f"{slots.filter(cancelled=True).count()} cancelled",
        f"{registrations} registrations, {starred} starred sessions",
        f"{following.name}: call for papers open until {closes:%d %b %Y}, "
        f"{proposals} proposals submitted so far",
        f"{past.name}: {with_slides} talks with slides for members, public from "
        f"{past.materials_public_from:%d %b %Y}",
    ]
