"""API tokens: creation, limits and use (members.services.api_tokens)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from members.models import ApiToken
from members.services.api_tokens import API_TOKENS_PER_USER, api_token_create, api_token_touch
from tests.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_api_token_create_stores_only_the_digest_of_the_key():
    user = UserFactory()

    token, key = api_token_create(user=user, name="CRM")

    assert (
        key.startswith("gh_"),
        len(key) > 40,
        token.digest == ApiToken.digest_of(key),
        key in (token.digest, token.prefix),
        token.prefix == key[:10],
    ) == (True, True, True, False, True)


def test_api_token_create_refuses_an_empty_name():
    with pytest.raises(ValidationError) as refusal:
        api_token_create(user=UserFactory(), name="   ")

    assert list(refusal.value.error_dict) == ["name"]


def test_api_token_create_refuses_beyond_the_limit():
    user = UserFactory()
    ApiTokenFactory.create_batch(API_TOKENS_PER_USER, user=user)

    with pytest.raises(ValidationError) as refusal:
        api_token_create(user=user, name="One more")

    assert refusal.value.code == "too_many_tokens"


def test_api_token_touch_writes_at_most_once_a_minute():
    token = ApiTokenFactory()
    now = timezone.now()

    api_token_touch(token=token, now=now)
    api_token_touch(token=token, now=now + datetime.timedelta(seconds=30))
    token.refresh_from_db()

    assert token.last_used_at == now
