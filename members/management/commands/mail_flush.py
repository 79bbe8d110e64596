"""`manage.py mail_flush`: queue again the e-mail waiting in the outbox, for cron or after an
incident.

A message is queued for sending when the change that causes it commits; if the broker was
unreachable then, or lost its queue, the message waits in the outbox. This queues every
message waiting longer than --minutes. Sending stays idempotent: a message queued twice
goes out once.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from members.services.mail import mail_flush


class Command(BaseCommand):
    help = "Queue the e-mail that has waited in the outbox longer than --minutes (default 10)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--minutes", type=int, default=10)

    def handle(self, *args, minutes: int, **options) -> None:
        if minutes < 0:
            raise CommandError("--minutes must be 0 or more.")
        count = mail_flush(older_than=datetime.timedelta(minutes=minutes))
        self.stdout.write(f"{count} e-mail(s) queued again.")
