"""The mail composer and its outbox in the admin: organizers compose a mailing, preview its
recipient count and one rendered copy, save it as a draft, send it now or schedule it; a sent
mailing's page is its outbox, each recipient with their message's state, and a button to
send the failed ones again."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from events.mailings.forms import MailingForm
from events.mailings.selectors import (
    audience_preview,
    mailing_counts,
    mailing_outbox,
)
from events.mailings.services import (
    mailing_compose,
    mailing_person_of,
    mailing_render,
    mailing_resend_failed,
)
from events.models import Mailing
from members.models import OutgoingEmail

OUTBOX_PAGE_SIZE = 50


@admin.register(Mailing)
class MailingAdmin(admin.ModelAdmin):
    list_display = (
        "subject",
        "state",
        "kind",
        "send_at",
        "recipient_count",
        "queued_at",
        "created_by",
    )
    list_filter = ("state", "kind")
    search_fields = ("subject",)
    list_select_related = ("created_by",)
    date_hierarchy = "created_at"

    def get_urls(self):
        return [
            path(
                "<path:object_id>/resend-failed/",
                self.admin_site.admin_view(require_POST(self.resend_failed_view)),
                name="events_mailing_resend_failed",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return self.compose_view(request, None)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        mailing = self._mailing(request, object_id)
        if mailing.editable and self.has_change_permission(request, mailing):
            return self.compose_view(request, mailing)
        return self.outbox_view(request, mailing)

    def _mailing(self, request: HttpRequest, object_id: str) -> Mailing:
        mailing = self.get_object(request, unquote(object_id))
        if mailing is None:
            raise Http404("No such mailing.")
        if not self.has_view_or_change_permission(request, mailing):
            raise PermissionDenied
        return mailing

    def compose_view(self, request: HttpRequest, mailing: Mailing | None) -> HttpResponse:
        preview = None
        if request.method == "POST":
            form = MailingForm(request.POST)
            action = request.POST.get("action", "draft")
            if form.is_valid() and action == "preview":
                preview = self._preview(form)
                if preview["count"] == 0:
                    form.add_error(
                        None,
                        "Nobody matches these filters (after opt-outs of this kind of mail). "
                        "Widen the audience.",
                    )
            elif form.is_valid():
                try:
                    saved, queued = mailing_compose(
                        mailing=mailing,
                        actor=request.user,  # type: ignore[arg-type]  # the admin is logged in
                        action=action,
                        send_at=form.cleaned_data["send_at"],
                        **form.service_arguments(),
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, self._done_message(saved, action, queued))
                    return HttpResponseRedirect(
                        reverse("admin:events_mailing_change", args=[saved.pk])
                    )
        else:
            form = MailingForm(initial=MailingForm.initial_of(mailing) if mailing else None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Compose a mailing" if mailing is None else f"Mailing: {mailing.subject}",
            "mailing": mailing,
            "form": form,
            "preview": preview,
        }
        return TemplateResponse(request, "admin/events/mailing/compose.html", context)

    @staticmethod
    def _preview(form: MailingForm) -> dict:
        count, first = audience_preview(audience=form.audience())
        conference = form.cleaned_data["conference"]
        data = form.cleaned_data
        preview: dict = {"count": count, "recipient": first, "subject": "", "body": ""}
        if first is not None:
            person = mailing_person_of(user=first, conference=conference.name if conference else "")
            preview["subject"] = mailing_render(text=data["subject"], person=person)
            preview["body"] = mailing_render(text=data["body"], person=person)
        return preview

    @staticmethod
    def _done_message(mailing: Mailing, action: str, queued: int) -> str:
        if action == "send":
            return f"“{mailing.subject}” is on its way to {queued} people."
        if action == "schedule" and mailing.send_at is not None:
            return f"“{mailing.subject}” will be sent at {mailing.send_at:%Y-%m-%d %H:%M %Z}."
        return f"“{mailing.subject}” is saved as a draft."

    def outbox_view(self, request: HttpRequest, mailing: Mailing) -> HttpResponse:
        page = Paginator(mailing_outbox(mailing=mailing), OUTBOX_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        counts = mailing_counts(mailing=mailing)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Outbox: {mailing.subject}",
            "mailing": mailing,
            "page": page,
            "counts": counts,
            "states": OutgoingEmail.State,
            "can_resend": counts[OutgoingEmail.State.FAILED] > 0
            and self.has_change_permission(request, mailing),
        }
        return TemplateResponse(request, "admin/events/mailing/outbox.html", context)

    def resend_failed_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        mailing = self._mailing(request, object_id)
        if not self.has_change_permission(request, mailing):
            raise PermissionDenied
        count = mailing_resend_failed(mailing=mailing)
        messages.success(request, f"{count} failed message(s) queued again.")
        return HttpResponseRedirect(reverse("admin:events_mailing_change", args=[mailing.pk]))
