"""`manage.py seed_demo`: fill a database with a realistic users' group to try Guildhall on.

It builds member companies with their membership history and people, the vendor's products,
case studies, and one three-day conference about four months ahead with its call for papers,
reviews, a released agenda and attendees' starred sessions; and next year's conference with
its call for papers open, for the demo member to submit to and the demo reviewer to review.
It prints four logins (organizer, reviewer, member, attendee). Dates follow the day it runs,
so the demo always looks current. The building is `demo.seed`'s; the text is `demo.data`'s.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demo.data.accounts import ADMIN_URL, LOGINS, SITE_URL
from demo.seed.common import SeedError
from demo.seed.run import demo_conference, demo_seed


class Command(BaseCommand):
    help = (
        "Create a demo users' group (companies, people, a conference with reviews and a "
        "released agenda) and print logins for an organizer, a reviewer, a member and an "
        "attendee. Does nothing if the demo is already there."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. The demo logins have published passwords.",
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts whose passwords it prints, so it runs only with "
                "DEBUG on. Pass --force to seed this database anyway (tests, a throwaway demo "
                "server); never on a site that real people use."
            )
        started = time.monotonic()
        try:
            with transaction.atomic():
                conference = demo_conference()
                summary = demo_seed(now=timezone.now()) if conference is None else []
        except SeedError as error:
            raise CommandError(str(error)) from error
        if conference is not None:
            self.stdout.write(
                f"The demo is already there ({conference.name}, slug “{conference.slug}”); "
                "nothing was changed."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Demo data created in {time.monotonic() - started:.1f} s:")
            )
            for line in summary:
                self.stdout.write(f"  {line}")
        self._write_logins()

    def _write_logins(self) -> None:
        usernames = [username for _, username, _, _ in LOGINS]
        existing = set(
            get_user_model()
            .objects.filter(username__in=usernames, is_active=True)
            .values_list("username", flat=True)
        )
        self.stdout.write("")
        self.stdout.write(f"Site:  {SITE_URL}")
        self.stdout.write(f"Admin: {ADMIN_URL}")
        self.stdout.write("")
        self.stdout.write(f"  {'role':<11}{'username':<11}password")
        for role, username, password, _ in LOGINS:
            missing = "" if username in existing else "  (missing: this user is not there)"
            self.stdout.write(f"  {role:<11}{username:<11}{password}{missing}")
