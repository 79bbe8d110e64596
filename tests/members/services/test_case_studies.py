"""Case studies from draft through review to publication
(members.services.case_studies)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from members.models import CaseStudy
from members.services.case_studies import (
    case_study_publish,
    case_study_return_to_draft,
    case_study_save,
    case_study_submit,
)
from tests.factories import CaseStudyFactory, MemberFactory, OrganizerFactory, ProductFactory

pytestmark = pytest.mark.django_db


def _save(member, **changes):
    fields = {
        "title": "Faster nightly loads",
        "challenge": "Nine hours.",
        "solution": "Incremental loads.",
        "results": "Nightly load from 9 h to 40 min.",
        "products": [],
        **changes,
    }
    return case_study_save(member=member, **fields)


def test_case_study_save_creates_draft_of_members_company():
    member = MemberFactory()
    product = ProductFactory()

    study = _save(member, products=[product])

    assert (study.company, study.state, study.slug, list(study.products.all()), study.author) == (
        member.company,
        CaseStudy.State.DRAFT,
        "faster-nightly-loads",
        [product],
        member,
    )


def test_case_study_save_same_title_gets_next_slug():
    member = MemberFactory()
    _save(member)

    assert _save(member).slug == "faster-nightly-loads-2"


def test_case_study_save_refused_for_person_without_company():
    with pytest.raises(PermissionDenied):
        _save(MemberFactory(company=None))


def test_case_study_save_of_other_company_refused():
    study = CaseStudyFactory()

    with pytest.raises(PermissionDenied):
        _save(MemberFactory(), case_study=study)


def test_case_study_save_in_review_refused():
    study = CaseStudyFactory(state=CaseStudy.State.IN_REVIEW)
    member = MemberFactory(company=study.company)

    with pytest.raises(ValidationError) as error:
        _save(member, case_study=study)

    assert error.value.messages == ["This case study is in review; only drafts change."]


def test_case_study_submit_then_publish():
    study = CaseStudyFactory()
    member = MemberFactory(company=study.company)
    now = timezone.now()

    case_study_submit(case_study=study, member=member)
    case_study_publish(case_study=study, actor=OrganizerFactory(), now=now)

    study.refresh_from_db()
    assert (study.state, study.published_at) == (CaseStudy.State.PUBLISHED, now)


def test_case_study_submit_by_other_company_refused():
    with pytest.raises(PermissionDenied):
        case_study_submit(case_study=CaseStudyFactory(), member=MemberFactory())


def test_case_study_publish_by_member_refused():
    study = CaseStudyFactory(state=CaseStudy.State.IN_REVIEW)

    with pytest.raises(PermissionDenied):
        case_study_publish(
            case_study=study, actor=MemberFactory(company=study.company).user, now=timezone.now()
        )


def test_case_study_publish_of_draft_refused():
    study = CaseStudyFactory(title="Half-written")

    with pytest.raises(ValidationError) as error:
        case_study_publish(case_study=study, actor=OrganizerFactory(), now=timezone.now())

    assert error.value.messages == [
        "“Half-written” is draft; only a case study in review can be published."
    ]


def test_case_study_return_to_draft_by_organizer():
    study = CaseStudyFactory(state=CaseStudy.State.IN_REVIEW)

    case_study_return_to_draft(case_study=study, actor=OrganizerFactory())

    assert study.state == CaseStudy.State.DRAFT
