"""Case studies from draft through review to publication, and the group's announcements."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from members.models import Announcement, CaseStudy, Member, MemberCompany, Product
from members.roles import is_organizer
from members.services.announcements import announcement_mail_schedule

# Case studies


def _unique_slug(*, company: MemberCompany, title: str, exclude_pk: int | None) -> str:
    base = slugify(title)[:180] or "case-study"
    others = CaseStudy.objects.filter(company=company, slug__startswith=base)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    taken = set(others.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def case_study_save(
    *,
    member: Member,
    title: str,
    challenge: str,
    solution: str,
    results: str,
    products: list[Product],
    case_study: CaseStudy | None = None,
) -> CaseStudy:
    """Write or change a draft of the member's company. Only the company's people may, and
    only while it is a draft (in review and published ones are the organizers')."""
    company = member.company
    if company is None:
        raise PermissionDenied("Only people at a member company write case studies.")
    if case_study is None:
        case_study = CaseStudy(company=company, author=member, industry=company.industry)
    elif case_study.company_id != member.company_id:
        raise PermissionDenied("This case study belongs to another company.")
    elif case_study.state != CaseStudy.State.DRAFT:
        raise ValidationError(
            f"This case study is {case_study.get_state_display().lower()}; only drafts change."
        )
    case_study.title = title
    case_study.challenge = challenge
    case_study.solution = solution
    case_study.results = results
    case_study.slug = _unique_slug(
        company=case_study.company, title=title, exclude_pk=case_study.pk
    )
    with transaction.atomic():
        case_study.full_clean()
        case_study.save()
        case_study.products.set(products)
    return case_study


def case_study_submit(*, case_study: CaseStudy, member: Member) -> CaseStudy:
    """Send a draft to the organizers for review."""
    if member.company_id != case_study.company_id:
        raise PermissionDenied("This case study belongs to another company.")
    if case_study.state != CaseStudy.State.DRAFT:
        raise ValidationError("Only a draft can be submitted for review.")
    case_study.state = CaseStudy.State.IN_REVIEW
    case_study.save(update_fields=["state", "updated_at"])
    return case_study


def case_study_publish(*, case_study: CaseStudy, actor: User, now: datetime.datetime) -> CaseStudy:
    """Publish a case study in review (organizers only); it joins the library and its feed."""
    if not is_organizer(actor):
        raise PermissionDenied("Only organizers publish case studies.")
    if case_study.state != CaseStudy.State.IN_REVIEW:
        raise ValidationError(
            f"“{case_study.title}” is {case_study.get_state_display().lower()}; "
            "only a case study in review can be published."
        )
    case_study.state = CaseStudy.State.PUBLISHED
    case_study.published_at = now
    case_study.full_clean()
    case_study.save(update_fields=["state", "published_at", "updated_at"])
    return case_study


def case_study_return_to_draft(*, case_study: CaseStudy, actor: User) -> CaseStudy:
    """Send a case study in review back to its authors as a draft (organizers only)."""
    if not is_organizer(actor):
        raise PermissionDenied("Only organizers review case studies.")
    if case_study.state != CaseStudy.State.IN_REVIEW:
        raise ValidationError(f"“{case_study.title}” is not in review.")
    case_study.state = CaseStudy.State.DRAFT
    case_study.save(update_fields=["state", "updated_at"])
    return case_study


# Announcements


def announcement_post(
    *, title: str, body: str, author: User, published_at: datetime.datetime
) -> Announcement:
    """Post the group's news (the admin's add form does the same through the model).
    Side effect: once committed, e-mail to everyone who wants announcements, at
    `published_at` (members.services.announcements)."""
    announcement = Announcement(
        title=title,
        slug=slugify(title)[:200],
        body=body,
        author=author,
        published_at=published_at,
    )
    announcement.full_clean()
    announcement.save()
    announcement_mail_schedule(announcement=announcement)
    return announcement
