"""The call for papers on the site: the CfP page, the proposal form, My submissions, the
speaker's confirm and withdraw, and the co-speaker invitation link."""

import datetime
import uuid

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from events.cfp.invitations import INVITATION_MAX_AGE, invitation_token
from events.models import Submission, SubmissionInvitation, SubmissionTransition
from members.models import Membership
from tests.factories import (
    PASSWORD,
    CaseStudyFactory,
    ConferenceFactory,
    MemberFactory,
    SessionFormatFactory,
    SubmissionFactory,
    SubmissionInvitationFactory,
    SubmissionTransitionFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

State = Submission.State


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def conference():
    return ConferenceFactory(
        slug="summit",
        timezone="America/Chicago",
        cfp_text="We want <script>alert('cfp')</script> stories.",
        cfp_closes_at=timezone.now() + datetime.timedelta(days=3),
    )


@pytest.fixture
def case_study_format(conference):
    return SessionFormatFactory(conference=conference, name="Case study", duration_minutes=30)


@pytest.fixture
def speaker():
    return MemberFactory(user__email="ada@orbit.example", user__first_name="Ada")


@pytest.fixture
def speaker_client(client, speaker):
    client.force_login(speaker.user)
    return client


def form_data(session_format, **changes) -> dict:
    return {
        "title": "Streaming at Orbit",
        "abstract": "From nightly batches to streams.",
        "outline": "",
        "format": session_format.pk,
        "track": "",
        "audience_level": "intermediate",
        "co_speakers": "",
        "notes": "",
        "creation_key": str(uuid.uuid4()),
        "action": "draft",
        **changes,
    }


# The public CfP page


def test_cfp_page_shows_formats_tracks_and_deadline_in_conference_timezone(
    client, conference, case_study_format
):
    TrackFactory(conference=conference, name="Pipelines")
    conference.cfp_closes_at = datetime.datetime(2099, 3, 1, 11, 0, tzinfo=datetime.UTC)
    conference.save()

    response = client.get(reverse("events:cfp", args=["summit"]))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Sunday 1 March 2099, 05:00" in text
    assert "America/Chicago" in text
    assert "Case study" in text
    assert "30 minutes" in text
    assert "Pipelines" in text
    assert "Intermediate" in text
    assert "&lt;script&gt;alert(&#x27;cfp&#x27;)&lt;/script&gt;" in text
    assert "<script>alert" not in text


@pytest.mark.parametrize(
    ("opens", "closes", "expected"),
    [(-5, 5, "left."), (5, 10, "Opens soon"), (-10, -5, "Closed")],
)
def test_cfp_page_shows_state(client, opens, closes, expected):
    now = timezone.now()
    ConferenceFactory(
        slug="summit",
        cfp_opens_at=now + datetime.timedelta(days=opens),
        cfp_closes_at=now + datetime.timedelta(days=closes),
    )

    response = client.get(reverse("events:cfp", args=["summit"]))

    assert expected in response.content.decode()


def test_cfp_page_asks_visitor_to_log_in(client, conference):
    response = client.get(reverse("events:cfp", args=["summit"]))

    text = response.content.decode()
    assert "Log in</a> to submit a proposal" in text
    assert "Submit a proposal</a>" not in text


def test_cfp_page_offers_the_form_to_eligible_member(speaker_client, conference):
    response = speaker_client.get(reverse("events:cfp", args=["summit"]))

    assert reverse("events:submission_new", args=["summit"]) in response.content.decode()


@pytest.mark.parametrize(
    ("make_member", "expected"),
    [
        (
            lambda: MemberFactory(
                company__name="Nimbus", company__membership__state=Membership.State.LAPSED
            ),
            "Nimbus&#x27;s membership is not active. Your company&#x27;s primary contact can "
            "renew it.",
        ),
        (
            lambda: MemberFactory(company__membership__tier__may_submit_talks=False),
            "does not include talks",
        ),
        (lambda: UserFactory(), "Only people at a member company can submit talks."),
    ],
    ids=["lapsed", "tier", "no-member"],
)
def test_cfp_page_tells_ineligible_person_why_and_what_to_do(
    client, conference, make_member, expected
):
    person = make_member()
    client.force_login(getattr(person, "user", person))

    response = client.get(reverse("events:cfp", args=["summit"]))

    text = response.content.decode()
    assert expected in text
    assert reverse("events:submission_new", args=["summit"]) not in text


def test_cfp_page_of_unknown_conference_is_404(client):
    assert client.get(reverse("events:cfp", args=["nope"])).status_code == 404


def test_cfp_index_lists_announced_calls(client, conference):
    ConferenceFactory(name="Unannounced", cfp_opens_at=None, cfp_closes_at=None)

    response = client.get(reverse("events:cfp_index"))

    text = response.content.decode()
    assert reverse("events:cfp", args=["summit"]) in text
    assert "Unannounced" not in text


# Proposing


def test_new_proposal_form_needs_login(client, conference):
    url = reverse("events:submission_new", args=["summit"])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_new_proposal_saved_as_draft(speaker_client, conference, case_study_format):
    response = speaker_client.post(
        reverse("events:submission_new", args=["summit"]), form_data(case_study_format)
    )

    submission = Submission.objects.get()
    assert (response.status_code, response["Location"]) == (302, reverse("events:my_submissions"))
    assert (submission.title, submission.state, mail.outbox) == (
        "Streaming at Orbit",
        State.DRAFT,
        [],
    )


def test_new_proposal_submitted_at_once_sends_receipt(
    speaker_client, conference, case_study_format, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = speaker_client.post(
            reverse("events:submission_new", args=["summit"]),
            form_data(case_study_format, action="submit", co_speakers="lin@example.org"),
        )

    submission = Submission.objects.get()
    assert (response.status_code, submission.state) == (302, State.SUBMITTED)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ada@orbit.example",
        "lin@example.org",
    ]
    invitation_mail = next(m for m in mail.outbox if m.to == ["lin@example.org"])
    assert "http://testserver/cfp/invitations/" in invitation_mail.body


def test_new_proposal_double_click_makes_one(speaker_client, conference, case_study_format):
    data = form_data(case_study_format, action="submit")
    url = reverse("events:submission_new", args=["summit"])

    first = speaker_client.post(url, data)
    second = speaker_client.post(url, data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert Submission.objects.count() == 1
    assert Submission.objects.get().state == State.SUBMITTED
    assert SubmissionTransition.objects.count() == 1


def test_new_proposal_with_over_length_abstract_comes_back_filled(
    speaker_client, conference, case_study_format
):
    abstract = ("Streams " * 200).strip()

    response = speaker_client.post(
        reverse("events:submission_new", args=["summit"]),
        form_data(case_study_format, abstract=abstract, outline="My outline <b>kept</b>"),
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors["abstract"] == [
        f"Ensure this value has at most 1500 characters (it has {len(abstract)})."
    ]
    assert (form["abstract"].value(), form["outline"].value()) == (
        abstract,
        "My outline <b>kept</b>",
    )
    assert "My outline &lt;b&gt;kept&lt;/b&gt;" in response.content.decode()
    assert Submission.objects.count() == 0


def test_new_proposal_without_title_names_the_field(speaker_client, conference, case_study_format):
    response = speaker_client.post(
        reverse("events:submission_new", args=["summit"]), form_data(case_study_format, title="")
    )

    assert response.context["form"].errors == {"title": ["This field is required."]}
    assert 'id="id_title_error"' in response.content.decode()


def test_new_proposal_with_bad_co_speaker_address_names_it_with_other_errors(
    speaker_client, conference, case_study_format
):
    response = speaker_client.post(
        reverse("events:submission_new", args=["summit"]),
        form_data(case_study_format, title="", co_speakers="lin@example.org\nnot-an-address"),
    )

    assert response.context["form"].errors == {
        "title": ["This field is required."],
        "co_speakers": ["Not an e-mail address: not-an-address."],
    }
    assert response.context["form"]["co_speakers"].value() == "lin@example.org\nnot-an-address"
    assert Submission.objects.count() == 0


def test_new_proposal_after_deadline_refused(speaker_client, case_study_format):
    conference = case_study_format.conference
    conference.cfp_closes_at = timezone.now() - datetime.timedelta(seconds=1)
    conference.cfp_opens_at = conference.cfp_closes_at - datetime.timedelta(days=30)
    conference.save()

    response = speaker_client.post(
        reverse("events:submission_new", args=["summit"]), form_data(case_study_format)
    )

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("events:cfp", args=["summit"]),
    )
    assert messages_of(response) == ["The call for papers is not open."]
    assert Submission.objects.count() == 0


def test_new_proposal_by_ineligible_member_refused(client, conference, case_study_format):
    client.force_login(MemberFactory(company__membership__state=Membership.State.LAPSED).user)

    response = client.post(
        reverse("events:submission_new", args=["summit"]), form_data(case_study_format)
    )

    assert response.status_code == 302
    assert "membership is not active" in messages_of(response)[0]
    assert Submission.objects.count() == 0


def test_new_proposal_with_too_many_co_speakers_names_the_limit(
    speaker_client, conference, case_study_format
):
    addresses = "\n".join(f"person{n}@example.org" for n in range(5))

    response = speaker_client.post(
        reverse("events:submission_new", args=["summit"]),
        form_data(case_study_format, co_speakers=addresses),
    )

    assert response.context["form"].errors == {
        "co_speakers": ["A proposal has at most 4 co-speakers."]
    }
    assert Submission.objects.count() == 0


def test_new_proposal_offers_only_own_companys_case_studies(speaker_client, speaker, conference):
    own = CaseStudyFactory(company=speaker.company, title="Our streams")
    CaseStudyFactory(title="Someone else's")

    response = speaker_client.get(reverse("events:submission_new", args=["summit"]))

    assert list(response.context["form"].fields["case_study"].queryset) == [own]


# Editing


@pytest.fixture
def draft(conference, speaker, case_study_format):
    return SubmissionFactory(
        conference=conference, speakers=[speaker], format=case_study_format, title="First title"
    )


def test_edit_form_filled_with_the_proposal_and_co_speakers(speaker_client, draft):
    co_speaker = MemberFactory(user__email="grace@nimbus.example")
    draft.submission_speakers.create(member=co_speaker, order=1)
    SubmissionInvitationFactory(submission=draft, email="lin@example.org")

    response = speaker_client.get(reverse("events:submission_edit", args=["summit", draft.pk]))

    form = response.context["form"]
    assert (form["title"].value(), form["co_speakers"].value()) == (
        "First title",
        "grace@nimbus.example\nlin@example.org",
    )


def test_edit_saves_and_submits(speaker_client, draft, case_study_format):
    response = speaker_client.post(
        reverse("events:submission_edit", args=["summit", draft.pk]),
        form_data(case_study_format, title="Better title", action="submit"),
    )

    draft.refresh_from_db()
    assert (response.status_code, draft.title, draft.state) == (302, "Better title", "submitted")


def test_edit_someone_elses_submission_is_404(client, draft, case_study_format):
    client.force_login(MemberFactory().user)
    url = reverse("events:submission_edit", args=["summit", draft.pk])

    assert (
        client.get(url).status_code,
        client.post(url, form_data(case_study_format)).status_code,
    ) == (404, 404)
    assert Submission.objects.get(pk=draft.pk).title == "First title"


def test_edit_under_another_conference_slug_is_404(speaker_client, draft):
    ConferenceFactory(slug="other")

    response = speaker_client.get(reverse("events:submission_edit", args=["other", draft.pk]))

    assert response.status_code == 404


def test_edit_after_deadline_comes_back_with_the_text_and_the_reason(
    speaker_client, draft, case_study_format
):
    url = reverse("events:submission_edit", args=["summit", draft.pk])
    speaker_client.get(url)
    conference = draft.conference
    conference.cfp_closes_at = timezone.now() - datetime.timedelta(seconds=1)
    conference.save()

    response = speaker_client.post(url, form_data(case_study_format, title="Too late"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"The call for papers for {conference.name} has closed; submissions can no longer be "
        "edited."
    ]
    assert response.context["form"]["title"].value() == "Too late"
    assert Submission.objects.get(pk=draft.pk).title == "First title"


def test_edit_page_of_closed_call_sends_speaker_back_with_reason(speaker_client, draft):
    conference = draft.conference
    conference.cfp_closes_at = timezone.now() - datetime.timedelta(seconds=1)
    conference.save()

    response = speaker_client.get(reverse("events:submission_edit", args=["summit", draft.pk]))

    assert response.status_code == 302
    assert messages_of(response) == [
        "“First title” can no longer be edited: the call for papers has closed."
    ]


def test_edit_of_accepted_talk_refused(speaker_client, draft):
    Submission.objects.filter(pk=draft.pk).update(state=State.ACCEPTED)

    response = speaker_client.get(reverse("events:submission_edit", args=["summit", draft.pk]))

    assert messages_of(response) == ["“First title” can no longer be edited: it is accepted."]


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


# The co-speaker's invitation link


@pytest.fixture
def invitation(draft):
    Submission.objects.filter(pk=draft.pk).update(state=State.SUBMITTED)
    return SubmissionInvitationFactory(submission=draft, email="lin@example.org")


def invitation_url(invitation) -> str:
    return reverse("events:invitation", args=[invitation_token(invitation=invitation)])


def test_invitation_page_offers_signup_to_visitor(client, invitation):
    # One token: a second signing a second later differs in its timestamp.
    url = invitation_url(invitation)
    response = client.get(url)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Join “First title”" in text
    assert "Your user name will be lin@example.org." in text
    login_link = reverse("login") + "?" + urlencode({"next": url})
    assert f'href="{login_link}"' in text


def test_invitation_signup_logs_in_and_joins(client, invitation):
    response = client.post(
        invitation_url(invitation),
        {
            "first_name": "Lin",
            "last_name": "Chen",
            "password": "a long and unusual passphrase",
            "password_again": "a long and unusual passphrase",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("events:my_submissions")
    assert response.context["user"].username == "lin@example.org"
    assert "First title" in response.content.decode()


def test_invitation_signup_with_differing_passwords_comes_back_filled(client, invitation):
    response = client.post(
        invitation_url(invitation),
        {
            "first_name": "Lin",
            "last_name": "Chen",
            "password": "a long and unusual passphrase",
            "password_again": "another passphrase",
        },
    )

    assert response.context["form"].errors == {"password_again": ["The two passwords differ."]}
    assert response.context["form"]["first_name"].value() == "Lin"
    assert SubmissionInvitation.objects.get(pk=invitation.pk).accepted_at is None


def test_invitation_joined_by_logged_in_member(client, invitation):
    member = MemberFactory()
    client.force_login(member.user)

    response = client.post(invitation_url(invitation))

    assert response.status_code == 302
    assert invitation.submission.speakers.filter(pk=member.pk).exists()


def test_invitation_link_used_twice_refused(client, invitation):
    url = invitation_url(invitation)
    client.force_login(MemberFactory().user)
    client.post(url)

    response = client.get(url)

    assert response.status_code == 410
    assert "This invitation has already been used." in response.content.decode()


def test_invitation_link_expired_refused(client, invitation):
    SubmissionInvitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - INVITATION_MAX_AGE
    )

    response = client.get(invitation_url(invitation))

    assert response.status_code == 410
    assert "This invitation has expired." in response.content.decode()


def test_invitation_link_altered_is_404(client, invitation):
    response = client.get(invitation_url(invitation) + "x/")

    assert response.status_code == 404


def test_login_then_join_keeps_the_link(client, invitation, speaker):
    other = MemberFactory(user__username="grace")
    url = invitation_url(invitation)

    response = client.post(
        reverse("login") + f"?next={url}",
        {"username": "grace", "password": PASSWORD, "next": url},
    )

    assert (response.status_code, response["Location"]) == (302, url)
    assert not invitation.submission.speakers.filter(pk=other.pk).exists()
