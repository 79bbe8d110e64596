"""`manage.py build_program <slug> -o FILE [--working]`: print a conference's programme to a
PDF file, from its latest release or, with --working, from the unreleased working copy."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.exports.program_pdf import PAGE_SIZES
from events.models import Conference
from events.schedule.program import program_pdf_build
from events.schedule.selectors import schedule_latest_release


class Command(BaseCommand):
    help = (
        "Write a conference's printed programme (PDF) to a file: the latest release, or the "
        "working copy with --working."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", help="The conference's slug.")
        parser.add_argument("-o", "--output", required=True, help="The PDF file to write.")
        parser.add_argument(
            "--working",
            action="store_true",
            help="Print the unreleased working copy instead of the latest release.",
        )
        parser.add_argument(
            "--page-size",
            choices=sorted(PAGE_SIZES),
            help="Paper size; the PROGRAM_PAGE_SIZE setting by default.",
        )

    def handle(self, *args, slug: str, output: str, working: bool, page_size, **options) -> None:
        conference = Conference.objects.filter(slug=slug).first()
        if conference is None:
            raise CommandError(f"There is no conference with the slug “{slug}”.")
        if working:
            schedule = conference.schedules.filter(version="").first()
            if schedule is None:
                raise CommandError(f"{conference.name} has no working copy of its agenda yet.")
        else:
            schedule = schedule_latest_release(conference=conference)
            if schedule is None:
                raise CommandError(
                    f"{conference.name} has no released agenda yet; pass --working to print "
                    "the working copy."
                )
        body = program_pdf_build(conference=conference, schedule=schedule, page_size=page_size)
        try:
            Path(output).write_bytes(body)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from error
        label = "working copy" if working else f"version {schedule.version}"
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote the programme of {conference.name} ({label}) to {output} "
                f"({len(body) // 1024} KB)."
            )
        )
