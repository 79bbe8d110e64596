"""`manage.py import_conference FILE`: read a conference written by export_conference into
this database, all or nothing; refuses a conference whose slug is already here."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from events.transfer import conference_import


class Command(BaseCommand):
    help = "Read a conference exported by export_conference (JSON) into this database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The JSON file export_conference wrote.")

    def handle(self, *args, file: str, **options) -> None:
        try:
            with open(file, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            conference = conference_import(document=document)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except (KeyError, TypeError, IntegrityError) as error:
            raise CommandError(
                f"{file} does not fit this database ({error!r}); nothing was imported."
            ) from error
        self.stdout.write(
            f"Imported {conference.name}: {conference.submissions.count()} submissions, "
            f"{conference.schedules.count()} schedules."
        )
