"""E-mails held for an organizer's approval (MailBatch): the decision mails of a bulk accept
or reject wait in the outbox until an organizer reads one, then approves the batch (the mails
are sent) or discards it (they never are).

Only organizers decide. Each decision is taken once: the batch's row is locked, so two
clicks on "Approve and send" send each mail once, and the decision is audited.
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import Action, audit_record
from members.models import MailBatch, OutgoingEmail
from members.roles import is_organizer
from members.services.mail import mail_enqueue


def mail_batch_open(*, reason: str, actor: User | None) -> MailBatch:
    """A new batch to hold mails in (members.services.mail.mail_queue's `batch`)."""
    return MailBatch.objects.create(reason=reason[:300], created_by=actor)


def _decide(*, batch: MailBatch, actor: User, to_state: str) -> tuple[MailBatch, list[int]]:
    if not is_organizer(actor):
        raise PermissionDenied("Only organizers may approve or discard held e-mails.")
    locked = MailBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.state != MailBatch.State.HELD:
        raise ValidationError(
            f"These e-mails were already {locked.get_state_display().lower()}"
            + (f" by {locked.decided_by.get_username()}" if locked.decided_by else "")
            + ".",
            code="decided",
        )
    ids = list(
        OutgoingEmail.objects.filter(batch=locked, state=OutgoingEmail.State.HELD)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    locked.state = to_state
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at"])
    return locked, ids


def mail_batch_approve(*, batch: MailBatch, actor: User) -> int:
    """Send the batch's held mails: they join the outbox's queue and are sent once the
    transaction commits, in chunks of MAIL_BATCH_SIZE. Organizers only (PermissionDenied);
    a batch already approved or discarded is refused (ValidationError). Audited. Returns
    how many mails were released to be sent."""
    with transaction.atomic():
        locked, ids = _decide(batch=batch, actor=actor, to_state=MailBatch.State.APPROVED)
        OutgoingEmail.objects.filter(pk__in=ids, state=OutgoingEmail.State.HELD).update(
            state=OutgoingEmail.State.QUEUED, created_at=timezone.now()
        )
        for start in range(0, len(ids), settings.MAIL_BATCH_SIZE):
            mail_enqueue(ids=ids[start : start + settings.MAIL_BATCH_SIZE])
        audit_record(
            actor=actor,
            action=Action.MAIL_BATCH_APPROVED,
            target=locked,
            details={"mails": len(ids)},
        )
    return len(ids)


def mail_batch_discard(*, batch: MailBatch, actor: User) -> int:
    """Never send the batch's held mails (they stay in the outbox, marked discarded).
    Organizers only (PermissionDenied); a batch already approved or discarded is refused
    (ValidationError). Audited. Returns how many mails were discarded."""
    with transaction.atomic():
        locked, ids = _decide(batch=batch, actor=actor, to_state=MailBatch.State.DISCARDED)
        OutgoingEmail.objects.filter(pk__in=ids, state=OutgoingEmail.State.HELD).update(
            state=OutgoingEmail.State.DISCARDED
        )
        audit_record(
            actor=actor,
            action=Action.MAIL_BATCH_DISCARDED,
            target=locked,
            details={"mails": len(ids)},
        )
    return len(ids)
