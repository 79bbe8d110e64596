"""Pieces every serializer module uses: field descriptions for the OpenAPI schema and the
conference reference by slug."""

from typing import cast

from django.db.models import QuerySet
from rest_framework import serializers

CONFERENCE_HELP = "The conference's slug."


def described(**texts: str) -> dict[str, dict[str, str]]:
    """Meta.extra_kwargs giving each named model field its description."""
    return {name: {"help_text": text} for name, text in texts.items()}


def choices_limit(serializer: serializers.Serializer, name: str, queryset: QuerySet) -> None:
    """Let one of the serializer's relations accept only these rows (set per request)."""
    field = cast(serializers.RelatedField, serializer.fields[name])
    # djangorestframework-stubs type RelatedField.queryset with a Manager, whose __get__
    # mypy then applies to the assignment.
    field.queryset = queryset  # type: ignore[arg-type]


class SlugLookupField(serializers.SlugRelatedField):
    """A slug reference that answers "does not exist" for text no slug can hold, such as a
    NUL character, which PostgreSQL refuses in a query rather than matching nothing."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


def conference_field(**kwargs) -> serializers.SlugRelatedField:
    kwargs.setdefault("read_only", True)
    return SlugLookupField(slug_field="slug", help_text=CONFERENCE_HELP, **kwargs)
