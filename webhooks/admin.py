"""Organizers register webhook endpoints, read the delivery log, resend a delivery, send a
test ping and switch a disabled endpoint on again. Every write goes through
webhooks.services."""

from typing import ClassVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models.query import QuerySet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from webhooks.models import Delivery, Endpoint, EventType
from webhooks.services import delivery_resend, endpoint_enable, endpoint_ping, endpoint_save


class EndpointForm(forms.ModelForm):
    url = forms.URLField(label="URL", max_length=500, assume_scheme="https")
    event_types = forms.MultipleChoiceField(
        choices=EventType.subscribable,
        widget=forms.CheckboxSelectMultiple,
        help_text="The kinds of event sent to this URL.",
    )

    class Meta:
        model = Endpoint
        fields = ("url", "description", "event_types")


@admin.register(Endpoint)
class EndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ("url", "description", "active", "event_list", "consecutive_failures")
    list_filter = ("active",)
    search_fields = ("url", "description")
    list_select_related = ("created_by",)
    actions = ("send_ping", "enable")

    def get_fields(self, request, obj=None):
        fields = ["url", "description", "event_types"]
        if obj is not None:
            fields += [
                "secret",
                "active",
                "consecutive_failures",
                "disabled_at",
                "disabled_reason",
                "created_by",
                "deliveries_link",
            ]
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return (
            "secret",
            "active",
            "consecutive_failures",
            "disabled_at",
            "disabled_reason",
            "created_by",
            "deliveries_link",
        )

    @admin.display(description="Events")
    def event_list(self, obj: Endpoint) -> str:
        return ", ".join(obj.event_types)

    @admin.display(description="Delivery log")
    def deliveries_link(self, obj: Endpoint) -> str:
        url = reverse("admin:webhooks_delivery_changelist") + f"?endpoint__id__exact={obj.pk}"
        return format_html('<a href="{}">Deliveries to this endpoint</a>', url)

    def save_model(self, request, obj, form, change):
        endpoint_save(endpoint=obj, actor=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        # Straight to the endpoint's page, where its secret is: the message itself does not
        # carry it, since messages may be kept in a (signed, not encrypted) cookie.
        self.message_user(
            request,
            "Endpoint registered. Give the receiving system the signing secret shown below.",
            messages.WARNING,
        )
        return HttpResponseRedirect(reverse("admin:webhooks_endpoint_change", args=[obj.pk]))

    @admin.action(description="Send a test ping", permissions=["change"])
    def send_ping(self, request, queryset: QuerySet[Endpoint]) -> None:
        for endpoint in queryset:
            endpoint_ping(endpoint=endpoint, actor=request.user)
        self.message_user(request, f"Ping sent to {queryset.count()} endpoint(s); see the log.")

    @admin.action(description="Switch on again", permissions=["change"])
    def enable(self, request, queryset: QuerySet[Endpoint]) -> None:
        endpoints = list(queryset.filter(active=False))
        for endpoint in endpoints:
            endpoint_enable(endpoint=endpoint)
        self.message_user(request, f"{len(endpoints)} endpoint(s) switched on.")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "response_status",
        "last_attempt_at",
    )
    list_filter = ("status", "event_type", "endpoint")
    list_select_related = ("endpoint",)
    search_fields = ("event_id", "endpoint__url", "endpoint__description")
    date_hierarchy = "created_at"
    actions = ("resend",)
    readonly_fields: ClassVar = [
        "endpoint",
        "event_id",
        "event_type",
        "payload",
        "status",
        "attempts",
        "response_status",
        "response_excerpt",
        "error",
        "created_at",
        "last_attempt_at",
        "delivered_at",
    ]
    exclude = ("claimed_at",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # The log is read-only; resending is an action, allowed to those who may change
        # endpoints.
        return obj is None and request.user.has_perm("webhooks.change_endpoint")

    @admin.action(description="Resend the selected deliveries", permissions=["change"])
    def resend(self, request, queryset: QuerySet[Delivery]) -> None:
        resent = 0
        for delivery in queryset:
            try:
                delivery_resend(delivery=delivery)
            except ValidationError as error:
                self.message_user(request, f"{delivery}: {error.messages[0]}", messages.ERROR)
            else:
                resent += 1
        self.message_user(request, f"{resent} deliver{'y' if resent == 1 else 'ies'} resent.")
