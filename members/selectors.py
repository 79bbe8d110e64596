"""Reads about members: who is in good standing and what their membership allows, seats,
the public directory, the case-study library and the organizers' dashboard."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from members import tokens
from members.models import (
    GRACE_PERIOD,
    Announcement,
    CaseStudy,
    Invitation,
    MailKind,
    MailOptOut,
    Member,
    MemberCompany,
    Membership,
    MembershipTier,
)


def login_username(*, identifier: str) -> str:
    """The username to authenticate for what a person typed at login: the account whose
    e-mail address it is (in any case), else the text itself, so staff accounts named
    otherwise still log in by username. An address two accounts share logs neither in
    by address."""
    identifier = identifier.strip()
    if "@" not in identifier:
        return identifier
    usernames = list(
        User.objects.filter(email__iexact=identifier).values_list("username", flat=True)[:2]
    )
    return usernames[0] if len(usernames) == 1 else identifier


def membership_current(*, company: MemberCompany, on: datetime.date) -> Membership | None:
    """The company's active membership period that covers the day (or whose grace period
    does), the latest first, if any."""
    return (
        Membership.objects.select_related("tier")
        .filter(
            company=company,
            state=Membership.State.ACTIVE,
            starts_on__lte=on,
            ends_on__gte=on - GRACE_PERIOD,
        )
        .order_by("-starts_on")
        .first()
    )


def member_submission_refusal(*, member: Member | None, on: datetime.date) -> str | None:
    """Why this person may not submit talks on that day, or None when they may."""
    if member is None:
        return (
            "Only people at a member company can submit talks. "
            "Ask your company's primary contact to add you."
        )
    company = member.company
    if company is None:
        return (
            "You are not linked to a member company. Ask your company's primary contact to add you."
        )
    membership = membership_current(company=company, on=on)
    if membership is None:
        return (
            f"{company.name}'s membership is not active. "
            "Your company's primary contact can renew it."
        )
    if not membership.tier.may_submit_talks:
        return (
            f"{company.name}'s {membership.tier.name} membership does not include talks. "
            "Your company's primary contact can upgrade it."
        )
    return None


# Seats and invitations


def invitations_open(*, company: MemberCompany, now: datetime.datetime) -> QuerySet[Invitation]:
    """Invitations whose link still works: not used, not withdrawn, not expired."""
    return company.invitations.filter(
        accepted_at__isnull=True,
        withdrawn=False,
        created_at__gt=now - tokens.INVITATION_MAX_AGE,
    )


def company_seat_refusal(
    *, company: MemberCompany, now: datetime.datetime, counting_invitations: bool = True
) -> str | None:
    """Why one more person cannot join the company today, or None when a seat is free.
    Open invitations hold a seat when `counting_invitations` (when inviting), not when the
    invited person takes theirs."""
    membership = membership_current(company=company, on=timezone.localdate(now))
    if membership is None:
        return (
            f"{company.name} has no active membership, so nobody can join it. "
            "Renew the membership first."
        )
    taken = company.people.count()
    if counting_invitations:
        taken += invitations_open(company=company, now=now).count()
    if taken >= membership.tier.seats:
        return (
            f"All {membership.tier.seats} seats of {company.name}'s {membership.tier.name} "
            f"membership are taken ({taken} people and open invitations). Remove someone or "
            "withdraw an invitation, or ask the organizers about a larger tier."
        )
    return None


def company_team(*, company: MemberCompany, now: datetime.datetime) -> dict:
    """What the primary contact's page shows: people, open invitations, membership periods."""
    today = timezone.localdate(now)
    people = list(company.people.select_related("user").order_by("user__last_name", "pk"))
    invitations = list(invitations_open(company=company, now=now).select_related("invited_by"))
    memberships = list(company.memberships.select_related("tier").order_by("-starts_on"))
    current = next((m for m in memberships if m.is_current(today)), None)
    return {
        "people": people,
        "invitations": invitations,
        "memberships": memberships,
        "current": current,
        "seats": current.tier.seats if current else 0,
        "seats_taken": len(people) + len(invitations),
        "today": today,
    }


# The public directory


def directory_companies(*, industry: str = "", country: str = "") -> QuerySet[MemberCompany]:
    """Companies that opted in and are in good standing today, filtered; one query."""
    companies = MemberCompany.objects.in_directory().filter(
        pk__in=MemberCompany.objects.in_good_standing().values("pk")
    )
    if industry:
        companies = companies.filter(industry=industry)
    if country:
        companies = companies.filter(country=country)
    return companies.annotate(
        published_case_studies=Count("case_studies", filter=Q(case_studies__state="published"))
    ).order_by("name")


def directory_countries() -> list[str]:
    """Country codes of the companies listed in the directory, for its filter."""
    return sorted(
        set(
            MemberCompany.objects.in_directory()
            .filter(pk__in=MemberCompany.objects.in_good_standing().values("pk"))
            .values_list("country", flat=True)
        )
    )


def company_page(*, slug: str) -> MemberCompany | None:
    """A directory company with its published case studies (and their products) and the
    people who opted in to a public profile; three queries."""
    return (
        MemberCompany.objects.in_directory()
        .filter(slug=slug)
        .prefetch_related(
            Prefetch(
                "case_studies",
                queryset=CaseStudy.objects.published()
                .prefetch_related("products")
                .order_by("-published_at"),
                to_attr="published",
            ),
            Prefetch(
                "people",
                queryset=Member.objects.filter(public_profile=True).select_related("user"),
                to_attr="public_people",
            ),
        )
        .first()
    )


# The case-study library


def case_study_library(
    *,
    query: str = "",
    industry: str = "",
    product: str = "",
    company: str = "",
    year: int | None = None,
) -> QuerySet[CaseStudy]:
    """Published case studies matching the words and filters, best match first.

    On PostgreSQL the words are a web-style full-text query over title, results, challenge,
    solution and company name, ranked (title and results weigh most); elsewhere every word
    must appear in one of those fields.
    """
    studies = CaseStudy.objects.published().select_related("company")
    if industry:
        studies = studies.filter(industry=industry)
    if product:
        studies = studies.filter(products__slug=product)
    if company:
        studies = studies.filter(company__slug=company)
    if year:
        studies = studies.filter(published_at__year=year)
    query = query.strip()
    if query and connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("title", weight="A", config="english")
            + SearchVector("results", weight="A", config="english")
            + SearchVector("challenge", "solution", weight="B", config="english")
            + SearchVector("company__name", weight="C", config="english")
        )
        search = SearchQuery(query, search_type="websearch", config="english")
        # Match with @@ and rank apart: ts_rank gives non-matching rows a tiny positive rank.
        studies = (
            studies.annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search)
            .order_by("-rank", "-published_at")
        )
    elif query:
        for word in query.split():
            studies = studies.filter(
                Q(title__icontains=word)
                | Q(results__icontains=word)
                | Q(challenge__icontains=word)
                | Q(solution__icontains=word)
                | Q(company__name__icontains=word)
            )
        studies = studies.order_by("-published_at")
    else:
        studies = studies.order_by("-published_at")
    return (
        studies.prefetch_related("products").distinct()
        if product
        else studies.prefetch_related("products")
    )


def case_study_years() -> list[int]:
    return sorted(
        {
            year
            for year in CaseStudy.objects.published()
            .annotate(year=ExtractYear("published_at"))
            .values_list("year", flat=True)
        },
        reverse=True,
    )


def case_studies_of_member(*, member: Member) -> QuerySet[CaseStudy]:
    """Every case study of the member's company, whatever its state, for its people."""
    return (
        CaseStudy.objects.filter(company_id=member.company_id)
        .select_related("author__user")
        .order_by("state", "-updated_at")
    )


def announcements_published(*, now: datetime.datetime) -> QuerySet[Announcement]:
    return Announcement.objects.published(now).select_related("author")


# The organizers' dashboard


def membership_dashboard(*, today: datetime.date) -> dict:
    """Figures for the admin dashboard; a fixed number of queries however many companies."""
    standing = MemberCompany.objects.in_good_standing(today).values("pk")
    current = Membership.objects.filter(
        state=Membership.State.ACTIVE,
        starts_on__lte=today,
        ends_on__gte=today - GRACE_PERIOD,
    )
    by_tier_counts = dict(
        current.values("tier")
        .annotate(companies=Count("company", distinct=True))
        .values_list("tier", "companies")
    )
    by_tier = [
        {"tier": tier, "companies": by_tier_counts.get(tier.pk, 0)}
        for tier in MembershipTier.objects.all()
    ]
    dues = (
        Membership.objects.exclude(state=Membership.State.CANCELLED)
        .annotate(year=ExtractYear("starts_on"))
        .values("year")
        .annotate(
            total=Sum("dues"),
            paid=Sum("dues", filter=Q(paid_on__isnull=False)),
            periods=Count("pk"),
        )
        .order_by("year")
    )
    dues_by_year = [
        {
            "year": row["year"],
            "total": row["total"] or Decimal(0),
            "paid": row["paid"] or Decimal(0),
            "periods": row["periods"],
        }
        for row in dues
    ]
    renewed = Membership.objects.filter(
        company=OuterRef("company"), starts_on__gt=OuterRef("ends_on")
    ).exclude(state=Membership.State.CANCELLED)
    renewals_due = list(
        Membership.objects.filter(
            state=Membership.State.ACTIVE,
            ends_on__gte=today,
            ends_on__lte=today + datetime.timedelta(days=90),
        )
        .exclude(Exists(renewed))
        .select_related("company", "tier")
        .prefetch_related("renewal_notices")
        .order_by("ends_on", "company__name")
    )
    for membership in renewals_due:
        # Read by the dashboard's template; not a field.
        membership.days_left = (membership.ends_on - today).days  # type: ignore[attr-defined]
    last_lapsed: defaultdict[int, Membership | None] = defaultdict(lambda: None)
    for membership in (
        Membership.objects.filter(state=Membership.State.LAPSED)
        .exclude(company__in=standing)
        .select_related("company", "tier")
        .order_by("company__name", "-ends_on")
    ):
        if last_lapsed[membership.company_id] is None:
            last_lapsed[membership.company_id] = membership
    return {
        "active_companies": MemberCompany.objects.filter(pk__in=standing).count(),
        "by_tier": by_tier,
        "dues_by_year": dues_by_year,
        "renewals_due": renewals_due,
        "lapsed": list(last_lapsed.values()),
    }


# E-mail preferences


def mail_recipients(*, kind: MailKind, users: QuerySet[User] | None = None) -> QuerySet[User]:
    """The people, among `users` (an audience; everyone by default), who receive `kind` of
    mail: active accounts with an address, less those who turned that kind off. Every
    sender of optional mail narrows its audience through this; it adds no query of its own."""
    people = (User.objects.all() if users is None else users).filter(is_active=True)
    people = people.exclude(email="")
    if kind == MailKind.TRANSACTIONAL:
        return people
    return people.exclude(Exists(MailOptOut.objects.filter(user=OuterRef("pk"), kind=kind)))


def mail_kinds_wanted(*, user: User) -> list[MailKind]:
    """The optional kinds of mail the person gets (all but those they turned off)."""
    off = set(MailOptOut.objects.filter(user=user).values_list("kind", flat=True))
    return [kind for kind in MailKind.optional() if kind not in off]
