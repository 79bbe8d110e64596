"""`manage.py membership_daily`: the day's membership work, for cron (once a day).

It activates paid periods whose first day has come, lapses periods whose grace period is
over without a renewal, and e-mails renewal reminders 60 and 14 days before a period ends.
Every step is idempotent: running it again on the same day changes and sends nothing.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from members.services.memberships import membership_run_daily, renewal_notices_send


class Command(BaseCommand):
    help = (
        "Activate paid membership periods, lapse unrenewed ones after their grace period, and "
        "send renewal reminders 60 and 14 days ahead. Safe to run more than once a day."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--date",
            help="Run as on this day (YYYY-MM-DD) instead of today, e.g. to catch up.",
        )

    def handle(self, *args, date: str | None = None, **options) -> None:
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}.") from error
        else:
            today = timezone.localdate()
        changed = membership_run_daily(today=today)
        notices = renewal_notices_send(today=today)
        self.stdout.write(
            f"{today:%Y-%m-%d}: {changed['activated']} period(s) activated, "
            f"{changed['lapsed']} lapsed, {len(notices)} renewal reminder(s) sent."
        )
        for notice in notices:
            self.stdout.write(
                f"  {notice.days_before}-day reminder for {notice.membership.company.name} "
                f"to {notice.sent_to}"
            )
