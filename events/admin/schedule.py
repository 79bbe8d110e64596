"""Schedules and slots in the admin; every slot write goes through the scheduling services."""

from typing import ClassVar

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models.query import QuerySet
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from audit.services import Action, audit_record
from events.admin.conference import _read_wall_clock, _show_wall_clock
from events.models import (
    Room,
    Schedule,
    Slot,
)
from events.schedule.services import slot_check, slot_save


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = (
        "conference",
        "version_label",
        "released_at",
        "released_by",
        "slot_count",
        "change_summary",
    )
    list_filter = ("conference",)
    list_select_related = ("conference", "released_by")
    search_fields = ("conference__name", "version", "note")
    readonly_fields = ("conference", "version", "released_at", "released_by", "changes")
    fields = ("conference", "version", "released_at", "released_by", "note", "changes")
    date_hierarchy = "released_at"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_slots=Count("slots"))

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description="version", ordering="version")
    def version_label(self, schedule: Schedule) -> str:
        return schedule.version or "working copy"

    @admin.display(description="slots", ordering="_slots")
    def slot_count(self, schedule: Schedule) -> int:
        return schedule._slots  # type: ignore[attr-defined]  # annotated by get_queryset

    @admin.display(description="changes")
    def change_summary(self, schedule: Schedule) -> str:
        if schedule.is_working_copy:
            return "–"  # noqa: RUF001 - the page's own en dash
        return ", ".join(
            f"{len(schedule.changelog.get(key, []))} {key}"
            for key in ("new", "moved", "changed", "cancelled")
        )

    @admin.display(description="changelog")
    def changes(self, schedule: Schedule) -> str:
        sections = []
        for key, label in [
            ("new", "New"),
            ("moved", "Moved"),
            ("changed", "Changed"),
            ("cancelled", "Cancelled"),
        ]:
            entries = schedule.changelog.get(key, [])
            if entries:
                items = format_html_join(
                    "",
                    "<li>{} ({}, {})</li>",
                    (
                        (e["title"], e["start"][:16].replace("T", " "), e["room"] or "all rooms")
                        for e in entries
                    ),
                )
                sections.append(format_html("<p><strong>{}</strong></p><ul>{}</ul>", label, items))
        if not sections:
            return "No changes recorded."
        return format_html_join("", "{}", ((section,) for section in sections))


class RoomChoiceField(forms.ModelChoiceField):
    """A room named with its conference, since the slot form offers every conference's."""

    def label_from_instance(self, obj: Room) -> str:
        return f"{obj.name} ({obj.conference.name})"


class SlotAdminForm(forms.ModelForm):
    """Times are typed and shown as wall-clock times of the conference, whatever the server's
    timezone, because that is what the printed agenda says."""

    class Meta:
        model = Slot
        fields = (
            "schedule",
            "kind",
            "room",
            "start",
            "end",
            "submission",
            "title",
            "description",
            "signup_required",
            "signup_cap",
        )
        help_texts: ClassVar = {
            "start": "Local time at the conference.",
            "end": "Local time at the conference.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            _show_wall_clock(self, ("start", "end"), self.instance.schedule.conference.tz)

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("schedule") is not None:
            _read_wall_clock(cleaned, ("start", "end"), cleaned["schedule"].conference.tz)
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # django-stubs leave out BaseModelForm._post_clean
        if self.errors:
            return
        try:
            slot_check(slot=self.instance)
        except ValidationError as error:
            self.add_error(None, error)


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    form = SlotAdminForm
    list_display = ("local_time", "room", "kind", "display_title", "schedule", "cancelled")
    list_filter = ("schedule__conference", "schedule", "kind", "room", "cancelled")
    list_select_related = ("room", "submission", "schedule__conference")
    search_fields = ("title", "submission__title")
    autocomplete_fields = ("submission",)
    date_hierarchy = "start"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "schedule":
            kwargs["queryset"] = Schedule.objects.filter(version="").select_related("conference")
        if db_field.name == "room":
            kwargs["queryset"] = Room.objects.select_related("conference")
            kwargs["form_class"] = RoomChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="time at the conference", ordering="start")
    def local_time(self, slot: Slot) -> str:
        conference = slot.schedule.conference
        start = timezone.localtime(slot.start, conference.tz)
        end = timezone.localtime(slot.end, conference.tz)
        return f"{start:%a %d %b %H:%M}–{end:%H:%M} ({conference.timezone})"  # noqa: RUF001 - the page's own en dash

    def _is_released(self, obj: Slot | None) -> bool:
        return obj is not None and not obj.schedule.is_working_copy

    def has_change_permission(self, request, obj=None) -> bool:
        return not self._is_released(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not self._is_released(obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj: Slot, form, change: bool) -> None:
        slot_save(slot=obj, actor=request.user)

    def delete_model(self, request, obj: Slot) -> None:
        audit_record(actor=request.user, action=Action.SLOT_DELETED, target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset: QuerySet) -> None:
        for slot in queryset.select_related("room", "submission"):
            audit_record(actor=request.user, action=Action.SLOT_DELETED, target=slot)
        super().delete_queryset(request, queryset)
