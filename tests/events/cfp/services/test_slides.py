"""Speakers' slides (events/cfp/services.py: submission_slides_upload): a speaker of an
accepted talk uploads a real PDF within the size limit, kept in the default storage under a
name nobody can guess, one current file per talk; everything else is refused and nothing is
stored."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from events.cfp.services import submission_slides_upload
from events.models import Submission
from tests.events.cfp.services.conftest import (
    ACCEPTED,
    ALTERNATE,
    CONFIRMED,
    DRAFT,
    REJECTED,
    SUBMITTED,
    WITHDRAWN,
)
from tests.events.conftest import refusal_code
from tests.factories import MemberFactory, OrganizerFactory, SubmissionFactory, slides_pdf

pytestmark = pytest.mark.django_db


def pdf_upload(body: bytes | None = None, name: str = "our talk.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body if body is not None else slides_pdf(), "application/pdf")


def stored(submission: Submission) -> bytes:
    with default_storage.open(str(submission.slides.name), "rb") as file:
        return file.read()


@pytest.mark.parametrize("state", [ACCEPTED, CONFIRMED])
def test_slides_upload_by_speaker_stores_the_pdf(speaker, state):
    submission = SubmissionFactory(speakers=[speaker], state=state)
    body = slides_pdf(pages=3)
    now = datetime.datetime(2030, 6, 10, 12, tzinfo=datetime.UTC)

    submission_slides_upload(
        submission=submission, actor=speaker.user, upload=pdf_upload(body), now=now
    )

    saved = Submission.objects.get(pk=submission.pk)
    assert (stored(saved), saved.slides_uploaded_at) == (body, now)
    # A name of our own choosing, not the speaker's, and not guessable from the talk.
    name = str(saved.slides.name)
    assert name.startswith(f"slides/{submission.conference_id}/")
    assert "our talk" not in name


def test_slides_upload_by_co_speaker_allowed(speaker):
    co_speaker = MemberFactory()
    submission = SubmissionFactory(speakers=[speaker, co_speaker], state=CONFIRMED)

    submission_slides_upload(submission=submission, actor=co_speaker.user, upload=pdf_upload())

    assert Submission.objects.get(pk=submission.pk).slides


def test_slides_upload_replacing_keeps_one_current_file(
    speaker, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(speakers=[speaker], state=CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        submission_slides_upload(
            submission=submission, actor=speaker.user, upload=pdf_upload(slides_pdf("First"))
        )
    first = str(Submission.objects.get(pk=submission.pk).slides.name)
    second = slides_pdf("Second")

    with django_capture_on_commit_callbacks(execute=True):
        submission_slides_upload(
            submission=submission, actor=speaker.user, upload=pdf_upload(second)
        )

    saved = Submission.objects.get(pk=submission.pk)
    assert (saved.slides.name != first, default_storage.exists(first)) == (True, False)
    assert stored(saved) == second


@pytest.mark.parametrize(
    "actor_kind", ["stranger", "organizer", "colleague"], ids=["stranger", "organizer", "colleague"]
)
def test_slides_upload_by_non_speaker_refused(speaker, actor_kind):
    submission = SubmissionFactory(speakers=[speaker], state=CONFIRMED)
    actor = {
        "stranger": lambda: MemberFactory().user,
        "organizer": OrganizerFactory,
        "colleague": lambda: MemberFactory(company=speaker.company).user,
    }[actor_kind]()

    with pytest.raises(ValidationError) as error:
        submission_slides_upload(submission=submission, actor=actor, upload=pdf_upload())

    assert (refusal_code(error), Submission.objects.get(pk=submission.pk).slides.name) == (
        "not_allowed",
        "",
    )


@pytest.mark.parametrize("state", [DRAFT, SUBMITTED, REJECTED, WITHDRAWN, ALTERNATE])
def test_slides_upload_before_acceptance_refused(speaker, state):
    submission = SubmissionFactory(speakers=[speaker], state=state)

    with pytest.raises(ValidationError) as error:
        submission_slides_upload(submission=submission, actor=speaker.user, upload=pdf_upload())

    assert (refusal_code(error), Submission.objects.get(pk=submission.pk).slides.name) == (
        "not_accepted",
        "",
    )


@pytest.mark.parametrize(
    "body",
    [
        b"PK\x03\x04 a presentation saved as .pptx",
        b"<html><script>alert(1)</script></html>",
        b"%PDF-1.7\nnot really a PDF at all\n%%EOF\n",
        b"",
        slides_pdf()[:400],
    ],
    ids=["zip", "html", "magic-only", "empty", "truncated"],
)
def test_slides_upload_not_a_pdf_refused(speaker, body):
    submission = SubmissionFactory(speakers=[speaker], state=CONFIRMED)

    with pytest.raises(ValidationError) as error:
        submission_slides_upload(
            submission=submission, actor=speaker.user, upload=pdf_upload(body, "slides.pdf")
        )

    assert (
        refusal_code(error),
        error.value.messages,
        Submission.objects.get(pk=submission.pk).slides.name,
    ) == ("not_pdf", ["Upload the slides as a PDF file; this file is not one."], "")


def test_slides_upload_too_large_refused(speaker):
    submission = SubmissionFactory(speakers=[speaker], state=CONFIRMED)
    body = slides_pdf(pages=40)

    with override_settings(SLIDES_MAX_BYTES=len(body) - 1), pytest.raises(ValidationError) as error:
        submission_slides_upload(submission=submission, actor=speaker.user, upload=pdf_upload(body))

    assert (refusal_code(error), Submission.objects.get(pk=submission.pk).slides.name) == (
        "too_large",
        "",
    )
    assert error.value.messages[0].startswith("The slides may be at most ")


def test_slides_upload_at_the_size_limit_accepted(speaker):
    submission = SubmissionFactory(speakers=[speaker], state=CONFIRMED)
    body = slides_pdf()

    with override_settings(SLIDES_MAX_BYTES=len(body)):
        submission_slides_upload(submission=submission, actor=speaker.user, upload=pdf_upload(body))

    assert stored(Submission.objects.get(pk=submission.pk)) == body
