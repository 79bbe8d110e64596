"""Seed last year's summit: a few confirmed talks on a released agenda, slides uploaded by
their speakers (small PDFs drawn with reportlab, through submission_slides_upload) and
recording links, visible to members now and to everyone from a month ahead."""

import datetime
import io

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfgen import canvas

from demo.data.conference import CONFERENCE_SLUG
from demo.data.past_conference import PAST_TALKS
from demo.seed.common import SeedError, local_time
from demo.seed.conference import conference_create, formats_create, tracks_create
from events.cfp.services import submission_slides_upload
from events.models import (
    Conference,
    Room,
    Submission,
    SubmissionSpeaker,
    SubmissionTransition,
)
from events.schedule.services import schedule_release, schedule_working, slot_place
from members.models import CaseStudy, Member


def slides_draw(*, title: str, speaker: str) -> bytes:
    """A three-slide deck: the title, an outline and a thank-you, landscape."""
    buffer = io.BytesIO()
    deck = canvas.Canvas(buffer, pagesize=landscape(letter))
    deck.setTitle(title)
    width, height = landscape(letter)
    for heading, line in (
        (title, speaker),
        ("What we built", "The problem, the design, the numbers."),
        ("Thank you", "Questions?"),
    ):
        deck.setFont("Helvetica-Bold", 28)
        deck.drawCentredString(width / 2, height / 2 + 20, heading)
        deck.setFont("Helvetica", 16)
        deck.drawCentredString(width / 2, height / 2 - 20, line)
        deck.showPage()
    deck.save()
    return buffer.getvalue()


def past_conference_create(
    *,
    before: Conference,
    people: dict[str, Member],
    case_studies: dict[str, CaseStudy],
    organizer: User,
    today: datetime.date,
) -> tuple[Conference, int]:
    """Returns the conference and how many of its talks have slides."""
    starts_on = before.starts_on - datetime.timedelta(weeks=52)
    conference = conference_create(
        slug=f"{CONFERENCE_SLUG}-{starts_on.year}",
        starts_on=starts_on,
        cfp_opens_on=starts_on - datetime.timedelta(days=200),
        cfp_closes_on=starts_on - datetime.timedelta(days=120),
    )
    conference.materials_public_from = today + datetime.timedelta(days=30)
    conference.save(update_fields=["materials_public_from"])
    tracks_create(conference=conference)
    case_study = formats_create(conference=conference)["case-study"]
    room = Room.objects.create(conference=conference, name="Auditorium", capacity=400)
    working = schedule_working(conference=conference)
    with_slides = 0
    for position, entry in enumerate(PAST_TALKS):
        speaker = people[entry["speaker"]]
        study = case_studies[entry["case_study"]] if entry["case_study"] else None
        if study is not None and study.company_id != speaker.company_id:
            raise SeedError(f"Demo data error: {entry['speaker']} cannot present “{study}”.")
        submission = Submission(
            conference=conference,
            title=entry["title"],
            abstract=entry["abstract"],
            format=case_study,
            case_study=study,
            state=Submission.State.CONFIRMED,
            recording_url=entry["recording"],
        )
        submission.full_clean()
        submission.save()
        SubmissionSpeaker.objects.create(submission=submission, member=speaker, is_primary=True)
        # Its history, as the state machine would have recorded it last year.
        SubmissionTransition.objects.bulk_create(
            SubmissionTransition(
                submission=submission, from_state=from_state, to_state=to_state, actor=actor
            )
            for from_state, to_state, actor in (
                (Submission.State.DRAFT, Submission.State.SUBMITTED, speaker.user),
                (Submission.State.SUBMITTED, Submission.State.ACCEPTED, organizer),
                (Submission.State.ACCEPTED, Submission.State.CONFIRMED, speaker.user),
            )
        )
        slot_place(
            schedule=working,
            submission=submission,
            room=room,
            start=local_time(conference.starts_on, f"{10 + position}:00", conference.tz),
            actor=organizer,
        )
        if entry["slides"]:
            submission_slides_upload(
                submission=submission,
                actor=speaker.user,
                upload=SimpleUploadedFile(
                    "slides.pdf",
                    slides_draw(title=entry["title"], speaker=speaker.name),
                    "application/pdf",
                ),
            )
            with_slides += 1
    # Released a year ago, so this year's releases stay the latest.
    released_at = datetime.datetime.combine(
        starts_on - datetime.timedelta(days=14), datetime.time(12), tzinfo=conference.tz
    )
    schedule_release(conference=conference, version="1.0", actor=organizer, now=released_at)
    return conference, with_slides
