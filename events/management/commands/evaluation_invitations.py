"""`manage.py evaluation_invitations`: send the invitations to evaluate now, as the beat task
`events.tasks.evaluation_invitations` does every quarter of an hour (for a site without a
beat process, run it from cron, or by hand to catch up). Nobody is invited twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from events.evaluations.services import evaluation_invitations_send


class Command(BaseCommand):
    help = (
        "E-mail the attendees of each conference day that has ended an invitation to "
        "evaluate the sessions they attended. Safe to run more than once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--now",
            help="Run as at this instant (ISO 8601 with its UTC offset) instead of now.",
        )

    def handle(self, *args, now: str | None = None, **options) -> None:
        at = None
        if now:
            try:
                at = datetime.datetime.fromisoformat(now)
            except ValueError as error:
                raise CommandError(f"--now must be an ISO 8601 instant, not {now!r}.") from error
            if at.tzinfo is None:
                raise CommandError("--now needs its UTC offset, e.g. 2030-06-10T19:00+02:00.")
        queued = evaluation_invitations_send(now=at)
        self.stdout.write(f"{queued} invitation(s) to evaluate queued.")
