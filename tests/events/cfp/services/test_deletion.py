"""Deleting a draft (events/cfp/services.py: submission_delete): only a draft that was never
submitted, only by its primary speaker; anything else is withdrawn instead."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.cfp.services import submission_delete
from events.models import Submission, SubmissionInvitation, SubmissionSpeaker
from tests.events.cfp.services.conftest import DRAFT, State
from tests.factories import (
    MemberFactory,
    OrganizerFactory,
    SubmissionFactory,
    SubmissionInvitationFactory,
)

pytestmark = pytest.mark.django_db


def test_submission_delete_removes_a_never_submitted_draft_and_its_invitations(speaker):
    co_speaker = MemberFactory()
    draft = SubmissionFactory(state=DRAFT, speakers=[speaker, co_speaker])
    SubmissionInvitationFactory(submission=draft)

    submission_delete(submission=draft, actor=speaker.user)

    assert not Submission.objects.filter(pk=draft.pk).exists()
    assert not SubmissionSpeaker.objects.filter(submission_id=draft.pk).exists()
    assert not SubmissionInvitation.objects.filter(submission_id=draft.pk).exists()


@pytest.mark.parametrize(
    "state", [State.SUBMITTED, State.ACCEPTED, State.CONFIRMED, State.REJECTED, State.WITHDRAWN]
)
def test_submission_delete_refuses_what_was_submitted(speaker, state):
    submission = SubmissionFactory(state=state, speakers=[speaker])

    with pytest.raises(ValidationError) as refused:
        submission_delete(submission=submission, actor=speaker.user)

    assert refused.value.code == "not_draft"
    assert Submission.objects.filter(pk=submission.pk).exists()


def test_submission_delete_refuses_a_draft_once_submitted(speaker):
    draft = SubmissionFactory(state=DRAFT, speakers=[speaker], submitted_at=timezone.now())

    with pytest.raises(ValidationError) as refused:
        submission_delete(submission=draft, actor=speaker.user)

    assert refused.value.code == "not_draft"
    assert Submission.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("who", ["co-speaker", "stranger", "organizer"])
def test_submission_delete_refuses_anyone_but_the_primary_speaker(speaker, who):
    co_speaker = MemberFactory()
    draft = SubmissionFactory(state=DRAFT, speakers=[speaker, co_speaker])
    actor = {
        "co-speaker": co_speaker.user,
        "stranger": MemberFactory().user,
        "organizer": OrganizerFactory(),
    }[who]

    with pytest.raises(ValidationError) as refused:
        submission_delete(submission=draft, actor=actor)

    assert refused.value.code == "not_allowed"
    assert Submission.objects.filter(pk=draft.pk).exists()
