"""The speaker and conference the call for papers tests build on, and helpers that read
what a service refused and who speaks on a submission."""

import pytest

from events.models import SubmissionSpeaker
from tests.factories import ConferenceFactory, MemberFactory


@pytest.fixture
def speaker():
    """A member at a company in good standing whose tier may submit talks, at the address
    the e-mail and co-speaker tests look for."""
    return MemberFactory(user__email="ada@orbit.example")


@pytest.fixture
def conference():
    return ConferenceFactory()


def code_of(error) -> str:
    return error.value.error_list[0].code


def speakers_of(submission) -> list[tuple[str, bool]]:
    return list(
        SubmissionSpeaker.objects.filter(submission=submission)
        .order_by("-is_primary", "order")
        .values_list("member__user__email", "is_primary")
    )
