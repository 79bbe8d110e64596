"""The members' own pages: the API token page."""

import pytest
from django.urls import reverse

from members.models import ApiToken
from members.services.api_tokens import API_TOKENS_PER_USER
from tests.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/account/api-tokens/"


@pytest.fixture
def user_client(client):
    user = UserFactory(username="ada")
    client.force_login(user)
    client.user = user
    return client


def test_api_tokens_page_lists_only_the_callers_tokens(user_client):
    ApiTokenFactory(user=user_client.user, name="CRM sync")
    ApiTokenFactory(name="Someone else's")

    response = user_client.get(URL)

    assert (response.status_code, [t.name for t in response.context["tokens"]]) == (
        200,
        ["CRM sync"],
    )


def test_api_tokens_page_shows_a_new_key_once_and_stores_its_digest(user_client):
    response = user_client.post(URL, {"name": "Intranet"})
    key = response.context["new_key"]
    token = ApiToken.objects.get(user=user_client.user)

    again = user_client.get(URL)

    assert (
        response.status_code,
        key.encode() in response.content,
        token.digest == ApiToken.digest_of(key),
        key.encode() in again.content,
    ) == (200, True, True, False)


def test_api_tokens_page_refuses_a_repeated_name_next_to_the_field(user_client):
    ApiTokenFactory(user=user_client.user, name="Intranet")

    response = user_client.post(URL, {"name": "Intranet"})

    assert (response.status_code, list(response.context["form"].errors)) == (400, ["name"])


def test_api_tokens_page_refuses_more_than_the_limit(user_client):
    ApiTokenFactory.create_batch(API_TOKENS_PER_USER, user=user_client.user)

    response = user_client.post(URL, {"name": "One too many"})

    assert (response.status_code, list(response.context["form"].non_field_errors())) == (
        400,
        [f"You already have {API_TOKENS_PER_USER} tokens; revoke one you no longer use."],
    )


def test_api_tokens_page_escapes_token_names(user_client):
    ApiTokenFactory(user=user_client.user, name="<script>alert(1)</script>")

    response = user_client.get(URL)

    assert (b"<script>alert" in response.content, b"&lt;script&gt;alert" in response.content) == (
        False,
        True,
    )


def test_api_token_revoke_deletes_the_callers_token(user_client):
    token = ApiTokenFactory(user=user_client.user)

    response = user_client.post(reverse("members:api_token_revoke", args=[token.pk]))

    assert (response.status_code, ApiToken.objects.filter(pk=token.pk).exists()) == (302, False)


def test_api_token_revoke_of_someone_elses_token_answers_404(user_client):
    token = ApiTokenFactory()

    response = user_client.post(reverse("members:api_token_revoke", args=[token.pk]))

    assert (response.status_code, ApiToken.objects.filter(pk=token.pk).exists()) == (404, True)


def test_api_token_revoke_by_get_is_refused(user_client):
    token = ApiTokenFactory(user=user_client.user)

    response = user_client.get(reverse("members:api_token_revoke", args=[token.pk]))

    assert (response.status_code, ApiToken.objects.filter(pk=token.pk).exists()) == (405, True)


def test_api_tokens_page_sends_anonymous_visitors_to_login(client):
    response = client.get(URL)

    assert (response.status_code, response["Location"].startswith("/accounts/login/")) == (
        302,
        True,
    )
