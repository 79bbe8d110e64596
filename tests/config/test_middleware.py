"""NUL characters in a query string (config/middleware.py): PostgreSQL refuses them in a
query, so every page, the admin and the API answer 400 before any view runs. Run on
SQLite and PostgreSQL."""

import pytest

from events.models import Submission
from members.models import MemberCompany
from tests.api.conftest import error
from tests.conftest import admin_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [{"state": "\x00"}, {"q": "orbit\x00"}, {"track__slug": "a\x00b"}, {"o\x00": "1"}],
)
def test_admin_changelist_with_nul_in_the_query_answers_400(organizer_client, query):
    response = organizer_client.get(admin_url(Submission, "changelist"), query)

    assert response.status_code == 400


def test_admin_company_filters_with_nul_answer_400(organizer_client):
    response = organizer_client.get(
        admin_url(MemberCompany, "changelist"), {"industry": "\x00", "country": "\x00"}
    )

    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/case-studies/", "/members/", "/schedule/"])
def test_site_page_with_nul_in_the_query_answers_400(client, url):
    response = client.get(url, {"product": "orbit\x00stream", "q": "\x00"})

    assert response.status_code == 400


@pytest.mark.parametrize(
    "query", [{"search": "\x00"}, {"conference": "orbit\x00summit"}, {"ordering": "\x00"}]
)
def test_api_with_nul_in_the_query_answers_json_400(client, query):
    response = client.get("/api/v1/tracks/", query)

    assert error(response)[:2] == (400, "invalid")


def test_query_without_nul_passes(client):
    response = client.get("/case-studies/", {"q": "orbit"})

    assert response.status_code == 200
