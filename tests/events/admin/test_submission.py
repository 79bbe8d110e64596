"""The submissions admin (events/admin/submission.py): the bulk actions go through the
state machine and hold the speakers' mails for approval, the review scores and filters,
the e-mail templates organizers edit, escaping, and the program committee kept out of
submissions and reviews."""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from events.admin.submission import SubmissionAdmin
from events.cfp import emails
from events.cfp.services import submission_transition
from events.models import EmailTemplate, Review, Submission, SubmissionTransition
from members.models import MailBatch, OutgoingEmail
from tests.conftest import admin_url
from tests.factories import (
    ConferenceFactory,
    MemberFactory,
    ReviewerFactory,
    ReviewFactory,
    SubmissionFactory,
    slides_attach,
)

pytestmark = pytest.mark.django_db


# Bulk actions go through the state machine


def test_admin_accept_action_accepts_submitted_and_refuses_draft(organizer_client, organizer):
    conference = ConferenceFactory()
    draft = SubmissionFactory(conference=conference, title="Half-written")
    submitted = SubmissionFactory(
        conference=conference, title="Ready", state=Submission.State.SUBMITTED
    )

    response = organizer_client.post(
        admin_url(Submission, "changelist"),
        {"action": "make_accepted", "_selected_action": [draft.pk, submitted.pk], "index": 0},
        follow=True,
    )

    assert (
        response.status_code,
        sorted(str(message) for message in get_messages(response.wsgi_request)),
        Submission.objects.get(pk=draft.pk).state,
        Submission.objects.get(pk=submitted.pk).state,
        list(
            SubmissionTransition.objects.values_list(
                "submission", "from_state", "to_state", "actor"
            )
        ),
    ) == (
        200,
        [
            "1 submission(s) now accepted. Their speakers' e-mails are held until you "
            f'<a href="{held_url()}">approve them</a>.',
            "“Half-written”: A draft submission cannot become accepted.",
        ],
        Submission.State.DRAFT,
        Submission.State.ACCEPTED,
        [(submitted.pk, "submitted", "accepted", organizer.pk)],
    )


def test_admin_reject_action_rejects_submitted(organizer_client, organizer):
    submitted = SubmissionFactory(state=Submission.State.SUBMITTED)

    organizer_client.post(
        admin_url(Submission, "changelist"),
        {"action": "make_rejected", "_selected_action": [submitted.pk], "index": 0},
    )

    assert list(SubmissionTransition.objects.values_list("to_state", "actor")) == [
        ("rejected", organizer.pk)
    ]


@pytest.mark.parametrize("model", [Submission, Review])
def test_admin_program_committee_cannot_read_submissions_or_reviews(client, model):
    # The admin shows speakers and other reviewers' scores; anonymous review forbids both.
    client.force_login(ReviewerFactory())

    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == 403


# The call for papers in the admin


def held_url() -> str:
    return admin_url(MailBatch, "change", MailBatch.objects.get().pk)


def test_admin_accept_action_holds_the_speakers_mail_until_approved(
    organizer_client, organizer, django_capture_on_commit_callbacks
):
    speaker = MemberFactory(user__email="ada@orbit.example")
    submitted = SubmissionFactory(state=Submission.State.SUBMITTED, speakers=[speaker])

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(
            admin_url(Submission, "changelist"),
            {"action": "make_accepted", "_selected_action": [submitted.pk], "index": 0},
        )

    assert mail.outbox == []
    [held] = OutgoingEmail.objects.all()
    assert held.batch is not None
    assert (held.state, held.to, held.batch.created_by) == ("held", "ada@orbit.example", organizer)
    assert "http://testserver/my/submissions/" in held.body


def test_admin_reject_action_holds_one_batch_for_all_its_mails(
    organizer_client, django_capture_on_commit_callbacks
):
    submissions = SubmissionFactory.create_batch(3, state=Submission.State.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(
            admin_url(Submission, "changelist"),
            {
                "action": "make_rejected",
                "_selected_action": [submission.pk for submission in submissions],
                "index": 0,
            },
        )

    [batch] = MailBatch.objects.all()
    assert (batch.reason, batch.mails.filter(state="held").count(), mail.outbox) == (
        "Decision mails: reject selected submissions",
        3,
        [],
    )


def test_admin_remind_action_emails_only_unconfirmed_speakers(
    organizer_client, django_capture_on_commit_callbacks
):
    waiting = SubmissionFactory(state=Submission.State.ACCEPTED, title="Waiting")
    confirmed = SubmissionFactory(state=Submission.State.CONFIRMED)

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(
            admin_url(Submission, "changelist"),
            {"action": "remind_to_confirm", "_selected_action": [waiting.pk, confirmed.pk]},
            follow=True,
        )

    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Reminded the speakers of 1 accepted submission(s); 1 not awaiting confirmation "
        "were left out."
    ]
    assert [message.subject for message in mail.outbox] == ["Please confirm “Waiting”"]


def test_admin_submissions_sorted_by_average_score(organizer_client):
    conference = ConferenceFactory()
    low, high = (
        SubmissionFactory(
            conference=conference,
            state=Submission.State.SUBMITTED,
            title=title,
            speakers=[MemberFactory(company__name=company)],
        )
        for title, company in [("Low", "Nimbus"), ("High", "Orbit")]
    )
    for submission, scores in [(low, (1, 2)), (high, (5, 4, 5))]:
        for score in scores:
            ReviewFactory(submission=submission, score=score)
    changelist = admin.site._registry[Submission]
    assert isinstance(changelist, SubmissionAdmin)

    response = organizer_client.get(admin_url(Submission, "changelist"), {"o": "-6"})

    rows = response.context["cl"].result_list
    assert [(s.title, changelist.average_score(s), changelist.review_count(s)) for s in rows] == [
        ("High", "4.7", 3),
        ("Low", "1.5", 2),
    ]
    assert [changelist.speaker_names(s).split(" (")[1] for s in rows] == ["Orbit)", "Nimbus)"]


def test_admin_confirmation_filter_lists_talks_awaiting_confirmation(organizer_client):
    SubmissionFactory(state=Submission.State.ACCEPTED, title="Waiting")
    SubmissionFactory(state=Submission.State.CONFIRMED, title="Confirmed")

    response = organizer_client.get(
        admin_url(Submission, "changelist"), {"confirmation": "waiting"}
    )

    assert [s.title for s in response.context["cl"].result_list] == ["Waiting"]


def email_template_form(template, **changes) -> dict:
    return {"subject": template.subject, "body": template.body, **changes}


def test_admin_email_template_edited(organizer_client):
    template = EmailTemplate.objects.get(code=emails.SUBMISSION_ACCEPTED)

    response = organizer_client.post(
        admin_url(EmailTemplate, "change", template.pk),
        email_template_form(template, subject="Welcome aboard, {speaker_name}"),
    )

    template.refresh_from_db()
    assert (response.status_code, template.subject) == (302, "Welcome aboard, {speaker_name}")


def test_admin_email_template_with_unknown_placeholder_refused(organizer_client):
    template = EmailTemplate.objects.get(code=emails.SUBMISSION_ACCEPTED)

    response = organizer_client.post(
        admin_url(EmailTemplate, "change", template.pk),
        email_template_form(template, body="Hello {speakr_name}"),
    )

    assert response.status_code == 200
    assert (
        response.context["adminform"]
        .form.errors["body"][0]
        .startswith(
            "Unknown placeholder {speakr_name}; this e-mail can use {site_name}, {conference}"
        )
    )
    assert EmailTemplate.objects.get(pk=template.pk).body == template.body


def test_admin_email_template_restored_to_shipped_wording(organizer_client):
    template = EmailTemplate.objects.get(code=emails.SUBMISSION_REJECTED)
    EmailTemplate.objects.filter(pk=template.pk).update(subject="Changed")

    organizer_client.post(
        admin_url(EmailTemplate, "changelist"),
        {"action": "restore_default", "_selected_action": [template.pk]},
    )

    assert (
        EmailTemplate.objects.get(pk=template.pk).subject
        == emails.DEFAULTS[emails.SUBMISSION_REJECTED][0]
    )


def test_admin_email_template_page_escapes_organizer_text(organizer_client):
    template = EmailTemplate.objects.get(code=emails.SUBMISSION_RECEIVED)
    EmailTemplate.objects.filter(pk=template.pk).update(subject="<script>alert(1)</script>")

    response = organizer_client.get(admin_url(EmailTemplate, "changelist"))

    assert "<script>alert(1)</script>" not in response.content.decode()


def test_admin_submission_list_escapes_speaker_text(organizer_client):
    SubmissionFactory(
        title="<script>alert('title')</script>",
        speakers=[MemberFactory(user__first_name="<b>Ada</b>")],
    )

    response = organizer_client.get(admin_url(Submission, "changelist"))

    text = response.content.decode()
    assert "<script>alert(" not in text
    assert "<b>Ada</b>" not in text
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in text


# Alternates


def test_admin_accept_as_alternate_action(
    organizer_client, organizer, django_capture_on_commit_callbacks
):
    submitted = SubmissionFactory(title="Reserve", state=Submission.State.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(
            admin_url(Submission, "changelist"),
            {"action": "make_alternate", "_selected_action": [submitted.pk], "index": 0},
            follow=True,
        )

    assert (
        [str(message) for message in get_messages(response.wsgi_request)],
        Submission.objects.get(pk=submitted.pk).state,
        [message.subject for message in mail.outbox],
        list(OutgoingEmail.objects.filter(state="held").values_list("subject", flat=True)),
    ) == (
        [
            "1 submission(s) now alternate. Their speakers' e-mails are held until you "
            f'<a href="{admin_url(MailBatch, "change", MailBatch.objects.get().pk)}">'
            "approve them</a>."
        ],
        Submission.State.ALTERNATE,
        [],
        [f"“Reserve” is an alternate for {submitted.conference}"],
    )


def _withdrawn_with_alternate(organizer):
    conference = ConferenceFactory()
    confirmed = SubmissionFactory(
        conference=conference, title="Dropped <out>", state=Submission.State.CONFIRMED
    )
    alternate = SubmissionFactory(
        conference=conference,
        format=confirmed.format,
        title="Reserve <b>talk</b>",
        state=Submission.State.ALTERNATE,
    )
    ReviewFactory(submission=alternate, score=5)
    return confirmed, alternate


def test_admin_withdraw_action_offers_the_best_alternate(organizer_client, organizer):
    confirmed, alternate = _withdrawn_with_alternate(organizer)

    response = organizer_client.post(
        admin_url(Submission, "changelist"),
        {"action": "make_withdrawn", "_selected_action": [confirmed.pk], "index": 0},
        follow=True,
    )

    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert Submission.objects.get(pk=confirmed.pk).state == Submission.State.WITHDRAWN
    assert messages[0].startswith(
        "1 submission(s) now withdrawn. Their speakers' e-mails are held until you "
    )
    assert messages[1] == (
        "“Dropped &lt;out&gt;” leaves a place: the best-scored alternate of its format is "
        f'<a href="{admin_url(Submission, "change", alternate.pk)}">'
        "“Reserve &lt;b&gt;talk&lt;/b&gt;”</a> (average score 5.0); promote it from its page."
    )


def test_admin_withdrawn_talk_page_offers_alternate_with_promote_button(
    organizer_client, organizer
):
    confirmed, alternate = _withdrawn_with_alternate(organizer)
    submission_transition(
        submission=confirmed, to_state=Submission.State.WITHDRAWN, actor=organizer
    )

    response = organizer_client.get(admin_url(Submission, "change", confirmed.pk))

    page = response.content.decode()
    assert "Reserve &lt;b&gt;talk&lt;/b&gt;" in page
    assert f'action="{admin_url(Submission, "promote", alternate.pk)}"' in page
    assert ">Promote</button>" in page


def test_admin_page_of_talk_never_accepted_offers_no_alternate(organizer_client):
    _, alternate = _withdrawn_with_alternate(None)
    draft_withdrawn = SubmissionFactory(
        conference=alternate.conference, format=alternate.format, state=Submission.State.WITHDRAWN
    )

    response = organizer_client.get(admin_url(Submission, "change", draft_withdrawn.pk))

    assert admin_url(Submission, "promote", alternate.pk) not in response.content.decode()


def test_admin_promote_accepts_the_alternate_and_mails_the_speaker(
    organizer_client, organizer, django_capture_on_commit_callbacks
):
    _, alternate = _withdrawn_with_alternate(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(
            admin_url(Submission, "promote", alternate.pk), follow=True
        )

    assert (
        [str(message) for message in get_messages(response.wsgi_request)],
        Submission.objects.get(pk=alternate.pk).state,
        [message.subject for message in mail.outbox],
    ) == (
        ["“Reserve <b>talk</b>” is accepted; its speakers are e-mailed."],
        Submission.State.ACCEPTED,
        [f"“Reserve <b>talk</b>” is now accepted for {alternate.conference}"],
    )
    assert b"Reserve &lt;b&gt;talk&lt;/b&gt;" in response.content


def test_admin_promote_non_alternate_refused(organizer_client):
    accepted = SubmissionFactory(title="Already in", state=Submission.State.ACCEPTED)

    response = organizer_client.post(admin_url(Submission, "promote", accepted.pk), follow=True)

    assert (
        [str(message) for message in get_messages(response.wsgi_request)],
        Submission.objects.get(pk=accepted.pk).state,
    ) == (
        ["Only an alternate can be promoted; “Already in” is accepted."],
        Submission.State.ACCEPTED,
    )


def test_admin_promote_refuses_get(organizer_client):
    _, alternate = _withdrawn_with_alternate(None)

    response = organizer_client.get(admin_url(Submission, "promote", alternate.pk))

    assert (response.status_code, Submission.objects.get(pk=alternate.pk).state) == (
        405,
        Submission.State.ALTERNATE,
    )


def test_admin_promote_refused_to_program_committee(client):
    _, alternate = _withdrawn_with_alternate(None)
    client.force_login(ReviewerFactory())

    response = client.post(admin_url(Submission, "promote", alternate.pk))

    assert (response.status_code, Submission.objects.get(pk=alternate.pk).state) == (
        403,
        Submission.State.ALTERNATE,
    )


# Slides and recordings


def test_admin_submission_page_links_slides_and_edits_the_recording(organizer_client):
    submission = slides_attach(SubmissionFactory(state=Submission.State.CONFIRMED))

    text = organizer_client.get(admin_url(Submission, "change", submission.pk)).content.decode()

    assert reverse("events:slides", args=[submission.conference.slug, submission.pk]) in text
    assert 'name="recording_url"' in text
    assert submission.slides.name not in text


@pytest.mark.parametrize(
    "url", ["http://video.example.org/talk", "javascript:alert(1)", "ftp://video.example.org/t"]
)
def test_recording_link_must_be_https(url):
    submission = SubmissionFactory(state=Submission.State.CONFIRMED)
    submission.recording_url = url

    with pytest.raises(ValidationError) as error:
        submission.full_clean()

    assert "Give an https:// link." in error.value.message_dict["recording_url"]


def test_recording_link_https_only_in_the_database():
    submission = SubmissionFactory(state=Submission.State.CONFIRMED)

    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.filter(pk=submission.pk).update(recording_url="http://plain.example")
