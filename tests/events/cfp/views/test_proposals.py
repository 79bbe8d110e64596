"""The proposal form (events/cfp/views.py): proposing a talk as a draft or submitted at
once, the errors that bring the form back filled, the deadline and eligibility, and
editing a proposal until the call closes or a decision is made."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events.models import NOTES_MAX_LENGTH, OUTLINE_MAX_LENGTH, Submission, SubmissionTransition
from members.models import Membership
from tests.events.cfp.views.conftest import State, form_data, messages_of
from tests.factories import (
    CaseStudyFactory,
    ConferenceFactory,
    MemberFactory,
    SubmissionInvitationFactory,
)

pytestmark = pytest.mark.django_db


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


# Co-speakers named on the form


def test_new_proposal_naming_a_member_shows_nothing_about_them_until_they_accept(
    speaker_client, conference, case_study_format
):
    MemberFactory(
        user__email="grace@nimbus.example",
        user__first_name="Grace",
        user__last_name="Hopper",
        company__name="Nimbus Retail",
    )

    response = speaker_client.post(
        reverse("events:submission_new", args=["summit"]),
        form_data(case_study_format, co_speakers="grace@nimbus.example"),
        follow=True,
    )

    text = response.content.decode()
    submission = Submission.objects.get()
    assert "grace@nimbus.example (invited)" in text
    assert ("Hopper" in text, "Nimbus Retail" in text) == (False, False)
    assert list(submission.speakers.values_list("user__email", flat=True)) == ["ada@orbit.example"]


# The case study of a proposal with speakers from two companies


@pytest.fixture
def foreign_co_speaker(draft):
    co_speaker = MemberFactory(user__email="bob@nimbus.example")
    draft.submission_speakers.create(member=co_speaker, order=1)
    return co_speaker


def test_edit_form_of_co_speaker_from_another_company_hides_the_case_studies(
    client, draft, speaker, foreign_co_speaker
):
    CaseStudyFactory(company=speaker.company, title="Secret merger plan")
    client.force_login(foreign_co_speaker.user)

    response = client.get(reverse("events:submission_edit", args=["summit", draft.pk]))

    assert response.status_code == 200
    assert "case_study" not in response.context["form"].fields
    assert "Secret merger plan" not in response.content.decode()


def test_edit_by_co_speaker_from_another_company_keeps_the_case_study(
    client, draft, speaker, foreign_co_speaker, case_study_format
):
    study = CaseStudyFactory(company=speaker.company)
    Submission.objects.filter(pk=draft.pk).update(case_study=study)
    client.force_login(foreign_co_speaker.user)

    response = client.post(
        reverse("events:submission_edit", args=["summit", draft.pk]),
        form_data(case_study_format, title="Edited by Bob", co_speakers="bob@nimbus.example"),
    )

    draft.refresh_from_db()
    assert (response.status_code, draft.title, draft.case_study) == (302, "Edited by Bob", study)


def test_edit_form_of_primary_speaker_offers_own_companys_case_studies(
    speaker_client, draft, speaker, foreign_co_speaker
):
    own = CaseStudyFactory(company=speaker.company)

    response = speaker_client.get(reverse("events:submission_edit", args=["summit", draft.pk]))

    assert list(response.context["form"].fields["case_study"].queryset) == [own]


# Two people editing at once


def test_edit_of_a_proposal_changed_since_the_form_was_opened_comes_back_filled(
    speaker_client, draft, foreign_co_speaker, case_study_format
):
    url = reverse("events:submission_edit", args=["summit", draft.pk])
    version = speaker_client.get(url).context["form"]["version"].value()
    Submission.objects.filter(pk=draft.pk).update(
        title="Bob's title", updated_at=timezone.now() + datetime.timedelta(seconds=1)
    )

    response = speaker_client.post(
        url, form_data(case_study_format, title="Ada's title", version=version)
    )

    assert response.status_code == 200
    assert "changed this proposal" in " ".join(response.context["form"].non_field_errors())
    assert response.context["form"]["title"].value() == "Ada's title"
    assert Submission.objects.get(pk=draft.pk).title == "Bob's title"


def test_edit_saved_again_after_a_stale_refusal_replaces_the_other_change(
    speaker_client, draft, case_study_format
):
    url = reverse("events:submission_edit", args=["summit", draft.pk])
    version = speaker_client.get(url).context["form"]["version"].value()
    Submission.objects.filter(pk=draft.pk).update(
        title="Bob's title", updated_at=timezone.now() + datetime.timedelta(seconds=1)
    )
    refused = speaker_client.post(
        url, form_data(case_study_format, title="Ada's title", version=version)
    )

    response = speaker_client.post(
        url,
        form_data(
            case_study_format,
            title="Ada's title",
            version=refused.context["form"]["version"].value(),
        ),
    )

    assert (response.status_code, Submission.objects.get(pk=draft.pk).title) == (
        302,
        "Ada's title",
    )


def test_edit_with_the_version_read_saves(speaker_client, draft, case_study_format):
    url = reverse("events:submission_edit", args=["summit", draft.pk])
    version = speaker_client.get(url).context["form"]["version"].value()

    response = speaker_client.post(
        url, form_data(case_study_format, title="Ada's title", version=version)
    )

    assert (response.status_code, Submission.objects.get(pk=draft.pk).title) == (
        302,
        "Ada's title",
    )


def test_edit_with_a_broken_version_is_a_form_error(speaker_client, draft, case_study_format):
    response = speaker_client.post(
        reverse("events:submission_edit", args=["summit", draft.pk]),
        form_data(case_study_format, title="Ada's title", version="yesterday"),
    )

    assert response.status_code == 200
    assert Submission.objects.get(pk=draft.pk).title == "First title"


# Length limits


@pytest.mark.parametrize(
    ("field", "limit"),
    [("outline", OUTLINE_MAX_LENGTH), ("notes", NOTES_MAX_LENGTH)],
)
def test_new_proposal_with_over_length_text_names_the_field(
    speaker_client, conference, case_study_format, field, limit
):
    response = speaker_client.post(
        reverse("events:submission_new", args=["summit"]),
        form_data(case_study_format, **{field: "x" * (limit + 1)}),
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert Submission.objects.count() == 0


def test_edit_with_too_many_co_speakers_names_the_field(speaker_client, draft, case_study_format):
    addresses = "\n".join(f"guest{n}@example.org" for n in range(5))

    response = speaker_client.post(
        reverse("events:submission_edit", args=["summit", draft.pk]),
        form_data(case_study_format, title="Ada's title", co_speakers=addresses),
    )

    assert (response.status_code, list(response.context["form"].errors)) == (200, ["co_speakers"])
    assert Submission.objects.get(pk=draft.pk).title == "First title"
