"""Template tags that put a conference's talks on pages of other apps: the directory's
company page and the case-study page list the talks given by the company or presenting the
study, with their slides and recordings. The members app imports nothing from events; its
templates load these tags."""

from django import template
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from events.cfp.selectors import (
    MaterialsViewer,
    SessionMaterials,
    materials_viewer,
    session_materials,
)
from events.models import Conference, Slot, Submission
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


_VIEWER = "_materials_viewer"


def _viewer(request: HttpRequest) -> MaterialsViewer:
    """The viewer of the page, read once per request however many talks it shows."""
    viewer = getattr(request, _VIEWER, None)
    if viewer is None:
        viewer = materials_viewer(user=request.user, on=timezone.localdate())
        setattr(request, _VIEWER, viewer)
    return viewer


@register.simple_tag(takes_context=True)
def talk_materials(
    context: template.Context, submission: Submission | None, conference: Conference
) -> SessionMaterials | None:
    """`{% talk_materials slot.submission conference as materials %}`: the talk's slides
    and recording as the visitor may see them (events.cfp.selectors.session_materials), or
    None when it has neither."""
    if submission is None or not (submission.slides or submission.recording_url):
        return None  # without asking who the visitor is
    return session_materials(
        viewer=_viewer(context["request"]),
        submission=submission,
        now=timezone.now(),
        conference=conference,
    )
