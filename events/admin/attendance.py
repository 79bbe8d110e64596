"""Registrations and starred sessions in the admin."""

from django.contrib import admin

from events.models import (
    AgendaItem,
    Registration,
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
