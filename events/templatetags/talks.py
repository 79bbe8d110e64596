"""Template tags that put a conference's talks on pages of other apps: the directory's
company page and the case-study page list the talks given by the company or presenting the
study. The members app imports nothing from events; its templates load these tags."""

from django import template
from django.db.models import QuerySet

from events.models import Slot
from events.schedule.selectors import talk_slots_released
from members.models import CaseStudy, MemberCompany

register = template.Library()


@register.simple_tag
def released_talks(
    *, company: MemberCompany | None = None, case_study: CaseStudy | None = None
) -> QuerySet[Slot]:
    """`{% released_talks company=company as talks %}`: the released talks of the company
    or of the case study, newest conference first, in one query."""
    return talk_slots_released(company=company, case_study=case_study)
