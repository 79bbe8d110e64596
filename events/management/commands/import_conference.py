"""`manage.py import_conference FILE [--allow-staff]`: read a conference written by
export_conference into this database, all or nothing. The whole file is checked before
anything is written, and every fault is reported with its place in the file; a file that
would create staff or role-holding accounts is refused unless --allow-staff."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from events.transfer import conference_import

# Faults listed at most; a file with more is far from the format anyway.
MAX_FAULTS = 100


class Command(BaseCommand):
    help = "Read a conference exported by export_conference (JSON) into this database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The JSON file export_conference wrote.")
        parser.add_argument(
            "--allow-staff",
            action="store_true",
            help="Create the accounts the file gives staff status or a role (Organizers, "
            "Program committee). Without it such a file is refused.",
        )

    def handle(self, *args, file: str, allow_staff: bool, **options) -> None:
        try:
            with open(file, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, ValueError, RecursionError) as error:
            # ValueError: not JSON, or not UTF-8 (UnicodeDecodeError).
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            conference = conference_import(document=document, allow_staff=allow_staff)
        except ValidationError as error:
            faults = [str(item.message) for item in error.error_list if item.code == "fault"]
            if not faults:
                raise CommandError(" ".join(error.messages)) from error
            more = len(faults) - MAX_FAULTS
            raise CommandError(
                "The file does not fit; nothing was imported:\n"
                + "\n".join(f"- {fault}" for fault in faults[:MAX_FAULTS])
                + (f"\n… and {more} more." if more > 0 else "")
            ) from error
        except (DatabaseError, KeyError, TypeError) as error:
            # What the check cannot see: a clash with rows of this database (a calendar
            # token, an address), or a fault the check misses, still writes nothing.
            raise CommandError(
                f"{file} does not fit this database ({error!r}); nothing was imported."
            ) from error
        self.stdout.write(
            f"Imported {conference.name}: {conference.submissions.count()} submissions, "
            f"{conference.schedules.count()} schedules."
        )
