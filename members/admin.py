"""Admin for member companies, their memberships and people, tiers, products, case studies
and announcements; CSV import and export of companies and people; the membership dashboard.
"""

import itertools
from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.query import QuerySet
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin

from members import charts, selectors
from members.csv_files import UPLOAD_NAME, CsvReadError, SafeCSV, UploadStorage
from members.models import (
    Announcement,
    ApiToken,
    CaseStudy,
    CompanyDomain,
    Invitation,
    MailBatch,
    Member,
    MemberCompany,
    Membership,
    MembershipTier,
    OutgoingEmail,
    Product,
    RenewalNotice,
)
from members.resources import MemberCompanyResource, MemberResource
from members.roles import is_organizer
from members.services.announcements import announcement_mail_schedule
from members.services.case_studies import case_study_publish, case_study_return_to_draft
from members.services.images import company_logo_set, image_decode
from members.services.mail_batches import mail_batch_approve, mail_batch_discard
from members.services.memberships import (
    membership_admin_deleted,
    membership_admin_saved,
    membership_renew,
)

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class GuildhallUserAdmin(UserAdmin):
    """Organizers manage people's accounts and roles, but only a superuser grants superuser
    status or single permissions, or touches a superuser's account: otherwise an organizer
    could raise their own rights."""

    list_filter = ("is_staff", "is_active", "groups")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


# Addresses typed without a scheme are web sites: read "example.com" as https://example.com.
URL_FIELDS_ASSUME_HTTPS: dict[type[models.Field], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


@admin.register(MembershipTier)
class MembershipTierAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "annual_dues",
        "seats",
        "conference_passes",
        "may_submit_talks",
        "order",
    )
    list_editable = ("order",)
    search_fields = ("name",)


class MembershipFormSet(forms.BaseInlineFormSet):
    """Refuses overlapping periods among the rows of one save; Membership.clean() compares
    each row with the periods already stored."""

    def clean(self) -> None:
        super().clean()
        periods = sorted(
            (form.cleaned_data["starts_on"], form.cleaned_data["ends_on"])
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("state") != Membership.State.CANCELLED
            and form.cleaned_data.get("starts_on")
            and form.cleaned_data.get("ends_on")
        )
        for (first_start, first_end), (second_start, second_end) in itertools.pairwise(periods):
            if second_start <= first_end:
                raise ValidationError(
                    f"The periods {first_start:%Y-%m-%d} to {first_end:%Y-%m-%d} and "
                    f"{second_start:%Y-%m-%d} to {second_end:%Y-%m-%d} overlap."
                )


def audit_membership_form(request, form: forms.ModelForm, *, created: bool) -> None:
    """Record an organizer's save of a membership in the admin, with the values changed."""
    membership = form.instance
    membership_admin_saved(
        membership=membership,
        actor=request.user,
        changed={name: str(getattr(membership, name)) for name in form.changed_data},
        created=created,
        from_state=form.initial.get("state", ""),
    )


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 0
    fields = ("tier", "starts_on", "ends_on", "dues", "paid_on", "state")
    ordering = ("-starts_on",)


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ("user", "job_title", "is_primary_contact", "public_profile")
    raw_id_fields = ("user",)
    show_change_link = True


class CompanyDomainInline(admin.TabularInline):
    model = CompanyDomain
    extra = 0
    fields = ("domain",)


class CsvImportExportMixin(ImportExportMixin):
    """CSV only (members.csv_files: formulae escaped, unreadable files refused by line),
    with a clear word for a file that is not UTF-8."""

    # Shows only the messages of a file's errors, never a traceback with the server's paths.
    import_template_name = "admin/members/csv_import.html"
    import_error_display = ("message",)
    tmp_storage_class = UploadStorage

    def get_import_formats(self):
        return [SafeCSV]

    def get_export_formats(self):
        return [SafeCSV]

    def get_import_data_kwargs(self, **kwargs):
        # All or nothing at the confirmation too, not only in the preview.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        """A file that fails at confirmation (the data changed since the preview) was rolled
        back: say so instead of reporting an import."""
        if result.has_errors() or result.has_validation_errors():
            lines = sorted(
                {row.number for row in result.invalid_rows}
                | {number for number, _ in result.row_errors()}
            )
            where = f" (line {', '.join(map(str, lines))})" if lines else ""
            return self._import_again(
                request, f"the file no longer imports cleanly{where}. Upload it again to see why."
            )
        return super().process_result(result, request)

    def _import_again(self, request, reason: str) -> HttpResponseRedirect:
        messages.error(request, f"Nothing was imported: {reason}")
        info = self.model._meta.app_label, self.model._meta.model_name
        return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*info)))

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """Import a previewed file once confirmed: the stock view, except that a confirmation
        posted twice, after the file expired, or with forged fields is refused with a
        message instead of failing with a server error, and the file is taken out of the
        cache before it is imported, so that two confirmations cannot both import it."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_confirm_form(request)
        formats = self.get_import_formats()
        resources = self.get_import_resource_classes(request)
        if not (
            form.is_valid()
            and UPLOAD_NAME.fullmatch(form.cleaned_data["import_file_name"])
            and form.cleaned_data["format"] in {str(n) for n in range(len(formats))}
            and form.cleaned_data["resource"] in {"", *(str(n) for n in range(len(resources)))}
        ):
            return self._import_again(
                request,
                "the confirmation does not name a file this page previewed. Upload the file again.",
            )
        input_format = formats[int(form.cleaned_data["format"])](encoding=self.from_encoding)
        data = UploadStorage(
            name=form.cleaned_data["import_file_name"],
            encoding=self.from_encoding,
            read_mode=input_format.get_read_mode(),
        ).claim()
        if data is None:
            return self._import_again(
                request,
                "this file was imported already, or its preview is more than a day old. "
                "Upload the file again.",
            )
        # The preview read this same data, so it reads again.
        dataset = input_format.create_dataset(data)
        result = self.process_dataset(dataset, form, request, **kwargs)
        return self.process_result(result, request)

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, UnicodeDecodeError):
            form.add_error(
                "import_file",
                f"The file is not UTF-8 text (byte 0x{e.object[e.start]:02x} at position "
                f"{e.start} cannot be read). Save it as “CSV UTF-8” and import it again. "
                "Nothing was imported.",
            )
        elif isinstance(e, CsvReadError):
            form.add_error("import_file", f"{e} Nothing was imported.")
        else:
            super().add_data_read_fail_error_to_form(form, e)


class StandingFilter(admin.SimpleListFilter):
    title = "standing"
    parameter_name = "standing"

    def lookups(self, request, model_admin):
        return [("good", "In good standing today"), ("none", "No active membership today")]

    def queryset(self, request, queryset):
        good = MemberCompany.objects.in_good_standing(timezone.localdate()).values("pk")
        if self.value() == "good":
            return queryset.filter(pk__in=good)
        if self.value() == "none":
            return queryset.exclude(pk__in=good)
        return queryset


def _assume_https(field: models.Field, **kwargs) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class MemberCompanyForm(forms.ModelForm):
    """The company with its logo: an upload checked as the primary contact's is, or removal."""

    logo_upload = forms.FileField(
        label="New logo",
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text="A JPEG, PNG or WebP image; stored without its metadata, fitted in a box.",
    )
    remove_logo = forms.BooleanField(label="Remove the logo", required=False)

    class Meta:
        model = MemberCompany
        fields = (
            "name",
            "slug",
            "industry",
            "country",
            "website",
            "description",
            "directory_opt_in",
        )
        formfield_callback = _assume_https

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if upload:
            image_decode(upload=upload)  # its refusal lands on this field
        return upload


@admin.register(MemberCompany)
class MemberCompanyAdmin(CsvImportExportMixin, admin.ModelAdmin):  # type: ignore[misc]  # import-export's stubs and Django's type model differently
    resource_classes = (MemberCompanyResource,)
    # A ClassVar in Django's stubs, an instance variable in import-export's.
    change_list_template = "admin/members/membercompany/change_list.html"  # type: ignore[misc]
    list_display = ("name", "industry", "country", "people_count", "directory_opt_in", "created_at")
    list_filter = (StandingFilter, "industry", "country", "directory_opt_in")
    search_fields = ("name", "slug", "website", "description")
    prepopulated_fields: ClassVar = {"slug": ("name",)}
    date_hierarchy = "created_at"
    inlines = (MembershipInline, CompanyDomainInline, MemberInline)
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    form = MemberCompanyForm
    readonly_fields = ("current_logo",)

    @admin.display(description="logo")
    def current_logo(self, company: MemberCompany) -> str:
        if not company.logo:
            return "None: the directory shows the company's initials."
        return format_html(
            '<img src="{}" alt="{} logo" class="admin-logo">', company.logo_small_url, company.name
        )

    def save_model(self, request, obj: MemberCompany, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        upload = form.cleaned_data.get("logo_upload")
        if upload or form.cleaned_data.get("remove_logo"):
            company_logo_set(company=obj, upload=upload or None, actor=request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_people=Count("people"))

    def get_urls(self):
        dashboard = path(
            "dashboard/",
            self.admin_site.admin_view(self.dashboard_view),
            name="members_membership_dashboard",
        )
        return [dashboard, *super().get_urls()]

    def dashboard_view(self, request):
        """Organizers' figures: companies by tier, dues per year, renewals due, lapsed."""
        if not is_organizer(request.user):
            raise PermissionDenied("The membership dashboard is for organizers.")
        today = timezone.localdate()
        figures = selectors.membership_dashboard(today=today)
        context = {
            **self.admin_site.each_context(request),
            "title": "Membership dashboard",
            "opts": self.model._meta,
            "today": today,
            **figures,
            "tier_chart": charts.bar_chart(
                [(row["tier"].name, row["companies"]) for row in figures["by_tier"]],
                title="Companies in good standing by tier",
            ),
            "dues_chart": charts.bar_chart(
                [(str(row["year"]), row["total"]) for row in figures["dues_by_year"]],
                title="Dues per year",
            ),
        }
        return TemplateResponse(request, "admin/members/dashboard.html", context)

    def save_formset(self, request, form, formset, change: bool) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        deleted = [f.instance for f in formset.deleted_forms if f.instance.pk]
        membership_admin_deleted(memberships=deleted, actor=request.user)
        super().save_formset(request, form, formset, change)
        for membership_form in formset.forms:
            if membership_form in formset.deleted_forms or not membership_form.has_changed():
                continue
            created = membership_form in formset.extra_forms
            audit_membership_form(request, membership_form, created=created)

    @admin.display(description="people", ordering="_people")
    def people_count(self, company: MemberCompany) -> int:
        return company._people  # type: ignore[attr-defined]  # annotated by get_queryset


class RenewalNoticeInline(admin.TabularInline):
    model = RenewalNotice
    extra = 0
    fields = ("days_before", "sent_to", "sent_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("company", "tier", "starts_on", "ends_on", "dues", "paid_on", "state")
    inlines = (RenewalNoticeInline,)
    actions = ("renew",)

    @admin.action(description="Renew for another year (pending until paid)")
    def renew(self, request, queryset):
        today = timezone.localdate()
        renewed = 0
        for membership in queryset.select_related("company"):
            try:
                membership_renew(
                    company=membership.company,
                    tier=membership.tier,
                    today=today,
                    actor=request.user,
                )
            except ValidationError as error:
                self.message_user(
                    request, f"{membership.company}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                renewed += 1
        if renewed:
            self.message_user(request, f"{renewed} membership(s) renewed.", messages.SUCCESS)

    list_filter = ("state", "tier", "starts_on")
    list_select_related = ("company", "tier")
    search_fields = ("company__name",)
    autocomplete_fields = ("company",)
    date_hierarchy = "ends_on"

    def save_model(self, request, obj: Membership, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit_membership_form(request, form, created=not change)

    def delete_model(self, request, obj: Membership) -> None:
        membership_admin_deleted(memberships=[obj], actor=request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset: QuerySet) -> None:
        membership_admin_deleted(
            memberships=list(queryset.select_related("company", "tier")), actor=request.user
        )
        super().delete_queryset(request, queryset)


@admin.register(Member)
class MemberAdmin(CsvImportExportMixin, admin.ModelAdmin):  # type: ignore[misc]  # import-export's stubs and Django's type model differently
    resource_classes = (MemberResource,)
    list_display = (
        "__str__",
        "email",
        "company",
        "job_title",
        "is_primary_contact",
        "public_profile",
    )
    list_filter = ("is_primary_contact", "public_profile", "company__industry")
    list_select_related = ("user", "company")
    search_fields = (
        "user__first_name",
        "user__last_name",
        "user__email",
        "company__name",
        "job_title",
    )
    autocomplete_fields = ("company",)
    raw_id_fields = ("user",)
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS

    @admin.display(description="e-mail", ordering="user__email")
    def email(self, member: Member) -> str:
        return member.user.email


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "case_study_count")
    search_fields = ("name",)
    prepopulated_fields: ClassVar = {"slug": ("name",)}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_published=Count("case_studies", filter=Q(case_studies__state="published")))
        )

    @admin.display(description="published case studies", ordering="_published")
    def case_study_count(self, product: Product) -> int:
        return product._published  # type: ignore[attr-defined]  # annotated by get_queryset


@admin.register(CaseStudy)
class CaseStudyAdmin(admin.ModelAdmin):
    list_display = ("title", "company", "industry", "state", "published_at")
    list_filter = ("state", "industry", "products")
    list_select_related = ("company",)
    search_fields = ("title", "company__name", "challenge", "solution", "results")
    prepopulated_fields: ClassVar = {"slug": ["title"]}
    autocomplete_fields = ("company", "author")
    filter_horizontal = ("products",)
    date_hierarchy = "published_at"
    actions = ("publish", "return_to_draft")

    def _act(self, request, queryset, act, done: str) -> None:
        count = 0
        for study in queryset:
            try:
                act(study)
            except (ValidationError, PermissionDenied) as error:
                words = error.messages if isinstance(error, ValidationError) else [str(error)]
                self.message_user(request, " ".join(words), messages.ERROR)
            else:
                count += 1
        if count:
            self.message_user(request, f"{count} case stud{'y' if count == 1 else 'ies'} {done}.")

    @admin.action(description="Publish the selected case studies in review")
    def publish(self, request, queryset):
        now = timezone.now()
        self._act(
            request,
            queryset,
            lambda study: case_study_publish(case_study=study, actor=request.user, now=now),
            "published",
        )

    @admin.action(description="Send the selected case studies back to their authors as drafts")
    def return_to_draft(self, request, queryset):
        self._act(
            request,
            queryset,
            lambda study: case_study_return_to_draft(case_study=study, actor=request.user),
            "returned to draft",
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "company", "invited_by", "created_at", "accepted_at", "withdrawn")
    list_filter = ("withdrawn", "created_at")
    list_select_related = ("company", "invited_by")
    search_fields = ("email", "company__name")
    readonly_fields = ("company", "email", "invited_by", "created_at", "accepted_at", "accepted_by")

    def has_add_permission(self, request) -> bool:
        return False  # invitations are sent by primary contacts, with their e-mail


@admin.register(CompanyDomain)
class CompanyDomainAdmin(admin.ModelAdmin):
    list_display = ("domain", "company")
    list_select_related = ("company",)
    search_fields = ("domain", "company__name")
    autocomplete_fields = ("company",)


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ("title", "published_at", "author")
    list_select_related = ("author",)
    search_fields = ("title", "body")
    prepopulated_fields: ClassVar = {"slug": ["title"]}
    date_hierarchy = "published_at"
    exclude = ("author",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)
        if not change:
            announcement_mail_schedule(announcement=obj)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Organizers see who holds API tokens and revoke them (delete); owners make them on
    their own token page, because the key is shown only to the person who made it."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at")
    list_filter = ("created_at", "last_used_at")
    list_select_related = ("user",)
    search_fields = ("name", "prefix", "user__username", "user__email")
    readonly_fields = ("user", "name", "prefix", "created_at", "last_used_at")
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MailBatch)
class MailBatchAdmin(admin.ModelAdmin):
    """E-mails held for approval, one batch per bulk decision: how many, to whom, one of
    them in full, and the organizer's "Approve and send" or "Discard"."""

    list_display = ("reason", "held_count", "created_by", "created_at", "state")
    list_filter = ("state",)
    search_fields = ("reason",)
    list_select_related = ("created_by",)
    readonly_fields = ("reason", "created_by", "created_at", "state", "decided_by", "decided_at")
    fields = readonly_fields
    change_form_template = "admin/members/mailbatch/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _held=Count("mails", filter=Q(mails__state=OutgoingEmail.State.HELD)),
                _mails=Count("mails"),
            )
            .filter(_mails__gt=0)
        )

    @admin.display(description="e-mails held", ordering="_held")
    def held_count(self, batch: MailBatch) -> int:
        return batch._held  # type: ignore[attr-defined]  # annotated by get_queryset

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        return [
            path(
                "<int:batch_id>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="members_mailbatch_decide",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        batch = self.get_object(request, object_id)
        extra: dict[str, Any] = {}
        if batch is not None:
            mails = batch.mails.order_by("pk")
            extra = {
                "sample": mails.first(),
                "recipients": list(mails.values_list("to", "state")[:200]),
                "held": mails.filter(state=OutgoingEmail.State.HELD).count(),
                "total": mails.count(),
                "can_decide": batch.state == MailBatch.State.HELD and is_organizer(request.user),
                "decide_url": reverse("admin:members_mailbatch_decide", args=[batch.pk]),
            }
        return super().change_view(
            request, object_id, form_url, extra_context={**extra, **(extra_context or {})}
        )

    @method_decorator(require_POST)
    def decide_view(self, request, batch_id: int):
        if not is_organizer(request.user):
            raise PermissionDenied
        batch = MailBatch.objects.filter(pk=batch_id).first()
        if batch is None:
            raise Http404
        approve = request.POST.get("decision") == "approve"
        try:
            if approve:
                count = mail_batch_approve(batch=batch, actor=request.user)
                self.message_user(request, f"Approved: {count} e-mail(s) are being sent.")
            else:
                count = mail_batch_discard(batch=batch, actor=request.user)
                self.message_user(request, f"Discarded {count} e-mail(s); none will be sent.")
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level=messages.ERROR)
        return HttpResponseRedirect(reverse("admin:members_mailbatch_change", args=[batch.pk]))
