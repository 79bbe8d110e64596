"""Seed the case-study library: each company's case studies, most published."""

import datetime

from demo.data.case_studies import CASE_STUDIES
from members.models import CaseStudy, Member, MemberCompany, Product


def case_studies_create(
    *,
    companies: dict[str, MemberCompany],
    people: dict[str, Member],
    products: dict[str, Product],
    now: datetime.datetime,
) -> dict[str, CaseStudy]:
    """The case studies by slug, each in the state the demo leaves it."""
    case_studies = {}
    for entry in CASE_STUDIES:
        days_ago = entry["published_days_ago"]
        case_studies[entry["slug"]] = CaseStudy(
            company=companies[entry["company"]],
            title=entry["title"],
            slug=entry["slug"],
            industry=companies[entry["company"]].industry,
            challenge=entry["challenge"],
            solution=entry["solution"],
            results=entry["results"],
            state=entry["state"],
            author=people[entry["author"]],
            published_at=now - datetime.timedelta(days=days_ago) if days_ago is not None else None,
        )
    CaseStudy.objects.bulk_create(case_studies.values())
    through = CaseStudy.products.through
    through.objects.bulk_create(
        [
            through(casestudy_id=case_studies[entry["slug"]].pk, product_id=product.pk)
            for entry in CASE_STUDIES
            for product in (products[slug] for slug in entry["products"])
        ]
    )
    return case_studies
