"""Seed the users' group: membership tiers, the vendor's products, member companies with their
e-mail domains and membership history, their people with the demo logins, and the group's
announcements.

Membership periods go through `membership_create`, which refuses overlapping periods and
audits each one. No service creates tiers, products, companies, domains, people at a chosen
company or role-group members (organizers do that in the admin), so those rows are
bulk-inserted. Announcements are saved as the admin's add form saves them, because
`announcement_post` derives the slug from the title and the demo's slugs are shorter.
"""

import datetime
import itertools
from concurrent.futures import ThreadPoolExecutor

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User

from demo.data.accounts import LOGINS, ORGANIZER, PROGRAM_COMMITTEE
from demo.data.companies import BIO_LINES, COMPANIES, Company
from demo.data.group import ANNOUNCEMENTS, PRODUCTS, TIERS
from demo.seed.common import SeedError, add_years, ascii_name
from members.models import (
    Announcement,
    CompanyDomain,
    Member,
    MemberCompany,
    MembershipTier,
    Product,
)
from members.roles import ORGANIZERS
from members.roles import PROGRAM_COMMITTEE as PROGRAM_COMMITTEE_GROUP
from members.services.memberships import membership_create


def email(first: str, last: str, company: Company) -> str:
    return f"{ascii_name(first)}.{ascii_name(last)}@{company['domain']}"


def usernames() -> dict[str, str]:
    """Username for each person by last name: the demo logins' or the e-mail address."""
    logins = {last: username for _, username, _, last in LOGINS if last}
    names = {}
    for company in COMPANIES:
        for first, last, _ in company["people"]:
            names[last] = logins.get(last) or email(first, last, company)
    return names


def tiers_create() -> dict[str, MembershipTier]:
    tiers = {
        tier["key"]: MembershipTier(
            name=tier["name"],
            annual_dues=tier["annual_dues"],
            seats=tier["seats"],
            conference_passes=tier["conference_passes"],
            may_submit_talks=tier["may_submit_talks"],
            order=tier["order"],
        )
        for tier in TIERS
    }
    MembershipTier.objects.bulk_create(tiers.values())
    return tiers


def products_create() -> dict[str, Product]:
    products = {
        slug: Product(slug=slug, name=name, description=description)
        for slug, name, description in PRODUCTS
    }
    Product.objects.bulk_create(products.values())
    return products


def companies_create() -> dict[str, MemberCompany]:
    """The member companies by key, each with the e-mail domain that lets people who sign up
    with it join the company."""
    companies = {
        company["key"]: MemberCompany(
            name=company["name"],
            slug=company["key"],
            industry=company["industry"],
            country=company["country"],
            website=f"https://www.{company['domain']}/",
            description=company["description"],
            directory_opt_in=company["directory"],
        )
        for company in COMPANIES
    }
    MemberCompany.objects.bulk_create(companies.values())
    CompanyDomain.objects.bulk_create(
        CompanyDomain(company=companies[company["key"]], domain=company["domain"])
        for company in COMPANIES
    )
    return companies


def _role_groups() -> tuple[Group, Group]:
    try:
        return (
            Group.objects.get(name=ORGANIZERS),
            Group.objects.get(name=PROGRAM_COMMITTEE_GROUP),
        )
    except Group.DoesNotExist as error:
        raise SeedError(
            f"The groups “{ORGANIZERS}” and “{PROGRAM_COMMITTEE_GROUP}” are missing; "
            "run `manage.py migrate` first."
        ) from error


def people_create(*, companies: dict[str, MemberCompany]) -> tuple[User, dict[str, Member]]:
    """The organizer, and every company's people by last name (the first of each company its
    primary contact); puts the organizer and the program committee in their role groups.

    Only the demo logins can sign in: everyone else gets an unusable password.
    """
    organizers, committee = _role_groups()
    user_model = get_user_model()
    names = usernames()
    # Hashing the four printed passwords is most of the seed's time; the hash function
    # releases the GIL, so threads overlap them.
    logins = [(username, password) for _, username, password, _ in LOGINS]
    with ThreadPoolExecutor() as pool:
        hashed = list(pool.map(make_password, [password for _, password in logins]))
    passwords = {username: password for (username, _), password in zip(logins, hashed, strict=True)}
    unusable = make_password(None)
    staff = set(PROGRAM_COMMITTEE)
    users, members = {}, []
    bio_lines = itertools.cycle(BIO_LINES)
    for company in COMPANIES:
        for position, (first, last, job_title) in enumerate(company["people"]):
            if last in users:
                raise SeedError(f"Two demo people are called {last}; last names are keys.")
            username = names[last]
            users[last] = user_model(
                username=username,
                email=email(first, last, company),
                first_name=first,
                last_name=last,
                is_staff=last in staff,
                password=passwords.get(username, unusable),
            )
            members.append(
                Member(
                    company=companies[company["key"]],
                    job_title=job_title,
                    bio=f"{job_title} at {company['name']}. {next(bio_lines)}",
                    public_profile=company["key"] != "parcelo",
                    is_primary_contact=position == 0,
                )
            )
    organizer_username = LOGINS[0][1]
    organizer = user_model(
        username=organizer_username,
        password=passwords[organizer_username],
        is_staff=True,
        **ORGANIZER,
    )
    user_model.objects.bulk_create([*users.values(), organizer])
    for member, user in zip(members, users.values(), strict=True):
        member.user = user
    Member.objects.bulk_create(members)
    people = {member.user.last_name: member for member in members}

    through = user_model.groups.through
    through.objects.bulk_create(
        [through(user_id=organizer.pk, group_id=organizers.pk)]
        + [
            through(user_id=people[last].user_id, group_id=committee.pk)
            for last in PROGRAM_COMMITTEE
        ]
    )
    return organizer, people


def memberships_create(
    *,
    companies: dict[str, MemberCompany],
    tiers: dict[str, MembershipTier],
    organizer: User,
    today: datetime.date,
) -> int:
    """Each company's membership periods, recorded by the organizer; returns how many."""
    created = 0
    for index, company in enumerate(COMPANIES):
        current_start = today - datetime.timedelta(days=company["offset"])
        for years_ago, tier_key, state in company["periods"]:
            starts_on = add_years(current_start, -years_ago)
            paid = state != "pending"
            membership_create(
                company=companies[company["key"]],
                tier=tiers[tier_key],
                starts_on=starts_on,
                ends_on=add_years(starts_on, 1) - datetime.timedelta(days=1),
                state=state,
                paid_on=starts_on + datetime.timedelta(days=5 + index % 25) if paid else None,
                actor=organizer,
            )
            created += 1
    return created


def announcements_create(*, organizer: User, now: datetime.datetime) -> int:
    """The organizers' news, each validated as the admin's form validates it."""
    for days_ago, slug, title, body in ANNOUNCEMENTS:
        announcement = Announcement(
            slug=slug,
            title=title,
            body=body,
            author=organizer,
            published_at=now - datetime.timedelta(days=days_ago),
        )
        announcement.full_clean()
        announcement.save()
    return len(ANNOUNCEMENTS)
