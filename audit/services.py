"""Writing the audit log. Services where organizers act call audit_record once per action."""

from typing import Protocol, cast

from django.contrib.auth.models import AnonymousUser, User
from django.db import models

from audit.models import AuditEntry

Action = AuditEntry.Action


class _HasState(Protocol):
    state: str


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    target: models.Model,
    details: dict | None = None,
) -> AuditEntry:
    """Record that the actor took the action on the target. Writes one row.

    Call it inside the caller's transaction, so the entry exists exactly when the change
    does. An anonymous or missing actor is recorded as the system.
    """
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username() if user else "",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        details=details or {},
    )


def audit_submission_transition(
    *, actor: User, submission: models.Model, from_state: str
) -> AuditEntry:
    """Record an organizer's change of a submission's state (its new state is on the row)."""
    # audit/ imports nothing from events/, so the submission is known only as a model.
    to_state = cast(_HasState, submission).state
    action = {
        "accepted": Action.SUBMISSION_ACCEPTED,
        "rejected": Action.SUBMISSION_REJECTED,
        "withdrawn": Action.SUBMISSION_WITHDRAWN,
    }.get(to_state, Action.SUBMISSION_MOVED)
    return audit_record(
        actor=actor,
        action=action,
        target=submission,
        details={"from": from_state, "to": to_state},
    )
