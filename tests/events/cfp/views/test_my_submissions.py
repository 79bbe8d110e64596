"""My submissions (events/cfp/views.py): the speaker's submit, confirm and withdraw
buttons, and the list of talks with their state, next step, history, co-speakers and
open invitations, within a query budget."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Submission, SubmissionTransition
from tests.events.cfp.views.conftest import State, messages_of
from tests.factories import (
    MemberFactory,
    SubmissionFactory,
    SubmissionInvitationFactory,
    SubmissionTransitionFactory,
)

pytestmark = pytest.mark.django_db


# Submit, confirm and withdraw from My submissions


def test_submit_button_submits_a_draft(speaker_client, draft):
    response = speaker_client.post(reverse("events:submission_submit", args=["summit", draft.pk]))

    assert (response.status_code, Submission.objects.get(pk=draft.pk).state) == (302, "submitted")


def test_submit_after_deadline_refused_with_reason(speaker_client, draft):
    conference = draft.conference
    conference.cfp_closes_at = timezone.now() - datetime.timedelta(seconds=1)
    conference.save()

    response = speaker_client.post(reverse("events:submission_submit", args=["summit", draft.pk]))

    assert messages_of(response) == [f"The call for papers for {conference.name} is closed."]
    assert Submission.objects.get(pk=draft.pk).state == State.DRAFT


def test_submit_is_post_only(speaker_client, draft):
    response = speaker_client.get(reverse("events:submission_submit", args=["summit", draft.pk]))

    assert response.status_code == 405


def test_confirm_accepted_talk(speaker_client, draft):
    Submission.objects.filter(pk=draft.pk).update(state=State.ACCEPTED)

    response = speaker_client.post(reverse("events:submission_confirm", args=["summit", draft.pk]))

    assert Submission.objects.get(pk=draft.pk).state == State.CONFIRMED
    assert messages_of(response) == ["Thank you: you will present “First title”."]


def test_confirm_of_draft_refused(speaker_client, draft):
    response = speaker_client.post(reverse("events:submission_confirm", args=["summit", draft.pk]))

    assert messages_of(response) == ["A draft submission cannot become confirmed."]


def test_withdraw_asks_then_withdraws_with_reason(speaker_client, draft, speaker):
    url = reverse("events:submission_withdraw", args=["summit", draft.pk])

    page = speaker_client.get(url)
    response = speaker_client.post(url, {"reason": "Changed jobs"})

    assert page.status_code == 200
    assert "Withdraw “First title”?" in page.content.decode()
    assert response.status_code == 302
    assert list(SubmissionTransition.objects.values_list("to_state", "actor", "note")) == [
        ("withdrawn", speaker.user.pk, "Changed jobs")
    ]


def test_withdraw_someone_elses_submission_is_404(client, draft):
    client.force_login(MemberFactory().user)

    response = client.post(reverse("events:submission_withdraw", args=["summit", draft.pk]))

    assert (response.status_code, Submission.objects.get(pk=draft.pk).state) == (404, "draft")


# My submissions


def test_my_submissions_shows_state_next_step_and_history(speaker_client, speaker, conference):
    submission = SubmissionFactory(
        conference=conference,
        speakers=[speaker],
        state=State.ACCEPTED,
        title="<script>alert('title')</script>",
    )
    SubmissionTransitionFactory(
        submission=submission, from_state="draft", to_state="submitted", actor=speaker.user
    )
    SubmissionTransitionFactory(
        submission=submission, from_state="submitted", to_state="accepted", actor=speaker.user
    )
    SubmissionFactory(title="Not mine")

    response = speaker_client.get(reverse("events:my_submissions"))

    text = response.content.decode()
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in text
    assert "<script>alert" not in text
    assert "Not mine" not in text
    assert "Accepted! Please confirm" in text
    assert "draft → submitted" in text
    assert "submitted → accepted" in text
    assert reverse("events:submission_confirm", args=["summit", submission.pk]) in text


def test_my_submissions_lists_co_speakers_talks_and_open_invitations(client, conference):
    primary, co_speaker = MemberFactory(), MemberFactory()
    submission = SubmissionFactory(
        conference=conference, speakers=[primary, co_speaker], title="Shared"
    )
    SubmissionInvitationFactory(submission=submission, email="lin@example.org")
    client.force_login(co_speaker.user)

    response = client.get(reverse("events:my_submissions"))

    text = response.content.decode()
    assert "Shared" in text
    assert "lin@example.org (invited)" in text


@pytest.mark.parametrize("count", [1, 5])
def test_my_submissions_queries_do_not_grow(
    speaker_client, speaker, django_assert_num_queries, count
):
    for _ in range(count):
        submission = SubmissionFactory(speakers=[speaker, MemberFactory()])
        SubmissionTransitionFactory(submission=submission, actor=speaker.user)
        SubmissionInvitationFactory(submission=submission)

    with django_assert_num_queries(8):
        response = speaker_client.get(reverse("events:my_submissions"))

    assert len(response.context["submissions"]) == count


def test_my_submissions_needs_login(client):
    assert client.get(reverse("events:my_submissions")).status_code == 302


# Deleting a draft, and actions that match the sentence


def test_delete_asks_then_deletes_a_never_submitted_draft(speaker_client, draft):
    url = reverse("events:submission_delete", args=["summit", draft.pk])

    page = speaker_client.get(url)
    still_there = Submission.objects.filter(pk=draft.pk).exists()
    response = speaker_client.post(url)

    assert page.status_code == 200
    assert "Delete the draft “First title”?" in page.content.decode()
    assert still_there
    assert response.status_code == 302
    assert response["Location"] == reverse("events:my_submissions")
    assert messages_of(response) == ["The draft “First title” is deleted."]
    assert not Submission.objects.filter(pk=draft.pk).exists()


def test_delete_someone_elses_draft_is_404(client, draft):
    client.force_login(MemberFactory().user)

    response = client.post(reverse("events:submission_delete", args=["summit", draft.pk]))

    assert response.status_code == 404
    assert Submission.objects.filter(pk=draft.pk).exists()


def test_delete_by_co_speaker_refused_with_reason(client, draft):
    co_speaker = MemberFactory()
    draft.submission_speakers.create(member=co_speaker, is_primary=False, order=1)
    client.force_login(co_speaker.user)

    response = client.post(reverse("events:submission_delete", args=["summit", draft.pk]))

    assert messages_of(response) == ["Only the primary speaker may delete this draft."]
    assert Submission.objects.filter(pk=draft.pk).exists()


def test_delete_of_submitted_talk_refused_with_reason(speaker_client, draft):
    Submission.objects.filter(pk=draft.pk).update(state=State.SUBMITTED)

    response = speaker_client.post(reverse("events:submission_delete", args=["summit", draft.pk]))

    assert messages_of(response) == [
        "Only a draft that was never submitted can be deleted; withdraw it instead."
    ]
    assert Submission.objects.filter(pk=draft.pk).exists()


def test_delete_needs_login(client, draft):
    response = client.post(reverse("events:submission_delete", args=["summit", draft.pk]))

    assert response.status_code == 302
    assert Submission.objects.filter(pk=draft.pk).exists()


def actions_of(html: str, submission) -> dict[str, str]:
    """The card's action buttons and links: their text and class."""
    start = html.index(f'id="submission-{submission.pk}"')
    card = html[start : html.index("</article>", start)]
    return dict(
        (text, cls)
        for cls, text in re.findall(
            r'class="(button[^"]*)"[^>]*>([^<]+)</(?:a|button)>',
            card[card.index('class="submission-actions"') :],
        )
    )


def test_my_submissions_offers_delete_for_a_draft_and_says_so(speaker_client, draft):
    response = speaker_client.get(reverse("events:my_submissions"))

    html = response.content.decode()
    assert "submit it before" in html
    assert "or delete the draft" in html
    assert actions_of(html, draft) == {
        "Edit": "button button-secondary",
        "Submit": "button",
        "Delete draft": "button button-text-danger",
    }
    assert reverse("events:submission_delete", args=["summit", draft.pk]) in html


def test_my_submissions_draft_of_closed_call_offers_delete_only(speaker_client, draft):
    conference = draft.conference
    conference.cfp_closes_at = timezone.now() - datetime.timedelta(seconds=1)
    conference.save()

    response = speaker_client.get(reverse("events:my_submissions"))

    html = response.content.decode()
    assert "Never submitted; the call for papers is closed. You can delete the draft." in html
    assert actions_of(html, draft) == {"Delete draft": "button button-text-danger"}


def test_my_submissions_offers_withdraw_where_the_sentence_says_so(speaker_client, draft):
    Submission.objects.filter(pk=draft.pk).update(
        state=State.SUBMITTED, submitted_at=timezone.now()
    )

    response = speaker_client.get(reverse("events:my_submissions"))

    html = response.content.decode()
    assert "You can edit it until" in html
    assert "or withdraw it." in html
    assert actions_of(html, draft) == {
        "Edit": "button button-secondary",
        "Withdraw": "button button-text-danger",
    }


def test_my_submissions_co_speaker_of_draft_gets_no_delete(client, draft):
    co_speaker = MemberFactory()
    draft.submission_speakers.create(member=co_speaker, is_primary=False, order=1)
    client.force_login(co_speaker.user)

    response = client.get(reverse("events:my_submissions"))

    html = response.content.decode()
    assert "Delete draft" not in html
    assert "delete the draft" not in html


def test_my_submissions_tells_the_speaker_of_an_alternate(speaker_client, speaker, conference):
    submission = SubmissionFactory(conference=conference, speakers=[speaker], state=State.ALTERNATE)

    text = speaker_client.get(reverse("events:my_submissions")).content.decode()

    assert "Accepted as an alternate: it is not on the agenda" in text
    assert reverse("events:submission_withdraw", args=["summit", submission.pk]) in text
    assert reverse("events:submission_confirm", args=["summit", submission.pk]) not in text
