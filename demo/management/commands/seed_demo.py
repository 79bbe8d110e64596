"""`manage.py seed_demo`: fill a database with a realistic users' group to try Guildhall on.

It builds member companies with their membership history and people, the vendor's products,
case studies, and one three-day conference about four months ahead with its call for papers,
reviews, a released agenda and attendees' starred sessions; and next year's conference with
its call for papers open, for the demo member to submit to and the demo reviewer to review.
It prints four logins (organizer, reviewer, member, attendee). Dates follow the day it runs,
so the demo always looks current.

Memberships, submissions, their state changes, reviews, slots and releases go through the
services (without e-mailing the speakers), so the demo obeys the same rules as real use;
plain rows (users, people, companies) are bulk-inserted to keep the seed fast. The whole
seed is one transaction, and it does nothing when the demo conference is already there.
"""

import datetime
import itertools
import time
import unicodedata
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from demo.data import accounts as accounts_data
from demo.data import attendees as attendees_data
from demo.data import case_studies as case_studies_data
from demo.data import companies as companies_data
from demo.data import conference as conference_data
from demo.data import group as group_data
from demo.data import next_conference as next_conference_data
from demo.data import reviews as reviews_data
from demo.data import schedule as schedule_data
from demo.data import submissions as submissions_data
from events.models import (
    AgendaItem,
    Conference,
    Registration,
    Room,
    SessionFormat,
    Slot,
    Submission,
    Track,
)
from events.services import (
    review_save,
    schedule_release,
    schedule_working,
    slot_save,
    submission_create,
    submission_transition,
)
from members.models import (
    Announcement,
    CaseStudy,
    CompanyDomain,
    Member,
    MemberCompany,
    MembershipTier,
    Product,
)
from members.roles import ORGANIZERS, PROGRAM_COMMITTEE
from members.selectors import member_submission_refusal
from members.services import membership_create

State = Submission.State

# Letters that Unicode decomposition does not reduce to ASCII.
_ASCII_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "å": "a", "ß": "ss", "ł": "l", "đ": "d"})


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_ASCII_LETTERS))
    return "".join(c for c in decomposed.encode("ascii", "ignore").decode() if c.isalnum())


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def _minutes(clock: str) -> datetime.time:
    hours, minutes = clock.split(":")
    return datetime.time(int(hours), int(minutes))


class Command(BaseCommand):
    help = (
        "Create a demo users' group (companies, people, a conference with reviews and a "
        "released agenda) and print logins for an organizer, a reviewer, a member and an "
        "attendee. Does nothing if the demo is already there."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. The demo logins have published passwords.",
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts whose passwords it prints, so it runs only with "
                "DEBUG on. Pass --force to seed this database anyway (tests, a throwaway demo "
                "server); never on a site that real people use."
            )
        started = time.monotonic()
        with transaction.atomic():
            conference = Conference.objects.filter(slug=conference_data.CONFERENCE_SLUG).first()
            summary = DemoSeeder(now=timezone.now()).run() if conference is None else []
        if conference is not None:
            self.stdout.write(
                f"The demo is already there ({conference.name}, slug “{conference.slug}”); "
                "nothing was changed."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Demo data created in {time.monotonic() - started:.1f} s:")
            )
            for line in summary:
                self.stdout.write(f"  {line}")
        self._write_logins()

    def _write_logins(self) -> None:
        usernames = [username for _, username, _, _ in accounts_data.LOGINS]
        existing = set(
            get_user_model()
            .objects.filter(username__in=usernames, is_active=True)
            .values_list("username", flat=True)
        )
        self.stdout.write("")
        self.stdout.write(f"Site:  {accounts_data.SITE_URL}")
        self.stdout.write(f"Admin: {accounts_data.ADMIN_URL}")
        self.stdout.write("")
        self.stdout.write(f"  {'role':<11}{'username':<11}password")
        for role, username, password, _ in accounts_data.LOGINS:
            missing = "" if username in existing else "  (missing: this user is not there)"
            self.stdout.write(f"  {role:<11}{username:<11}{password}{missing}")


class DemoSeeder:
    """Builds the demo in one pass; each step keeps what later steps refer to."""

    def __init__(self, *, now: datetime.datetime) -> None:
        self.now = now
        self.today = timezone.localdate(now)
        self.user_model = get_user_model()
        self.people: dict[str, Member] = {}
        self.submissions: dict[str, Submission] = {}
        self.counts: dict[str, int] = defaultdict(int)

    def run(self) -> list[str]:
        self._refuse_existing_rows()
        try:
            self.organizers = Group.objects.get(name=ORGANIZERS)
            self.committee = Group.objects.get(name=PROGRAM_COMMITTEE)
        except Group.DoesNotExist as error:
            raise CommandError(
                f"The groups “{ORGANIZERS}” and “{PROGRAM_COMMITTEE}” are missing; "
                "run `manage.py migrate` first."
            ) from error
        self._create_tiers_and_products()
        self._create_companies()
        self._create_people()
        self._create_memberships()
        self._create_case_studies()
        self._create_domains_and_news()
        self._create_conference()
        self._create_submissions()
        self._run_call_for_papers()
        self._build_and_release_schedule()
        self._register_attendees()
        self._create_next_conference()
        return self._summary()

    # Preconditions

    def _usernames(self) -> dict[str, str]:
        """Username for each person by last name: the demo logins' or the e-mail address."""
        logins = {last: username for _, username, _, last in accounts_data.LOGINS if last}
        usernames = {}
        for company in companies_data.COMPANIES:
            for first, last, _ in company["people"]:
                usernames[last] = logins.get(last) or self._email(first, last, company)
        return usernames

    @staticmethod
    def _email(first: str, last: str, company: dict) -> str:
        return f"{_ascii(first)}.{_ascii(last)}@{company['domain']}"

    def _refuse_existing_rows(self) -> None:
        """Stop before writing if rows the demo would create are already there."""
        usernames = [*self._usernames().values(), accounts_data.LOGINS[0][1]]
        clashes = {
            "users": self.user_model.objects.filter(username__in=usernames).values_list(
                "username", flat=True
            ),
            "companies": MemberCompany.objects.filter(
                slug__in=[company["key"] for company in companies_data.COMPANIES]
            ).values_list("slug", flat=True),
            "tiers": MembershipTier.objects.filter(
                name__in=[tier["name"] for tier in group_data.TIERS]
            ).values_list("name", flat=True),
            "e-mail domains": CompanyDomain.objects.filter(
                domain__in=[company["domain"] for company in companies_data.COMPANIES]
            ).values_list("domain", flat=True),
            "announcements": Announcement.objects.filter(
                slug__in=[slug for _, slug, _, _ in group_data.ANNOUNCEMENTS]
            ).values_list("slug", flat=True),
            "products": Product.objects.filter(
                Q(slug__in=[slug for slug, _, _ in group_data.PRODUCTS])
                | Q(name__in=[name for _, name, _ in group_data.PRODUCTS])
            ).values_list("name", flat=True),
        }
        found = {kind: sorted(rows) for kind, rows in clashes.items() if rows}
        if found:
            listing = "; ".join(f"{kind}: {', '.join(rows[:5])}" for kind, rows in found.items())
            raise CommandError(
                "This database already holds rows the demo would create, but not the demo "
                f"conference ({listing}). seed_demo fills an empty database: run it on a "
                "fresh one (e.g. a new SQLite file and `manage.py migrate`)."
            )

    # Members

    def _create_tiers_and_products(self) -> None:
        self.tiers = {
            tier["key"]: MembershipTier(**{k: v for k, v in tier.items() if k != "key"})
            for tier in group_data.TIERS
        }
        MembershipTier.objects.bulk_create(self.tiers.values())
        self.products = {
            slug: Product(slug=slug, name=name, description=description)
            for slug, name, description in group_data.PRODUCTS
        }
        Product.objects.bulk_create(self.products.values())

    def _create_companies(self) -> None:
        self.companies = {
            company["key"]: MemberCompany(
                name=company["name"],
                slug=company["key"],
                industry=company["industry"],
                country=company["country"],
                website=f"https://www.{company['domain']}/",
                description=company["description"],
                directory_opt_in=company["directory"],
            )
            for company in companies_data.COMPANIES
        }
        MemberCompany.objects.bulk_create(self.companies.values())

    def _create_people(self) -> None:
        usernames = self._usernames()
        # Hashing the four printed passwords is most of the seed's time; the hash function
        # releases the GIL, so threads overlap them. Nobody else can sign in.
        logins = [(username, password) for _, username, password, _ in accounts_data.LOGINS]
        with ThreadPoolExecutor() as pool:
            hashed = list(pool.map(make_password, [password for _, password in logins]))
        passwords = {
            username: password for (username, _), password in zip(logins, hashed, strict=True)
        }
        unusable = make_password(None)
        staff = set(accounts_data.PROGRAM_COMMITTEE)
        users, members = {}, []
        bio_lines = itertools.cycle(companies_data.BIO_LINES)
        for company in companies_data.COMPANIES:
            for position, (first, last, job_title) in enumerate(company["people"]):
                if last in users:
                    raise CommandError(f"Two demo people are called {last}; last names are keys.")
                username = usernames[last]
                users[last] = self.user_model(
                    username=username,
                    email=self._email(first, last, company),
                    first_name=first,
                    last_name=last,
                    is_staff=last in staff,
                    password=passwords.get(username, unusable),
                )
                members.append(
                    Member(
                        company=self.companies[company["key"]],
                        job_title=job_title,
                        bio=f"{job_title} at {company['name']}. {next(bio_lines)}",
                        public_profile=company["key"] != "parcelo",
                        is_primary_contact=position == 0,
                    )
                )
        organizer_username = accounts_data.LOGINS[0][1]
        self.organizer = self.user_model(
            username=organizer_username,
            password=passwords[organizer_username],
            is_staff=True,
            **accounts_data.ORGANIZER,
        )
        self.user_model.objects.bulk_create([*users.values(), self.organizer])
        for member, user in zip(members, users.values(), strict=True):
            member.user = user
        Member.objects.bulk_create(members)
        self.people = {member.user.last_name: member for member in members}

        through = self.user_model.groups.through
        through.objects.bulk_create(
            [through(user_id=self.organizer.pk, group_id=self.organizers.pk)]
            + [
                through(user_id=self.people[last].user_id, group_id=self.committee.pk)
                for last in accounts_data.PROGRAM_COMMITTEE
            ]
        )
        self.reviewers = [self.people[last] for last in accounts_data.PROGRAM_COMMITTEE]
        self.demo_reviewer = self.people[accounts_data.LOGINS[1][3]]

    def _create_memberships(self) -> None:
        for index, company in enumerate(companies_data.COMPANIES):
            current_start = self.today - datetime.timedelta(days=company["offset"])
            for years_ago, tier_key, state in company["periods"]:
                starts_on = _add_years(current_start, -years_ago)
                paid = state != "pending"
                membership_create(
                    company=self.companies[company["key"]],
                    tier=self.tiers[tier_key],
                    starts_on=starts_on,
                    ends_on=_add_years(starts_on, 1) - datetime.timedelta(days=1),
                    state=state,
                    paid_on=starts_on + datetime.timedelta(days=5 + index % 25) if paid else None,
                    actor=self.organizer,
                )
                self.counts["memberships"] += 1

    def _create_case_studies(self) -> None:
        self.case_studies = {}
        for entry in case_studies_data.CASE_STUDIES:
            days_ago = entry["published_days_ago"]
            self.case_studies[entry["slug"]] = CaseStudy(
                company=self.companies[entry["company"]],
                title=entry["title"],
                slug=entry["slug"],
                industry=self.companies[entry["company"]].industry,
                challenge=entry["challenge"],
                solution=entry["solution"],
                results=entry["results"],
                state=entry["state"],
                author=self.people[entry["author"]],
                published_at=self.now - datetime.timedelta(days=days_ago)
                if days_ago is not None
                else None,
            )
        CaseStudy.objects.bulk_create(self.case_studies.values())
        through = CaseStudy.products.through
        through.objects.bulk_create(
            [
                through(casestudy_id=self.case_studies[entry["slug"]].pk, product_id=product.pk)
                for entry in case_studies_data.CASE_STUDIES
                for product in (self.products[slug] for slug in entry["products"])
            ]
        )

    def _create_domains_and_news(self) -> None:
        """Each company's e-mail domain (people signing up with it join the company) and the
        organizers' announcements."""
        CompanyDomain.objects.bulk_create(
            CompanyDomain(company=self.companies[company["key"]], domain=company["domain"])
            for company in companies_data.COMPANIES
        )
        Announcement.objects.bulk_create(
            Announcement(
                slug=slug,
                title=title,
                body=body,
                author=self.organizer,
                published_at=self.now - datetime.timedelta(days=days_ago),
            )
            for days_ago, slug, title, body in group_data.ANNOUNCEMENTS
        )
        self.counts["announcements"] = len(group_data.ANNOUNCEMENTS)

    # The conference

    def _create_conference(self) -> None:
        # A Tuesday about four months ahead, three days long.
        ahead = self.today + datetime.timedelta(days=120)
        starts_on = ahead + datetime.timedelta(days=(1 - ahead.weekday()) % 7)
        conference = Conference(
            name=f"Polaris Users' Summit {starts_on.year}",
            slug=conference_data.CONFERENCE_SLUG,
            year=starts_on.year,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=2),
            timezone=conference_data.CONFERENCE_TIMEZONE,
            venue=conference_data.VENUE,
            venue_address=conference_data.VENUE_ADDRESS,
            welcome_text=conference_data.WELCOME_TEXT,
            cfp_text=conference_data.CFP_TEXT,
            reviews_anonymous=True,
        )
        tz = conference.tz
        conference.cfp_opens_at = datetime.datetime.combine(
            self.today - datetime.timedelta(days=100), datetime.time(9), tzinfo=tz
        )
        conference.cfp_closes_at = datetime.datetime.combine(
            self.today - datetime.timedelta(days=10), datetime.time(23, 59), tzinfo=tz
        )
        conference.full_clean()
        conference.save()
        self.conference = conference
        self.rooms = {
            key: Room(conference=conference, name=name, capacity=capacity, order=order)
            for order, (key, name, capacity) in enumerate(conference_data.ROOMS)
        }
        Room.objects.bulk_create(self.rooms.values())
        self.tracks = {
            slug: Track(
                conference=conference,
                slug=slug,
                name=name,
                colour=colour,
                description=description,
                order=order,
            )
            for order, (slug, name, colour, description) in enumerate(conference_data.TRACKS)
        }
        Track.objects.bulk_create(self.tracks.values())
        self.formats = {
            slug: SessionFormat(
                conference=conference,
                slug=slug,
                name=name,
                duration_minutes=minutes,
                description=description,
            )
            for slug, name, minutes, description in conference_data.FORMATS
        }
        SessionFormat.objects.bulk_create(self.formats.values())

    def _create_submissions(self) -> None:
        """Each proposal is written an hour before it is submitted; drafts two days before
        the call closes. Submission times spread over the call, the last a day before it
        closes."""
        entries = [
            entry for entry in submissions_data.SUBMISSIONS if self._reaches(entry, State.SUBMITTED)
        ]
        opens, closes = self.conference.cfp_opens_at, self.conference.cfp_closes_at
        self.submitted_at = {
            entry["key"]: opens
            + (closes - opens - datetime.timedelta(days=1)) * ((position + 1) / len(entries))
            for position, entry in enumerate(entries)
        }
        for entry in submissions_data.SUBMISSIONS:
            written = self.submitted_at.get(entry["key"], closes - datetime.timedelta(days=1))
            self.submissions[entry["key"]] = submission_create(
                now=written - datetime.timedelta(hours=1),
                conference=self.conference,
                speaker=self.people[entry["speaker"]],
                co_speakers=[self.people[last] for last in entry["co"]],
                title=entry["title"],
                abstract=entry["abstract"],
                outline=entry["outline"],
                notes=entry["notes"],
                session_format=self.formats[entry["format"]],
                track=self.tracks[entry["track"]],
                audience_level=entry["level"],
                case_study=self.case_studies.get(entry["case_study"]),
            )

    def _run_call_for_papers(self) -> None:
        """Submit, review and decide every proposal, as speakers and organizers would."""
        entries = [
            entry for entry in submissions_data.SUBMISSIONS if self._reaches(entry, State.SUBMITTED)
        ]
        refusals: dict[int, str | None] = {}
        for entry in entries:
            speaker = self.people[entry["speaker"]]
            submitted_at = self.submitted_at[entry["key"]]
            if speaker.pk not in refusals:
                refusals[speaker.pk] = member_submission_refusal(
                    member=speaker, on=submitted_at.date()
                )
            if refusals[speaker.pk]:
                raise CommandError(f"Demo data error: {refusals[speaker.pk]}")
            submission_transition(
                submission=self.submissions[entry["key"]],
                to_state=State.SUBMITTED,
                actor=speaker.user,
                now=submitted_at,
                notify=False,
            )

        for position, entry in enumerate(entries):
            self._review(entry, position)

        for entry in entries:
            submission = self.submissions[entry["key"]]
            if self._reaches(entry, State.ACCEPTED):
                submission_transition(
                    submission=submission,
                    to_state=State.ACCEPTED,
                    actor=self.organizer,
                    note="Accepted by the program committee.",
                    notify=False,
                )
            elif entry["state"] == State.REJECTED:
                submission_transition(
                    submission=submission,
                    to_state=State.REJECTED,
                    actor=self.organizer,
                    note=entry["decision_note"],
                    notify=False,
                )
            if self._reaches(entry, State.CONFIRMED):
                submission_transition(
                    submission=submission,
                    to_state=State.CONFIRMED,
                    actor=self.people[entry["speaker"]].user,
                    notify=False,
                )

        for entry in submissions_data.SUBMISSIONS:
            if entry["state"] == State.WITHDRAWN and entry["withdrawn_from"] != "released":
                submission_transition(
                    submission=self.submissions[entry["key"]],
                    to_state=State.WITHDRAWN,
                    actor=self.people[entry["speaker"]].user,
                    note=entry["decision_note"],
                    notify=False,
                )

    @staticmethod
    def _reaches(entry: dict, state: str) -> bool:
        """Whether the proposal passed through `state` on its way to where the demo leaves it."""
        path = {
            State.DRAFT: (),
            State.SUBMITTED: (State.SUBMITTED,),
            State.REJECTED: (State.SUBMITTED, State.REJECTED),
            State.ACCEPTED: (State.SUBMITTED, State.ACCEPTED),
            State.CONFIRMED: (State.SUBMITTED, State.ACCEPTED, State.CONFIRMED),
        }
        withdrawn_path = {
            "draft": (),
            "submitted": (State.SUBMITTED,),
            "accepted": (State.SUBMITTED, State.ACCEPTED),
            "released": (State.SUBMITTED, State.ACCEPTED, State.CONFIRMED),
        }
        if entry["state"] == State.WITHDRAWN:
            return state in withdrawn_path[entry["withdrawn_from"]]
        return state in path[entry["state"]]

    def _review(self, entry: dict, position: int) -> None:
        speaker_companies = {
            self.people[last].company_id for last in (entry["speaker"], *entry["co"])
        }
        eligible = [
            reviewer for reviewer in self.reviewers if reviewer.company_id not in speaker_companies
        ]
        if entry["state"] == State.SUBMITTED:
            # Left for the demo reviewer to do.
            eligible = [reviewer for reviewer in eligible if reviewer != self.demo_reviewer]
            wanted = 2
        elif entry["state"] == State.WITHDRAWN and entry["withdrawn_from"] == "submitted":
            wanted = 1
        else:
            wanted = 3
        if entry["state"] == State.REJECTED:
            scores = (2, 3, 1, 2, 3, 2)
        elif entry["state"] == State.SUBMITTED:
            scores = (3, 4, 3)
        else:
            scores = (5, 4, 4, 5, 4, 3)
        for turn in range(wanted):
            reviewer = eligible[(position + turn) % len(eligible)]
            score = scores[(position + turn) % len(scores)]
            comments = reviews_data.REVIEW_COMMENTS[score]
            review_save(
                submission=self.submissions[entry["key"]],
                reviewer=reviewer.user,
                score=score,
                comment=comments[(position + turn) % len(comments)],
            )
            self.counts["reviews"] += 1

    def _local(self, day: datetime.date, clock: str) -> datetime.datetime:
        return datetime.datetime.combine(day, _minutes(clock), tzinfo=self.conference.tz)

    def _build_and_release_schedule(self) -> None:
        working = schedule_working(conference=self.conference)
        self.talk_slots: dict[str, Slot] = {}
        for day, entries in zip(self.conference.days, schedule_data.PROGRAM, strict=True):
            for entry in entries:
                if isinstance(entry, schedule_data.Talk):
                    submission = self.submissions[entry.submission]
                    start = self._local(day, entry.start)
                    slot = Slot(
                        schedule=working,
                        kind=Slot.Kind.KEYNOTE
                        if submission.format.slug == "keynote"
                        else Slot.Kind.TALK,
                        room=self.rooms[entry.room],
                        start=start,
                        end=start + submission.format.duration,
                        submission=submission,
                    )
                    self.talk_slots[entry.submission] = slot
                else:
                    slot = Slot(
                        schedule=working,
                        kind=entry.kind,
                        room=self.rooms[entry.room] if entry.room else None,
                        start=self._local(day, entry.start),
                        end=self._local(day, entry.end),
                        title=entry.title,
                        description=entry.description,
                    )
                slot_save(slot=slot, actor=self.organizer)
        self.first_release = schedule_release(
            conference=self.conference,
            version="1.0",
            note=schedule_data.RELEASE_NOTES["1.0"],
            actor=self.organizer,
        )

        # After the first release: one session moves to a bigger room, one is withdrawn.
        key, room = schedule_data.MOVED_IN_1_1
        moved = self.talk_slots[key]
        moved.room = self.rooms[room]
        slot_save(slot=moved, actor=self.organizer)
        cancelled = next(
            entry
            for entry in submissions_data.SUBMISSIONS
            if entry["key"] == schedule_data.CANCELLED_IN_1_1
        )
        submission_transition(
            submission=self.submissions[cancelled["key"]],
            to_state=State.WITHDRAWN,
            actor=self.organizer,
            note=cancelled["decision_note"],
        )
        self.release = schedule_release(
            conference=self.conference,
            version="1.1",
            note=schedule_data.RELEASE_NOTES["1.1"],
            actor=self.organizer,
        )

    def _register_attendees(self) -> None:
        released = list(self.release.slots.active())
        uid_by_submission = {slot.submission_id: slot.uid for slot in released}
        uid_by_title = {slot.title: slot.uid for slot in released if slot.title}
        # The cancelled session stays in the release; whoever starred it keeps it.
        uid_by_submission.update(
            {
                slot.submission_id: slot.uid
                for slot in self.release.slots.filter(cancelled=True, submission__isnull=False)
            }
        )

        passes: dict[int, str] = {self.organizer.pk: Registration.PassType.STAFF}
        for entry in submissions_data.SUBMISSIONS:
            if entry["key"] in self.talk_slots:
                for last in (entry["speaker"], *entry["co"]):
                    passes[self.people[last].user_id] = Registration.PassType.SPEAKER
        for last, pass_type in attendees_data.REGISTRATIONS:
            passes.setdefault(self.people[last].user_id, pass_type)
        registrations = {
            user_id: Registration(conference=self.conference, user_id=user_id, pass_type=kind)
            for user_id, kind in passes.items()
        }
        attendee = self.people[accounts_data.LOGINS[3][3]].user_id
        # The demo attendee last looked at release 1.0, so the site shows what 1.1 changed.
        registrations[attendee].last_seen_release = self.first_release
        Registration.objects.bulk_create(registrations.values())

        items = [
            AgendaItem(
                registration=registrations[attendee],
                slot_uid=uid_by_submission[self.submissions[star].pk]
                if star in self.submissions
                else uid_by_title[star],
            )
            for star in attendees_data.ATTENDEE_STARS
        ]
        # Everyone else with a speaker pass stars a few sessions besides their own.
        talks = [uid_by_submission[self.submissions[key].pk] for key in self.talk_slots]
        for position, (user_id, registration) in enumerate(registrations.items()):
            if user_id == attendee or position % 2:
                continue
            picks = {talks[(position * 7 + step * 11) % len(talks)] for step in range(4)}
            items += [AgendaItem(registration=registration, slot_uid=uid) for uid in picks]
        AgendaItem.objects.bulk_create(items)
        self.counts["registrations"] = len(registrations)
        self.counts["starred"] = len(items)

    def _create_next_conference(self) -> None:
        """Next year's summit, a year on (same weekday), with its call for papers open: no
        rooms or agenda yet, a few proposals submitted and one reviewed."""
        main = self.conference
        starts_on = main.starts_on + datetime.timedelta(weeks=52)
        conference = Conference(
            name=f"Polaris Users' Summit {starts_on.year}",
            slug=f"{conference_data.CONFERENCE_SLUG}-{starts_on.year}",
            year=starts_on.year,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=2),
            timezone=conference_data.CONFERENCE_TIMEZONE,
            venue=conference_data.VENUE,
            venue_address=conference_data.VENUE_ADDRESS,
            cfp_text=next_conference_data.NEXT_CFP_TEXT,
            reviews_anonymous=True,
        )
        tz = conference.tz
        conference.cfp_opens_at = datetime.datetime.combine(
            self.today - datetime.timedelta(days=14), datetime.time(9), tzinfo=tz
        )
        conference.cfp_closes_at = datetime.datetime.combine(
            self.today + datetime.timedelta(days=60), datetime.time(23, 59), tzinfo=tz
        )
        conference.full_clean()
        conference.save()
        self.next_conference = conference
        tracks = {
            slug: Track(
                conference=conference,
                slug=slug,
                name=name,
                colour=colour,
                description=description,
                order=order,
            )
            for order, (slug, name, colour, description) in enumerate(conference_data.TRACKS)
        }
        Track.objects.bulk_create(tracks.values())
        formats = {
            slug: SessionFormat(
                conference=conference,
                slug=slug,
                name=name,
                duration_minutes=minutes,
                description=description,
            )
            for slug, name, minutes, description in conference_data.FORMATS
            if slug != "keynote"
        }
        SessionFormat.objects.bulk_create(formats.values())
        for position, entry in enumerate(next_conference_data.NEXT_SUBMISSIONS):
            speaker = self.people[entry["speaker"]]
            submitted_at = conference.cfp_opens_at + datetime.timedelta(days=2 + 3 * position)
            submission = submission_create(
                conference=conference,
                speaker=speaker,
                co_speakers=[self.people[last] for last in entry["co"]],
                title=entry["title"],
                abstract=entry["abstract"],
                outline=entry["outline"],
                session_format=formats[entry["format"]],
                track=tracks[entry["track"]],
                audience_level=entry["level"],
                now=submitted_at - datetime.timedelta(hours=1),
            )
            submission_transition(
                submission=submission,
                to_state=State.SUBMITTED,
                actor=speaker.user,
                now=submitted_at,
                notify=False,
            )
            if position == 0:
                review_save(
                    submission=submission,
                    reviewer=self.people["Whitman"].user,
                    score=4,
                    comment=reviews_data.REVIEW_COMMENTS[4][0],
                )
                self.counts["reviews"] += 1
            self.counts["next_submissions"] += 1

    def _summary(self) -> list[str]:
        following = self.next_conference
        closes = timezone.localtime(following.cfp_closes_at, following.tz)
        states = defaultdict(int)
        for submission in self.submissions.values():
            states[submission.state] += 1
        slots = self.release.slots.all()
        return [
            f"{len(self.companies)} member companies in {len(self.tiers)} tiers, "
            f"{self.counts['memberships']} membership periods, {len(self.people)} people, "
            f"{len(self.case_studies)} case studies, "
            f"{self.counts['announcements']} announcements",
            f"{self.conference.name}, {self.conference.starts_on:%a %d %b} to "
            f"{self.conference.ends_on:%a %d %b %Y} at {self.conference.venue}",
            f"{len(self.submissions)} submissions ("
            + ", ".join(f"{count} {state}" for state, count in sorted(states.items()))
            + f"), {self.counts['reviews']} reviews",
            f"schedule released as 1.0 and {self.release.version}: "
            f"{slots.filter(cancelled=False).count()} sessions, "
            f"{slots.filter(cancelled=True).count()} cancelled",
            f"{self.counts['registrations']} registrations, "
            f"{self.counts['starred']} starred sessions",
            f"{following.name}: call for papers open until {closes:%d %b %Y}, "
            f"{self.counts['next_submissions']} proposals submitted so far",
        ]
