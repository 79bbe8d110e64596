"""`manage.py export_conference <slug> [--output FILE]`: write a whole conference as JSON
(events.transfer says what it holds), to a file or to standard output."""

import json

from django.core.management.base import BaseCommand, CommandError

from events.models import Conference
from events.transfer import conference_export


class Command(BaseCommand):
    help = "Write a conference with everything in it as JSON, for import_conference."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", help="The conference's slug.")
        parser.add_argument("--output", "-o", help="File to write; standard output without it.")

    def handle(self, *args, slug: str, output: str | None, **options) -> None:
        conference = Conference.objects.filter(slug=slug).first()
        if conference is None:
            known = ", ".join(Conference.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No conference “{slug}”. Conferences here: {known}.")
        text = json.dumps(conference_export(conference=conference), indent=1, ensure_ascii=False)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text + "\n")
            self.stderr.write(f"Wrote {conference.name} to {output}.")
        else:
            self.stdout.write(text)
