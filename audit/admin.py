"""The audit log in the admin: organizers read it; nobody adds, changes or deletes entries."""

import json

from django.contrib import admin
from django.utils.html import format_html

from audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor_name", "action", "target_repr", "target_type")
    list_filter = (
        "action",
        ("actor", admin.RelatedOnlyFieldListFilter),
        "target_type",
        "created_at",
    )
    search_fields = ("actor_name", "target_repr", "target_id")
    date_hierarchy = "created_at"
    fields = (
        "created_at",
        "actor",
        "actor_name",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "details_shown",
    )
    readonly_fields = fields
    list_select_related = ("actor",)

    @admin.display(description="details")
    def details_shown(self, entry: AuditEntry) -> str:
        return format_html("<pre>{}</pre>", json.dumps(entry.details, indent=2, sort_keys=True))

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
