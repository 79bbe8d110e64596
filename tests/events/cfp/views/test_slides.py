"""Slides on the site (events/cfp/views.py: submission_slides, slides_download): a speaker
uploads them from My submissions once the talk is accepted, with refusals at the field; the
download answers the file to those materials_refusal lets see it, a login to anonymous
visitors and a 403 page to everyone else."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from events.models import Submission
from members.models import Membership
from tests.events.cfp.views.conftest import State, messages_of
from tests.factories import (
    MemberFactory,
    OrganizerFactory,
    SubmissionFactory,
    UserFactory,
    slides_attach,
    slides_pdf,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk(conference, speaker):
    return SubmissionFactory(
        conference=conference,
        speakers=[speaker],
        state=State.CONFIRMED,
        title="Orbit <i>streams</i>",
    )


def upload_url(talk) -> str:
    return reverse("events:submission_slides", args=[talk.conference.slug, talk.pk])


def download_url(talk) -> str:
    return reverse("events:slides", args=[talk.conference.slug, talk.pk])


def pdf_file(body: bytes, name: str = "slides.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, "application/pdf")


# Uploading


def test_my_submissions_links_upload_for_accepted_talks_only(speaker_client, talk, conference):
    draft = SubmissionFactory(
        conference=conference, speakers=[talk.submission_speakers.get().member]
    )

    text = speaker_client.get(reverse("events:my_submissions")).content.decode()

    assert upload_url(talk) in text
    assert upload_url(draft) not in text


def test_upload_page_shows_the_form_and_the_limit(speaker_client, talk):
    with override_settings(SLIDES_MAX_BYTES=20 * 1024 * 1024):
        response = speaker_client.get(upload_url(talk))

    text = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in text
    assert 'accept="application/pdf,.pdf"' in text
    assert "A PDF of at most 20 MB." in text
    assert "Orbit &lt;i&gt;streams&lt;/i&gt;" in text


def test_upload_by_speaker_stores_and_returns_to_my_submissions(speaker_client, talk):
    body = slides_pdf()

    response = speaker_client.post(upload_url(talk), {"slides": pdf_file(body)})

    saved = Submission.objects.get(pk=talk.pk)
    with default_storage.open(str(saved.slides.name), "rb") as file:
        assert file.read() == body
    assert (response.status_code, response["Location"], messages_of(response)) == (
        302,
        reverse("events:my_submissions"),
        ["The slides of “Orbit <i>streams</i>” are uploaded."],
    )


def test_my_submissions_shows_the_uploaded_slides(speaker_client, talk):
    slides_attach(talk)

    text = speaker_client.get(reverse("events:my_submissions")).content.decode()

    assert download_url(talk) in text
    assert "Replace slides" in text


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>not slides</html>", "Upload the slides as a PDF file; this file is not one."),
        (b"%PDF-1.4 just the signature", "Upload the slides as a PDF file; this file is not one."),
    ],
)
def test_upload_not_a_pdf_is_an_error_at_the_field(speaker_client, talk, body, message):
    response = speaker_client.post(upload_url(talk), {"slides": pdf_file(body)})

    assert (response.status_code, response.context["form"].errors) == (
        200,
        {"slides": [message]},
    )
    assert Submission.objects.get(pk=talk.pk).slides.name == ""


def test_upload_too_large_is_an_error_at_the_field(speaker_client, talk):
    body = slides_pdf(pages=30)

    with override_settings(SLIDES_MAX_BYTES=1024 * 1024 // 2):
        response = speaker_client.post(upload_url(talk), {"slides": pdf_file(body * 40)})

    errors = response.context["form"].errors["slides"]
    assert errors[0].startswith("The slides may be at most 0 MB")
    assert Submission.objects.get(pk=talk.pk).slides.name == ""


def test_upload_without_a_file_is_an_error_at_the_field(speaker_client, talk):
    response = speaker_client.post(upload_url(talk), {})

    assert response.context["form"].errors == {"slides": ["Choose the PDF of your slides."]}


def test_upload_by_non_speaker_answers_404(client, talk):
    client.force_login(MemberFactory().user)

    response = client.post(upload_url(talk), {"slides": pdf_file(slides_pdf())})

    assert (response.status_code, Submission.objects.get(pk=talk.pk).slides.name) == (404, "")


def test_upload_needs_login(client, talk):
    response = client.post(upload_url(talk), {"slides": pdf_file(slides_pdf())})

    assert (response.status_code, response["Location"].startswith(reverse("login"))) == (
        302,
        True,
    )


def test_upload_before_acceptance_sends_back_with_the_reason(speaker_client, talk):
    Submission.objects.filter(pk=talk.pk).update(state=State.SUBMITTED)

    response = speaker_client.get(upload_url(talk))

    assert (response.status_code, messages_of(response)) == (
        302,
        ["Slides can be uploaded once the talk is accepted; “Orbit <i>streams</i>” is submitted."],
    )


# Downloading


def test_download_by_member_in_good_standing(client, talk):
    body = slides_pdf(pages=2)
    slides_attach(talk, body)
    client.force_login(MemberFactory().user)

    response = client.get(download_url(talk))

    assert (
        response.status_code,
        response["Content-Type"],
        response["Content-Disposition"],
        response["Cache-Control"],
        b"".join(response.streaming_content),
    ) == (
        200,
        "application/pdf",
        'attachment; filename="orbit-istreamsi-slides.pdf"',
        "private",
        body,
    )


def test_download_anonymous_goes_to_login(client, talk):
    slides_attach(talk)

    response = client.get(download_url(talk))

    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('login')}?next={download_url(talk)}",
    )


def test_download_by_member_of_lapsed_company_refused_with_reason(client, talk):
    slides_attach(talk)
    lapsed = MemberFactory(
        company__name="Orbit Bank", company__membership__state=Membership.State.LAPSED
    )
    client.force_login(lapsed.user)

    response = client.get(download_url(talk))

    text = response.content.decode()
    assert (response.status_code, response["Content-Type"]) == (403, "text/html; charset=utf-8")
    assert "Orbit Bank&#x27;s membership is not active" in text
    assert "%PDF" not in text


def test_download_by_non_member_refused(client, talk):
    slides_attach(talk)
    client.force_login(UserFactory())

    response = client.get(download_url(talk))

    assert response.status_code == 403
    assert b"for people at member companies in good standing" in response.content


def test_download_by_anyone_from_the_public_date(client, talk, conference):
    slides_attach(talk)
    conference.materials_public_from = timezone.localdate() - datetime.timedelta(days=2)
    conference.save()

    response = client.get(download_url(talk))

    assert response.status_code == 200


@pytest.mark.parametrize("make", [OrganizerFactory, lambda: UserFactory(is_staff=True)])
def test_download_by_organizer_and_staff(client, talk, make):
    slides_attach(talk)
    client.force_login(make())

    assert client.get(download_url(talk)).status_code == 200


def test_download_withdrawn_talk_refused_to_members(client, talk):
    slides_attach(talk)
    Submission.objects.filter(pk=talk.pk).update(state=State.WITHDRAWN)
    client.force_login(MemberFactory().user)

    assert client.get(download_url(talk)).status_code == 403


def test_download_without_slides_or_in_another_conference_answers_404(client, talk):
    client.force_login(OrganizerFactory())
    elsewhere = SubmissionFactory(state=State.CONFIRMED)
    slides_attach(elsewhere)

    assert client.get(download_url(talk)).status_code == 404
    assert (
        client.get(reverse("events:slides", args=[talk.conference.slug, elsewhere.pk])).status_code
        == 404
    )
