"""Helpers of the transfer tests: counting a conference's rows and exporting one to a file."""

import io
import json

from django.core.management import call_command

from events.models import (
    AgendaItem,
    Registration,
    Review,
    Room,
    Schedule,
    SessionFormat,
    Slot,
    Submission,
    SubmissionSpeaker,
    SubmissionTransition,
    Track,
)

# Each model with the path from its rows to their conference.
CONFERENCE_MODELS = {
    Room: "conference",
    Track: "conference",
    SessionFormat: "conference",
    Submission: "conference",
    SubmissionSpeaker: "submission__conference",
    SubmissionTransition: "submission__conference",
    Review: "submission__conference",
    Schedule: "conference",
    Slot: "schedule__conference",
    Registration: "conference",
    AgendaItem: "registration__conference",
}


def counts(slug: str | None = None) -> dict[str, int]:
    """Rows of each conference model, of every conference or of the one with `slug`."""
    return {
        model.__name__: (
            model._default_manager.filter(**{f"{path}__slug": slug})
            if slug
            else model._default_manager
        ).count()
        for model, path in CONFERENCE_MODELS.items()
    }


def export(slug: str, path) -> dict:
    call_command("export_conference", slug, "--output", str(path), stderr=io.StringIO())
    return json.loads(path.read_text())
