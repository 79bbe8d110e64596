"""Registrations and starred sessions in the admin."""

from django.contrib import admin

from events.models import (
    AgendaItem,
    CheckIn,
    Registration,
    SessionAttendance,
)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("user", "conference", "pass_type", "created_at")
    list_filter = ("conference", "pass_type")
    list_select_related = ("user", "conference")
    search_fields = ("user__username", "user__email", "user__first_name", "user__last_name")
    raw_id_fields = ("user",)
    readonly_fields = ("last_seen_release",)
    date_hierarchy = "created_at"


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ("registration", "slot_uid", "created_at")
    list_filter = ("registration__conference",)
    list_select_related = ("registration__user", "registration__conference")
    search_fields = ("registration__user__username", "registration__user__email")
    raw_id_fields = ("registration",)


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    """Read-only: check-ins are made by scanning badges (events.checkin.services)."""

    list_display = ("registration", "day", "at", "by")
    list_filter = ("registration__conference", "day")
    list_select_related = ("registration__user", "registration__conference", "by")
    search_fields = ("registration__user__username", "registration__user__last_name")
    raw_id_fields = ("registration", "by")
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SessionAttendance)
class SessionAttendanceAdmin(admin.ModelAdmin):
    """Read-only: attendance is recorded by scanning badges (events.checkin.services)."""

    list_display = ("registration", "slot_uid", "at", "by")
    list_filter = ("registration__conference",)
    list_select_related = ("registration__user", "registration__conference", "by")
    search_fields = ("registration__user__username", "registration__user__last_name")
    raw_id_fields = ("registration", "by")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
