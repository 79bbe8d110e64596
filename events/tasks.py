"""Background jobs of the events app, run by the Celery worker (config/celery.py); the
periodic ones are started by `celery -A config beat` (CELERY_BEAT_SCHEDULE in
config/settings/base.py)."""

from celery import shared_task

from events.evaluations.services import evaluation_invitations_send
from events.mailings.services import mailings_send_due as mailings_send_due_service


@shared_task
def evaluation_invitations() -> int:
    """Invite the attendees of the conference days that have just ended to evaluate their
    sessions (events.evaluations.services.evaluation_invitations_send). Safe to run at any
    frequency: nobody is invited twice. Returns how many messages were queued."""
    return evaluation_invitations_send()


@shared_task
def mailings_send_due() -> int:
    """Queue the scheduled mailings whose time has come; run by `celery beat` every
    MAILINGS_DUE_CHECK_SECONDS. Running it twice at once queues each mailing once. Returns
    how many mailings were queued."""
    return mailings_send_due_service()
