"""`manage.py mailings_send_due`: queue the scheduled mailings whose time has come, by hand
or from cron where no `celery beat` runs. Running it again, or beside beat, queues nothing
twice."""

from django.core.management.base import BaseCommand

from events.mailings.services import mailings_send_due


class Command(BaseCommand):
    help = "Queue the scheduled mailings whose time has come."

    def handle(self, *args, **options) -> None:
        count = mailings_send_due()
        self.stdout.write(f"{count} mailing(s) queued.")
