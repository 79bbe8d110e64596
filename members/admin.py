"""Admin for member companies, their memberships and people, tiers, products and case studies."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.query import QuerySet
from django.utils import timezone

from audit.services import Action, audit_record
from members.models import (
    CaseStudy,
    Member,
    MemberCompany,
    Membership,
    MembershipTier,
    Product,
)

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class GuildhallUserAdmin(UserAdmin):
    """Organizers manage people's accounts and roles, but only a superuser grants superuser
    status or single permissions, or touches a superuser's account: otherwise an organizer
    could raise their own rights."""

    list_filter = ["is_staff", "is_active", "groups"]

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
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(MembershipTier)
class MembershipTierAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "annual_dues",
        "seats",
        "conference_passes",
        "may_submit_talks",
        "order",
    ]
    list_editable = ["order"]
    search_fields = ["name"]


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
        for (first_start, first_end), (second_start, second_end) in zip(
            periods, periods[1:], strict=False
        ):
            if second_start <= first_end:
                raise ValidationError(
                    f"The periods {first_start:%Y-%m-%d} to {first_end:%Y-%m-%d} and "
                    f"{second_start:%Y-%m-%d} to {second_end:%Y-%m-%d} overlap."
                )


def audit_membership_form(request, form: forms.ModelForm, *, created: bool) -> None:
    """Record an organizer's save of a membership in the admin, with the values changed."""
    membership = form.instance
    changed = {name: str(getattr(membership, name)) for name in form.changed_data}
    audit_record(
        actor=request.user,
        action=Action.MEMBERSHIP_CREATED if created else Action.MEMBERSHIP_CHANGED,
        target=membership,
        details={"changed": changed},
    )


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 0
    fields = ["tier", "starts_on", "ends_on", "dues", "paid_on", "state"]
    ordering = ["-starts_on"]


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ["user", "job_title", "is_primary_contact", "public_profile"]
    raw_id_fields = ["user"]
    show_change_link = True


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


@admin.register(MemberCompany)
class MemberCompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "industry", "country", "people_count", "directory_opt_in", "created_at"]
    list_filter = [StandingFilter, "industry", "country", "directory_opt_in"]
    search_fields = ["name", "slug", "website", "description"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "created_at"
    inlines = [MembershipInline, MemberInline]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_people=Count("people"))

    def save_formset(self, request, form, formset, change: bool) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        deleted = [f.instance for f in formset.deleted_forms if f.instance.pk]
        for membership in deleted:
            audit_record(actor=request.user, action=Action.MEMBERSHIP_DELETED, target=membership)
        super().save_formset(request, form, formset, change)
        for membership_form in formset.forms:
            if membership_form in formset.deleted_forms or not membership_form.has_changed():
                continue
            created = membership_form in formset.extra_forms
            audit_membership_form(request, membership_form, created=created)

    @admin.display(description="people", ordering="_people")
    def people_count(self, company: MemberCompany) -> int:
        return company._people


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["company", "tier", "starts_on", "ends_on", "dues", "paid_on", "state"]
    list_filter = ["state", "tier", "starts_on"]
    list_select_related = ["company", "tier"]
    search_fields = ["company__name"]
    autocomplete_fields = ["company"]
    date_hierarchy = "ends_on"

    def save_model(self, request, obj: Membership, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit_membership_form(request, form, created=not change)

    def delete_model(self, request, obj: Membership) -> None:
        audit_record(actor=request.user, action=Action.MEMBERSHIP_DELETED, target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset: QuerySet) -> None:
        for membership in queryset.select_related("company", "tier"):
            audit_record(actor=request.user, action=Action.MEMBERSHIP_DELETED, target=membership)
        super().delete_queryset(request, queryset)


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "email",
        "company",
        "job_title",
        "is_primary_contact",
        "public_profile",
    ]
    list_filter = ["is_primary_contact", "public_profile", "company__industry"]
    list_select_related = ["user", "company"]
    search_fields = [
        "user__first_name",
        "user__last_name",
        "user__email",
        "company__name",
        "job_title",
    ]
    autocomplete_fields = ["company"]
    raw_id_fields = ["user"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS

    @admin.display(description="e-mail", ordering="user__email")
    def email(self, member: Member) -> str:
        return member.user.email


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "case_study_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(_published=Count("case_studies", filter=Q(case_studies__state="published")))
        )

    @admin.display(description="published case studies", ordering="_published")
    def case_study_count(self, product: Product) -> int:
        return product._published


@admin.register(CaseStudy)
class CaseStudyAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "industry", "state", "published_at"]
    list_filter = ["state", "industry", "products"]
    list_select_related = ["company"]
    search_fields = ["title", "company__name", "challenge", "solution", "results"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["company", "author"]
    filter_horizontal = ["products"]
    date_hierarchy = "published_at"
