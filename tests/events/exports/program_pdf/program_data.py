"""A released agenda to print, built slot by slot, and ways to read the booklet back."""

import datetime
import io

from pypdf import PdfReader

from events.models import Slot, Submission
from events.schedule.program import program_pdf_build
from members.models import MemberCompany
from tests.factories import (
    ConferenceFactory,
    MemberCompanyFactory,
    MemberFactory,
    RoomFactory,
    ScheduleFactory,
    SlotFactory,
    SubmissionFactory,
    TrackFactory,
    local_datetime,
)

DAY_ONE = datetime.date(2030, 6, 10)
DAY_TWO = datetime.date(2030, 6, 11)


def words(text: str) -> str:
    return " ".join(text.split())


def read(body: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(body))


def page_texts(body: bytes) -> list[str]:
    return [words(page.extract_text()) for page in read(body).pages]


def outline_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles += outline_titles(item)
        else:
            titles.append(item.title)
    return titles


class Program:
    """A released agenda to print, built slot by slot."""

    def __init__(self, rooms: int = 3, **conference):
        conference.setdefault("name", "Orbit Summit 2030")
        self.conference = ConferenceFactory(
            starts_on=DAY_ONE, ends_on=DAY_TWO, welcome_text="Welcome to Orbit.", **conference
        )
        self.release = ScheduleFactory(conference=self.conference, released=True, version="1.0")
        self.rooms = [
            RoomFactory(conference=self.conference, name=f"Hall {number}", order=number)
            for number in range(1, rooms + 1)
        ]
        self.track = TrackFactory(conference=self.conference, name="Pipelines", colour="#2f855a")

    def talk(
        self,
        title: str,
        *,
        room: int = 0,
        day: datetime.date = DAY_ONE,
        hour: int = 10,
        minute: int = 0,
        minutes: int = 30,
        speakers=None,
        kind: str = Slot.Kind.TALK,
        **submission_fields,
    ) -> Slot:
        submission = SubmissionFactory(
            conference=self.conference,
            title=title,
            state=Submission.State.ACCEPTED,
            track=self.track,
            speakers=speakers,
            **submission_fields,
        )
        start = local_datetime(self.conference, day, hour, minute)
        return SlotFactory(
            schedule=self.release,
            room=self.rooms[room],
            kind=kind,
            submission=submission,
            title="",
            start=start,
            end=start + datetime.timedelta(minutes=minutes),
        )

    def block(self, title: str, *, hour: int, day: datetime.date = DAY_ONE, **fields) -> Slot:
        start = local_datetime(self.conference, day, hour)
        return SlotFactory(
            schedule=self.release,
            room=None,
            kind=Slot.Kind.BREAK,
            title=title,
            start=start,
            end=start + datetime.timedelta(minutes=30),
            **fields,
        )

    def build(self, **options) -> bytes:
        return program_pdf_build(conference=self.conference, schedule=self.release, **options)


def speaker(first: str, last: str, company: str | None = "Orbit Bank"):
    """A speaker at the named company (one company per name), or a guest without one."""
    employer = None
    if company is not None:
        employer = MemberCompany.objects.filter(name=company).first() or MemberCompanyFactory(
            name=company, slug=f"company-{MemberCompany.objects.count()}"
        )
    return MemberFactory(user__first_name=first, user__last_name=last, company=employer)
