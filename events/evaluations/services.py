"""Evaluation and certificate writes: an attendee's one evaluation of a session they attended
once it has ended, the certificate of attendance with its credit hours, and the invitations
to evaluate that go out after each conference day."""

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from events.checkin.selectors import person_name
from events.checkin.services import session_slot
from events.evaluations.selectors import (
    evaluation_invitations_due,
    registration_attended_sessions,
    registration_attended_uids,
    registration_waitlisted,
)
from events.models import Certificate, Evaluation, Registration, Slot
from members.models import MailKind
from members.services.mail import absolute, mail_build, mail_queue


def _refuse(message: str, code: str, field: str = "session") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def evaluation_check(
    *, registration: Registration, slot_uid: uuid.UUID | str, now: datetime.datetime
) -> Slot:
    """The session the attendee may evaluate now; refuses (under `session`) a session that
    is not a talk of the latest release or is cancelled (`unknown_session`), one that has
    not ended (`not_ended`), one the person did not attend (`not_attended`, see
    events.evaluations.selectors; a person left on its waitlist is told so) and one they
    have evaluated (`already_evaluated`)."""
    slot = session_slot(conference=registration.conference, slot_uid=slot_uid)
    if now < slot.end:
        local_end = timezone.localtime(slot.end, registration.conference.tz)
        raise _refuse(
            f"You can evaluate “{slot.display_title}” once it has ended, "
            f"at {local_end:%H:%M} on {local_end:%-d %B}.",
            "not_ended",
        )
    if slot.uid not in registration_attended_uids(registration=registration):
        if registration_waitlisted(registration=registration, slot_uid=slot.uid):
            raise _refuse(
                f"You were on the waitlist for “{slot.display_title}” and did not get a seat, "
                "so you cannot evaluate it.",
                "not_attended",
            )
        raise _refuse(
            f"Only people who attended “{slot.display_title}” can evaluate it.", "not_attended"
        )
    if Evaluation.objects.filter(registration=registration, slot_uid=slot.uid).exists():
        raise _already()
    return slot


def _already() -> ValidationError:
    return _refuse("You have already evaluated this session.", "already_evaluated")


def evaluation_submit(
    *,
    registration: Registration,
    slot_uid: uuid.UUID | str,
    content_rating: int,
    speaker_rating: int,
    comment: str = "",
    now: datetime.datetime | None = None,
) -> Evaluation:
    """Record the attendee's evaluation of a session: content and speaker rated 1 to 5, and
    an optional comment.

    Refuses what `evaluation_check` refuses, a second evaluation arriving at the same time
    (`already_evaluated`), and ratings or a comment out of bounds (under their own fields).
    Writes one row; sends nothing.
    """
    now = now or timezone.now()
    slot = evaluation_check(registration=registration, slot_uid=slot_uid, now=now)
    evaluation = Evaluation(
        registration=registration,
        slot_uid=slot.uid,
        content_rating=content_rating,
        speaker_rating=speaker_rating,
        comment=comment.strip(),
    )
    evaluation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError as error:
        raise _already() from error
    return evaluation


def certificate_issue(
    *, registration: Registration, now: datetime.datetime | None = None
) -> Certificate:
    """The attendee's certificate of attendance, issued now or brought up to date.

    It lists the talks they attended that have ended by `now`, each with its format's credit
    hours, and their total. The verification code stays the same when a certificate is
    brought up to date (only its sessions, credits, name and issue time change), so a copy
    printed earlier still verifies, showing the current credits. Refuses a person who has
    attended no session that has ended (`nothing_attended`). Writes one row; sends nothing.
    """
    now = now or timezone.now()
    conference = registration.conference
    attended = [
        session
        for session in registration_attended_sessions(registration=registration)
        if session.ended(now)
    ]
    if not attended:
        raise _refuse(
            f"Your certificate lists the sessions of {conference.name} you attended; "
            "there is none yet that has ended.",
            "nothing_attended",
            field="registration",
        )
    sessions = [
        {
            "uid": str(session.uid),
            "title": session.title,
            "when": f"{timezone.localtime(session.start, conference.tz):%a %-d %b %Y, %H:%M}",
            "credit_hours": str(session.credit_hours),
        }
        for session in attended
    ]
    credit_hours = sum((session.credit_hours for session in attended), Decimal(0))
    name = person_name(registration.user)
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update().filter(registration=registration).first()
        )
        if certificate is None:
            certificate = Certificate(registration=registration)
        elif (certificate.sessions, certificate.credit_hours, certificate.name) == (
            sessions,
            credit_hours,
            name,
        ):
            return certificate
        certificate.sessions = sessions
        certificate.credit_hours = credit_hours
        certificate.name = name
        certificate.issued_at = now
        certificate.full_clean(validate_constraints=False, validate_unique=False)
        try:
            with transaction.atomic():
                certificate.save()
        except IntegrityError:
            # Two first downloads at once: the other one issued it, with the same contents.
            return Certificate.objects.get(registration=registration)
    return certificate


def evaluation_invitations_send(*, now: datetime.datetime | None = None) -> int:
    """Invite the attendees of each conference day that has just ended to evaluate its
    talks: one e-mail per person and day (a digest rather than one per session, so a full
    day of talks is one message), listing the talks they attended and have not evaluated,
    each with its evaluation page. Who is due is `evaluation_invitations_due`.

    The message's key names the conference, the day and the registration, so running this
    again (each beat of the task, or by hand) sends nothing twice. Optional mail of the kind
    "evaluations": people who turned it off get none, and it carries List-Unsubscribe.
    Returns how many messages were queued. Side effect: the mail task, on commit.
    """
    now = now or timezone.now()
    mails = []
    for invitation in evaluation_invitations_due(now=now):
        conference = invitation.conference
        context = {
            "name": invitation.user.get_full_name() or invitation.user.get_username(),
            "conference": conference.name,
            "day": invitation.day,
            "sessions": [
                {
                    "title": session.title,
                    "url": absolute(
                        reverse("events:evaluate", args=[conference.slug, session.uid])
                    ),
                }
                for session in invitation.sessions
            ],
            "agenda_url": absolute(reverse("events:agenda", args=[conference.slug])),
            "site_name": settings.SITE_NAME,
        }
        mails.append(
            mail_build(
                key=(
                    f"evaluation-invitation:{conference.pk}:{invitation.day:%Y-%m-%d}:"
                    f"{invitation.registration_id}"
                ),
                to=invitation.user.email,
                subject=render_to_string("events/email/evaluation_invitation_subject.txt", context),
                body=render_to_string("events/email/evaluation_invitation.txt", context),
                kind=MailKind.EVALUATIONS,
                user=invitation.user,
            )
        )
    return len(mail_queue(mails=mails))
