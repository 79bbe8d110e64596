"""Forms behind the agenda builder's JSON endpoints: place, move, unschedule, add a block,
release."""

import datetime
from typing import cast

from django import forms
from django.core.exceptions import ValidationError

from events.models import Conference, Room, Slot
from events.schedule.services import BLOCK_KINDS


def _local(conference: Conference, day: datetime.date, clock: datetime.time):
    return datetime.datetime.combine(day, clock, tzinfo=conference.tz)


class _AgendaForm(forms.Form):
    """Reads times as wall-clock times of the conference and rooms of the conference."""

    def __init__(self, *args, conference: Conference, rooms: list[Room], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.room_by_pk = {room.pk: room for room in rooms}

    def _room(self, value: str | None) -> Room | None:
        if not value:
            return None
        try:
            return self.room_by_pk[int(value)]
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
        super().clean()
        cleaned = self.cleaned_data
        cleaned["start"] = self._moment("start")
        cleaned["end"] = self._moment("end")
        return cleaned


class SlotMoveForm(SlotPlaceForm):
    """A slot dragged, resized or edited: its new room (empty: the whole venue) and times,
    and the `updated_at` the page read, so a stale edit is refused."""

    submission = None  # type: ignore[assignment]  # Django's way to drop an inherited field, which django-stubs do not model
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
        cast(forms.ChoiceField, self.fields["day"]).choices = [
            (day.isoformat(), f"{day:%a %d %b}") for day in self.conference.days
        ]
        cast(forms.ChoiceField, self.fields["rooms"]).choices = [
            (room.pk, room.name) for room in self.room_by_pk.values()
        ]

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        day, start, end = cleaned.get("day"), cleaned.get("start"), cleaned.get("end")
        if day and start and end:
            if end <= start:
                self.add_error("end", "The block must end after it starts.")
            cleaned["starts_at"] = _local(self.conference, day, start)
            cleaned["ends_at"] = _local(self.conference, day, end)
        cleaned["room_list"] = [self.room_by_pk[pk] for pk in cleaned.get("rooms", [])]
        return cleaned


class ReleaseForm(forms.Form):
    version = forms.CharField(max_length=50, help_text="e.g. 1.2 or “Final”.")
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Shown with the changelog; say what changed and why.",
    )
    # Empty on the builder's form: the preview comes first. The preview's confirmation
    # carries the preview's fingerprint, so a release confirms what was shown.
    confirm = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
