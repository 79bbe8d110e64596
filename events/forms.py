"""Forms of the call for papers (the proposal, the review, the account an invited
co-speaker creates) and of the agenda builder (times read as the conference's wall-clock
times). They check the shape of the input; the rules are in events.services, whose refusals
the views put back on these forms next to the field concerned."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from events.models import ABSTRACT_MAX_LENGTH, Conference, Room, Slot, Submission
from events.services import BLOCK_KINDS, MAX_CO_SPEAKERS
from members.models import CaseStudy, Member


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: by field where the form has that field."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SubmissionForm(forms.Form):
    title = forms.CharField(max_length=200)
    abstract = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=ABSTRACT_MAX_LENGTH,
        help_text=(
            f"At most {ABSTRACT_MAX_LENGTH} characters: the problem, what you built and what "
            "changed. This is what the program shows."
        ),
    )
    outline = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="How the time is spent; for the committee.",
    )
    format = forms.ModelChoiceField(queryset=None, empty_label=None)
    track = forms.ModelChoiceField(queryset=None, required=False, empty_label="No preference")
    audience_level = forms.ChoiceField(
        choices=Submission.AudienceLevel.choices, initial=Submission.AudienceLevel.INTERMEDIATE
    )
    co_speakers = forms.CharField(
        label="Co-speakers",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=(
            f"E-mail addresses, one per line, at most {MAX_CO_SPEAKERS}. A member with that "
            "address is added at once; anyone else is e-mailed an invitation to join."
        ),
    )
    case_study = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Case study",
        empty_label="None",
        help_text="One of your company's case studies that the talk presents.",
    )
    notes = forms.CharField(
        label="Notes for the committee",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    creation_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, conference: Conference, speaker: Member | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["format"].queryset = conference.formats.all()
        self.fields["track"].queryset = conference.tracks.all()
        company_id = speaker.company_id if speaker is not None else None
        studies = CaseStudy.objects.filter(company_id=company_id) if company_id else None
        if studies is None:
            del self.fields["case_study"]
        else:
            self.fields["case_study"].queryset = studies

    def clean_co_speakers(self) -> list[str]:
        addresses = [
            item for item in re.split(r"[\s,;]+", self.cleaned_data["co_speakers"]) if item
        ]
        bad = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                bad.append(address)
        if bad:
            raise ValidationError(f"Not an e-mail address: {', '.join(bad)}.")
        return addresses

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "abstract": data["abstract"],
            "outline": data["outline"],
            "session_format": data["format"],
            "track": data["track"],
            "audience_level": data["audience_level"],
            "notes": data["notes"],
            "case_study": data.get("case_study"),
            "co_speaker_emails": data["co_speakers"],
        }


class ReviewForm(forms.Form):
    score = forms.TypedChoiceField(
        choices=[
            (5, "5 – must be in the program"),
            (4, "4 – good"),
            (3, "3 – fair"),
            (2, "2 – weak"),
            (1, "1 – out of scope"),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="For the organizers and the committee; speakers do not see it.",
    )


class InvitationSignupForm(forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    password = forms.CharField(widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(
        label="Password again", widget=forms.PasswordInput, strip=False
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if (
            cleaned.get("password")
            and cleaned.get("password_again")
            and cleaned["password"] != cleaned["password_again"]
        ):
            self.add_error("password_again", "The two passwords differ.")
        return cleaned


def _local(conference: Conference, day: datetime.date, clock: datetime.time):
    return datetime.datetime.combine(day, clock, tzinfo=conference.tz)


class _AgendaForm(forms.Form):
    """Reads times as wall-clock times of the conference and rooms of the conference."""

    def __init__(self, *args, conference: Conference, rooms: list[Room], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.rooms = {room.pk: room for room in rooms}

    def _room(self, value: str) -> Room | None:
        if value in ("", None):
            return None
        try:
            return self.rooms[int(value)]
        except (KeyError, ValueError):
            raise ValidationError("Choose a room of this conference.", code="room") from None

    def _moment(self, name: str) -> datetime.datetime | None:
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        return value.replace(tzinfo=self.conference.tz)


class SlotPlaceForm(_AgendaForm):
    """A talk dropped on the grid: which talk, which room, when (local time)."""

    submission = forms.IntegerField()
    room = forms.CharField(required=False)
    start = forms.DateTimeField(input_formats=["%Y-%m-%dT%H:%M"])
    end = forms.DateTimeField(input_formats=["%Y-%m-%dT%H:%M"], required=False)

    def clean_room(self) -> Room | None:
        return self._room(self.cleaned_data.get("room"))

    def clean(self) -> dict:
        cleaned = super().clean()
        cleaned["start"] = self._moment("start")
        cleaned["end"] = self._moment("end")
        return cleaned


class SlotMoveForm(SlotPlaceForm):
    """A slot dragged, resized or edited: its new room (empty: the whole venue) and times,
    and the `updated_at` the page read, so a stale edit is refused."""

    submission = None
    end = forms.DateTimeField(input_formats=["%Y-%m-%dT%H:%M"])
    version = forms.CharField(required=False)

    def clean_version(self) -> datetime.datetime | None:
        value = self.cleaned_data.get("version")
        if not value:
            return None
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            raise ValidationError("The page sent a broken version.", code="version") from None


class SlotUnscheduleForm(forms.Form):
    version = forms.CharField(required=False)

    clean_version = SlotMoveForm.clean_version


class BlockForm(_AgendaForm):
    """A break, lunch, keynote or social over some rooms, or the whole venue."""

    kind = forms.ChoiceField(choices=[(kind, Slot.Kind(kind).label) for kind in BLOCK_KINDS])
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    day = forms.TypedChoiceField(coerce=datetime.date.fromisoformat)
    start = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time", "step": 300}))
    end = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time", "step": 300}))
    rooms = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave every room unticked for a block over the whole venue.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [
            (day.isoformat(), f"{day:%a %d %b}") for day in self.conference.days
        ]
        self.fields["rooms"].choices = [(room.pk, room.name) for room in self.rooms.values()]

    def clean(self) -> dict:
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start"), cleaned.get("end")
        if day and start and end:
            if end <= start:
                self.add_error("end", "The block must end after it starts.")
            cleaned["starts_at"] = _local(self.conference, day, start)
            cleaned["ends_at"] = _local(self.conference, day, end)
        cleaned["room_list"] = [self.rooms[pk] for pk in cleaned.get("rooms", [])]
        return cleaned


class ReleaseForm(forms.Form):
    version = forms.CharField(max_length=50, help_text="e.g. 1.2 or “Final”.")
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Shown with the changelog; say what changed and why.",
    )
