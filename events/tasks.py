"""Background jobs of the events app, run by the Celery worker (config/celery.py); the
periodic ones are started by `celery -A config beat` (its schedule is in config/celery.py)."""

from celery import shared_task

from events.evaluations.services import evaluation_invitations_send


@shared_task
def evaluation_invitations() -> int:
    """Invite the attendees of the conference days that have just ended to evaluate their
    sessions (events.evaluations.services.evaluation_invitations_send). Safe to run at any
    frequency: nobody is invited twice. Returns how many messages were queued."""
    return evaluation_invitations_send()
