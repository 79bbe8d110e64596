"""Share meta (Open Graph, Twitter card) of the members' public pages in members/views.py:
company, case study and news item; only what is public, escaped."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    AnnouncementFactory,
    CaseStudyFactory,
    MemberCompanyFactory,
    MemberFactory,
)
from tests.share_meta import HOSTILE, share_meta

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://guildhall.example.org"


def test_company_page_has_its_share_meta(client):
    company = MemberCompanyFactory(name=HOSTILE, slug="acme", description="We make rockets.")

    response = client.get(company.get_absolute_url())
    meta = share_meta(response)

    assert b"<script>alert" not in response.content
    assert (meta["og:title"], meta["og:description"], meta["og:url"], meta["twitter:card"]) == (
        HOSTILE,
        "We make rockets.",
        "https://guildhall.example.org/members/acme/",
        "summary",
    )


def test_company_page_without_description_describes_industry_and_country(client):
    company = MemberCompanyFactory(name="Acme", slug="acme", description="")

    meta = share_meta(client.get(company.get_absolute_url()))

    assert meta["og:description"] == "Acme: Software and internet, Netherlands."


def test_company_not_in_directory_is_404(client):
    company = MemberCompanyFactory(directory_opt_in=False)

    assert client.get(company.get_absolute_url()).status_code == 404


def test_published_case_study_has_its_share_meta(client):
    study = CaseStudyFactory(
        published=True, title=HOSTILE, slug="loads", company__name="Acme & Co", results="x " * 150
    )

    response = client.get(study.get_absolute_url())
    meta = share_meta(response)

    assert b"<script>alert" not in response.content
    assert (meta["og:title"], meta["og:type"], meta["og:url"]) == (
        HOSTILE,
        "article",
        f"https://guildhall.example.org/case-studies/{study.company.slug}/loads/",
    )
    assert meta["og:description"].startswith("Acme & Co: x x")
    assert (len(meta["og:description"]) <= 200, meta["og:description"][-1]) == (True, "…")


def test_draft_case_study_shown_to_its_company_has_no_share_meta(client):
    study = CaseStudyFactory(title="Secret migration")
    client.force_login(MemberFactory(company=study.company).user)

    response = client.get(study.get_absolute_url())

    assert response.status_code == 200
    assert b"Secret migration" in response.content
    assert share_meta(response) == {}


def test_draft_case_study_is_404_to_others(client):
    study = CaseStudyFactory(title="Secret migration")

    response = client.get(study.get_absolute_url())

    assert response.status_code == 404
    assert b"Secret migration" not in response.content


def test_announcement_page_has_its_share_meta(client):
    item = AnnouncementFactory(title=HOSTILE, slug="call-open", body="The call is open.\n\nSubmit.")

    response = client.get(item.get_absolute_url())
    meta = share_meta(response)

    assert b"<script>alert" not in response.content
    assert (meta["og:title"], meta["og:description"], meta["og:type"], meta["og:url"]) == (
        HOSTILE,
        "The call is open. Submit.",
        "article",
        "https://guildhall.example.org/news/call-open/",
    )


def test_announcement_not_yet_published_is_404(client):
    item = AnnouncementFactory(
        title="Embargoed news", published_at=timezone.now() + datetime.timedelta(days=1)
    )

    response = client.get(item.get_absolute_url())

    assert response.status_code == 404
    assert b"Embargoed news" not in response.content
