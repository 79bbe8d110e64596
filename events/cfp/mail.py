"""Sending the e-mails of the call for papers: the editable templates filled in and queued as
plain text in the outbox (members.services.mail), sent by the mail task once the transaction
commits."""

import uuid
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.utils import timezone

from events.cfp import emails
from events.models import Conference, EmailTemplate, Submission
from members.models import MailBatch
from members.services.mail import mail_build, mail_queue


def site_url(base_url: str | None) -> str:
    return (base_url or settings.SITE_URL).rstrip("/")


def _local_deadline(conference: Conference) -> str:
    if conference.cfp_closes_at is None:
        return "not announced"
    moment = timezone.localtime(conference.cfp_closes_at, conference.tz)
    return f"{moment:%A %d %B %Y, %H:%M} ({conference.timezone})"


def email_templates_ensure() -> None:
    """Create the shipped wording of every e-mail that has no template yet; change nothing
    an organizer edited. Runs after every migrate and before any mail is sent."""
    existing = set(EmailTemplate.objects.values_list("code", flat=True))
    EmailTemplate.objects.bulk_create(
        [
            EmailTemplate(code=code, subject=subject, body=body)
            for code, (subject, body) in emails.DEFAULTS.items()
            if code not in existing
        ],
        ignore_conflicts=True,
    )


def email_templates_restore(*, templates: Iterable[EmailTemplate]) -> int:
    """Put the wording shipped with Guildhall back into the given templates, undoing the
    organizers' edits. Returns how many were restored."""
    restored = 0
    for template in templates:
        if template.code in emails.DEFAULTS:
            template.subject, template.body = emails.DEFAULTS[template.code]
            template.save(update_fields=["subject", "body", "updated_at"])
            restored += 1
    return restored


def email_send(
    *,
    code: str,
    to: Sequence[str],
    context: dict[str, str],
    batch: MailBatch | None = None,
) -> int:
    """Queue the organizers' template `code`, filled with the context, to each address.

    One plain-text, transactional message per address (members.services.mail); empty
    addresses are skipped. Returns the number of messages queued. Sends mail once the
    transaction commits; given a `batch`, the mail is held in it for an organizer's
    approval instead (members.services.mail_batches).
    """
    template = EmailTemplate.objects.filter(code=code).first()
    if template is None:
        email_templates_ensure()
        template = EmailTemplate.objects.get(code=code)
    context = {"site_name": settings.SITE_NAME, **context}
    subject = emails.fill(template.subject, context)
    body = emails.fill(template.body, context)
    return len(
        mail_queue(
            mails=[
                mail_build(
                    key=f"cfp:{code}:{uuid.uuid4().hex}", to=address, subject=subject, body=body
                )
                for address in to
                if address
            ],
            batch=batch,
        )
    )


def email_speakers(
    *, submission_id: int, code: str, link: str, batch: MailBatch | None = None
) -> int:
    submission = (
        Submission.objects.select_related("conference").with_speakers().get(pk=submission_id)
    )
    sent = 0
    for role in submission.submission_speakers.all():
        sent += email_send(
            code=code,
            to=[role.member.user.email],
            context={
                "conference": submission.conference.name,
                "title": submission.title,
                "speaker_name": role.member.name,
                "link": link,
                "deadline": _local_deadline(submission.conference),
            },
            batch=batch,
        )
    return sent
