"""Pieces every serializer module uses: field descriptions for the OpenAPI schema, the
conference reference by slug and the reference to any other row by id."""

import re
from collections.abc import Callable
from typing import Any, cast

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


class StoredImageField(serializers.URLField):
    """The absolute address of a stored picture (a photo or logo rendition), read from the
    whole row by `url`; null when there is none to show."""

    def __init__(self, *, url: Callable[[Any], str | None], **kwargs) -> None:
        self.url = url
        super().__init__(source="*", read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value: Any) -> str | None:  # type: ignore[override]  # None: no picture
        address = self.url(value)
        if address is None:
            return None
        request = self.context.get("request")
        # An object store's address is absolute already and stays as it is.
        return request.build_absolute_uri(address) if request is not None else address


def conference_field(**kwargs) -> serializers.SlugRelatedField:
    kwargs.setdefault("read_only", True)
    return SlugLookupField(slug_field="slug", help_text=CONFERENCE_HELP, **kwargs)


WHOLE_ID = re.compile(r"[0-9]{1,18}")


class IdRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference by id that takes whole numbers only: a JSON integer, or its digits as
    text (the browsable API's forms send text). DRF's own field hands anything to the
    query, where `9.5` becomes id 9 and `1e999` (infinity) an OverflowError, a 500."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(data, str) and not WHOLE_ID.fullmatch(data):
            self.fail("incorrect_type", data_type="str")
        return super().to_internal_value(data)
