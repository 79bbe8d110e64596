"""Seed the case-study library the way members and organizers fill it: the author writes a
draft (`case_study_save`) and sends it for review (`case_study_submit`), and the organizer
publishes it (`case_study_publish`) on the day the demo says.

`case_study_save` derives the slug from the title and takes no slug; the demo keeps its
shorter slugs, so each is then set as an organizer sets one in the admin.
"""

import datetime

from django.contrib.auth.models import User

from demo.data.case_studies import CASE_STUDIES
from demo.seed.common import SeedError
from members.models import CaseStudy, Member, Product
from members.services.case_studies import case_study_publish, case_study_save, case_study_submit


def case_studies_create(
    *,
    people: dict[str, Member],
    products: dict[str, Product],
    organizer: User,
    now: datetime.datetime,
) -> dict[str, CaseStudy]:
    """The case studies by slug, each in the state the demo leaves it."""
    case_studies = {}
    for entry in CASE_STUDIES:
        author = people[entry["author"]]
        if author.company is None or author.company.slug != entry["company"]:
            raise SeedError(
                f"Demo data error: {entry['author']} does not work at {entry['company']}, "
                f"so cannot write “{entry['title']}”."
            )
        case_study = case_study_save(
            member=author,
            title=entry["title"],
            challenge=entry["challenge"],
            solution=entry["solution"],
            results=entry["results"],
            products=[products[slug] for slug in entry["products"]],
        )
        if entry["state"] != CaseStudy.State.DRAFT:
            case_study_submit(case_study=case_study, member=author)
        if entry["state"] == CaseStudy.State.PUBLISHED:
            days_ago = entry["published_days_ago"]
            if days_ago is None:
                raise SeedError(f"Demo data error: “{entry['title']}” is published but undated.")
            case_study_publish(
                case_study=case_study, actor=organizer, now=now - datetime.timedelta(days=days_ago)
            )
        case_study.slug = entry["slug"]
        case_study.full_clean()
        case_study.save(update_fields=["slug", "updated_at"])
        case_studies[entry["slug"]] = case_study
    return case_studies
