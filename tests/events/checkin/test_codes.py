"""The signed check-in code on a badge (events/checkin/codes.py)."""

import pytest
from django.test import override_settings

from events.checkin.codes import (
    checkin_code,
    checkin_code_matches,
    checkin_code_registration_id,
)


def test_checkin_code_round_trips_to_its_registration():
    code = checkin_code(registration_id=1234, user_id=7)

    assert checkin_code_registration_id(code) == 1234
    assert checkin_code_matches(code, registration_id=1234, user_id=7)


def test_checkin_code_is_short_enough_to_type():
    code = checkin_code(registration_id=8000, user_id=12000)

    assert len(code) <= 16
    assert code.count("-") == 2


def test_checkin_code_typed_loosely_still_matches():
    code = checkin_code(registration_id=42, user_id=3)
    typed = " " + code.lower().replace("-", " ").replace("0", "o") + " "

    assert checkin_code_registration_id(typed) == 42
    assert checkin_code_matches(typed, registration_id=42, user_id=3)


def test_checkin_code_with_a_changed_mac_does_not_match():
    code = checkin_code(registration_id=42, user_id=3)
    last = "1" if code[-1] != "1" else "2"

    assert not checkin_code_matches(code[:-1] + last, registration_id=42, user_id=3)


def test_checkin_code_of_another_registration_does_not_match():
    code = checkin_code(registration_id=42, user_id=3)

    assert not checkin_code_matches(code, registration_id=43, user_id=3)
    assert not checkin_code_matches(code, registration_id=42, user_id=4)


NEW_KEY = "another key entirely, at least fifty characters long, for the test"


def test_checkin_code_depends_on_the_secret_key():
    code = checkin_code(registration_id=42, user_id=3)

    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[]):
        assert not checkin_code_matches(code, registration_id=42, user_id=3)


def test_checkin_code_printed_before_a_key_rotation_matches_while_the_old_key_is_a_fallback(
    settings,
):
    code = checkin_code(registration_id=42, user_id=3)

    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]):
        assert checkin_code_matches(code, registration_id=42, user_id=3)


@pytest.mark.parametrize(
    "text", ["", "hello", "ABCDEFGHIJ", "UUUU-UUUUU-UUUUU", "1" * 41, "é" * 12]
)
def test_checkin_code_registration_id_refuses_what_cannot_be_a_code(text):
    assert checkin_code_registration_id(text) is None
