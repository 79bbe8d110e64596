"""CSV import and export of member companies and their people (django-import-export).

Two files, each with a header line: companies matched by `slug`, people matched by `email`
(their company named by its slug). An import is previewed first (a dry run in a transaction
that is rolled back), then confirmed; any bad row, a missing column or a repeated key stops
the whole file and writes nothing. Rows that would change nothing are skipped, so
re-importing a file is harmless. Error line numbers are the file's own lines (the header
is line 1).
"""

import logging
from collections import Counter
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from import_export import fields, instance_loaders, resources, widgets
from import_export.results import Result

from members.models import Member, MemberCompany

logger = logging.getLogger(__name__)


class CsvLineResult(Result):
    """Reports rows by their line in the file: data row 1 is line 2, after the header."""

    def append_error_row(self, number, row, errors):
        super().append_error_row(number + 1, row, errors)

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + 1, row, validation_error)
        self.invalid_rows[-1].number = number + 1


class YesNoWidget(widgets.BooleanWidget):
    """Empty means no; yes/no and 1/0 and true/false in any case."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        if text in {"", "0", "no", "false", "n"}:
            return False
        if text in {"1", "yes", "true", "y"}:
            return True
        raise ValueError(f"“{value}” is not yes or no.")

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class _CsvResource(resources.ModelResource):
    required_columns: tuple[str, ...] = ()
    key_column = ""

    @classmethod
    def get_result_class(cls) -> type[CsvLineResult]:
        return CsvLineResult

    def handle_import_error(self, result, error, raise_errors=False):
        # The admin shows a file-wide ValidationError's sentences; anything else is a fault
        # of ours, which the organizer sees only as such and the server log in full.
        if not isinstance(error, ValidationError):
            logger.error("CSV import by %s failed", type(self).__name__, exc_info=error)
        super().handle_import_error(result, error, raise_errors)

    def before_import(self, dataset, **kwargs):
        headers = [str(header or "").strip() for header in dataset.headers or []]
        missing = [column for column in self.required_columns if column not in headers]
        if missing:
            raise ValidationError(
                f"The file lacks the column(s) {', '.join(missing)}. Its first line must name "
                f"the columns; these are required: {', '.join(self.required_columns)}."
            )
        position = headers.index(self.key_column)
        keys = [str(row[position] or "").strip().lower() for row in dataset]
        repeated = [key for key, count in Counter(keys).items() if count > 1 and key]
        if repeated:
            lines = {
                key: [str(index + 2) for index, value in enumerate(keys) if value == key]
                for key in repeated[:10]
            }
            raise ValidationError(
                f"The same {self.key_column} appears on more than one line: "
                + "; ".join(f"“{key}” on lines {', '.join(at)}" for key, at in lines.items())
                + ". Each must appear once."
            )


class MemberCompanyResource(_CsvResource):
    required_columns = ("slug", "name", "industry", "country")
    key_column = "slug"
    directory_opt_in = fields.Field(
        attribute="directory_opt_in", column_name="directory_opt_in", widget=YesNoWidget()
    )

    class Meta:
        model = MemberCompany
        fields = (
            "slug",
            "name",
            "industry",
            "country",
            "website",
            "description",
            "directory_opt_in",
        )
        import_id_fields = ("slug",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def before_import_row(self, row, **kwargs):
        row["slug"] = str(row.get("slug") or "").strip().lower()
        row["country"] = str(row.get("country") or "").strip().upper()


class CompanyBySlugWidget(widgets.ForeignKeyWidget):
    """Finds the company in a dictionary the resource loads once per file."""

    def __init__(self, resource: "MemberResource") -> None:
        super().__init__(MemberCompany, field="slug")
        self.resource = resource

    def clean(self, value, row=None, **kwargs):
        return self.resource.companies.get(str(value or "").strip().lower())


class MemberResource(_CsvResource):
    """People: a new address gets an account without a password (they choose one through
    "forgot your password"); a known one is updated.

    Companies, accounts and existing people are read once per file rather than once per
    row, and the model's rules are checked here without a query each, so that a file of
    thousands of people imports in seconds.
    """

    required_columns = ("email", "company")
    key_column = "email"
    email = fields.Field(attribute="user__email", column_name="email")
    first_name = fields.Field(attribute="user__first_name", column_name="first_name")
    last_name = fields.Field(attribute="user__last_name", column_name="last_name")
    company = fields.Field(attribute="company", column_name="company")
    is_primary_contact = fields.Field(
        attribute="is_primary_contact", column_name="is_primary_contact", widget=YesNoWidget()
    )
    public_profile = fields.Field(
        attribute="public_profile", column_name="public_profile", widget=YesNoWidget()
    )

    class Meta:
        model = Member
        fields = (
            "email",
            "first_name",
            "last_name",
            "company",
            "job_title",
            "is_primary_contact",
            "public_profile",
        )
        import_id_fields = ("email",)
        instance_loader_class = instance_loaders.CachedInstanceLoader
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.fields["company"].widget = CompanyBySlugWidget(self)
        self.companies: dict[str, MemberCompany] = {}

    def get_queryset(self):
        return Member.objects.select_related("user", "company")

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        User = get_user_model()
        self.companies = {company.slug: company for company in MemberCompany.objects.all()}
        emails = {str(row[dataset.headers.index("email")] or "").strip().lower() for row in dataset}
        self.users = {
            user.email.lower(): user
            for user in User.objects.filter(email__in=emails).only(
                "pk", "email", "username", "first_name", "last_name"
            )
        }
        self.with_member = set(
            Member.objects.filter(user__in=self.users.values()).values_list("user_id", flat=True)
        )
        self.primary_of = dict(
            Member.objects.filter(is_primary_contact=True).values_list("company_id", "pk")
        )

    def before_import_row(self, row, **kwargs):
        row["email"] = str(row.get("email") or "").strip().lower()
        row["company"] = str(row.get("company") or "").strip().lower()
        for name in ("first_name", "last_name", "job_title"):
            if name in row:
                row[name] = str(row[name] or "").strip()

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, Any] = {}
        email = row["email"]
        if instance.user_id is None:
            user = self.users.get(email)
            if user is None:
                try:
                    validate_email(email)
                except ValidationError:
                    errors["email"] = f"“{email}” is not an e-mail address."
                User = get_user_model()
                user = User(username=email, email=email)
                user.set_unusable_password()
            elif user.pk in self.with_member:
                errors["email"] = f"{email} has a member row already."
            instance.user = user
        if not row.get("company"):
            errors["company"] = "Give the company's slug."
        elif row["company"] not in self.companies:
            errors["company"] = f"No company has the slug “{row['company']}”: import it first."
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            # The user's uniqueness and the one-primary-contact rule are checked here from
            # what before_import read; the database constraints stay the last word.
            instance.full_clean(
                exclude=["user", "company", *errors],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if instance.is_primary_contact and instance.company_id:
            holder = self.primary_of.get(instance.company_id)
            if holder is not None and holder != instance.pk:
                errors.setdefault("is_primary_contact", []).append(
                    f"{instance.company.name} already has a primary contact."
                )
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        user = instance.user
        if user.pk is None:
            user.save()
            instance.user = user
        else:
            user.save(update_fields=["first_name", "last_name"])

    def after_save_instance(self, instance, row, **kwargs):
        if instance.is_primary_contact:
            self.primary_of[instance.company_id] = instance.pk
        elif self.primary_of.get(instance.company_id) == instance.pk:
            del self.primary_of[instance.company_id]
