"""The transfer document's format: which fields of each model it carries as plain values,
which it carries as references by natural key, what it never carries, and the helpers that
turn a row into a plain dict and back."""

import datetime
import uuid
from decimal import Decimal
from typing import TypeVar, cast

from django.contrib.auth.models import User
from django.db import models
from django_countries.fields import Country

from events.models import (
    AgendaItem,
    Conference,
    Registration,
    Review,
    Room,
    Schedule,
    SessionFormat,
    Slot,
    Submission,
    SubmissionSpeaker,
    SubmissionTransition,
    Track,
)
from members.models import CaseStudy, Member, MemberCompany, Product
from members.roles import ORGANIZERS, PROGRAM_COMMITTEE

FORMAT = "guildhall.conference"


# 2: slots carry signup_required and signup_cap.
VERSION = 2


ROLE_GROUPS = (ORGANIZERS, PROGRAM_COMMITTEE)


M = TypeVar("M", bound=models.Model)


# Per model: the fields copied as they are. Every other concrete field is either the row's
# id or a reference written by natural key below; tests/events/test_transfer.py checks that
# these lists and the references together cover every field, so a new field cannot be lost.
PLAIN = {
    User: [
        "username",
        "first_name",
        "last_name",
        "email",
        "is_active",
        "is_staff",
        "date_joined",
    ],
    Product: ["slug", "name", "description"],
    MemberCompany: [
        "slug",
        "name",
        "industry",
        "country",
        "website",
        "description",
        "directory_opt_in",
        "created_at",
    ],
    Member: [
        "job_title",
        "bio",
        "public_profile",
        "is_primary_contact",
        "linkedin",
        "mastodon",
        "github",
        "created_at",
    ],
    CaseStudy: [
        "slug",
        "title",
        "industry",
        "challenge",
        "solution",
        "results",
        "state",
        "published_at",
        "created_at",
        "updated_at",
    ],
    Conference: [
        "slug",
        "name",
        "year",
        "starts_on",
        "ends_on",
        "timezone",
        "venue",
        "venue_address",
        "welcome_text",
        "cfp_text",
        "cfp_opens_at",
        "cfp_closes_at",
        "reviews_anonymous",
        "materials_public_from",
    ],
    Room: ["name", "capacity", "order"],
    Track: ["slug", "name", "colour", "description", "order"],
    SessionFormat: ["slug", "name", "duration_minutes", "description", "credit_hours"],
    Submission: [
        "title",
        "abstract",
        "outline",
        "audience_level",
        "notes",
        "state",
        "created_at",
        "updated_at",
        "submitted_at",
        "creation_key",
        "recording_url",
    ],
    SubmissionSpeaker: ["is_primary", "order"],
    SubmissionTransition: ["from_state", "to_state", "note", "created_at"],
    Review: ["score", "comment", "created_at", "updated_at"],
    Schedule: ["version", "released_at", "note", "changelog"],
    Slot: [
        "uid",
        "kind",
        "start",
        "end",
        "title",
        "description",
        "cancelled",
        "signup_required",
        "signup_cap",
        "sequence",
        "updated_at",
    ],
    Registration: ["pass_type", "calendar_token", "agenda_changed_at", "created_at"],
    AgendaItem: ["slot_uid", "created_at"],
}


# Fields added after version 1, with the value a file made before them stands for: such a
# file still imports (a format without credit hours gives none).
ADDED_LATER: dict[type[models.Model], dict[str, object]] = {
    SessionFormat: {"credit_hours": "0"},
}


# Fields written by natural key, and fields not carried at all (see the module docstring).
REFERENCES = {
    User: ["groups"],
    Product: [],
    MemberCompany: [],
    Member: ["user", "company"],
    CaseStudy: ["company", "products", "author"],
    Conference: [],
    Room: ["conference"],
    Track: ["conference"],
    SessionFormat: ["conference"],
    Submission: ["conference", "format", "track", "case_study", "speakers"],
    SubmissionSpeaker: ["submission", "member"],
    SubmissionTransition: ["submission", "actor"],
    Review: ["submission", "reviewer"],
    Schedule: ["conference", "released_by"],
    Slot: ["schedule", "room", "submission", "changed_in"],
    Registration: ["conference", "user", "last_seen_release"],
    AgendaItem: ["registration"],
}


NOT_CARRIED = {
    User: ["password", "last_login", "is_superuser", "user_permissions"],
    # The document is JSON text; speakers upload their slides, photos and logos again on the
    # other site (a missing picture shows as initials).
    Submission: ["slides", "slides_uploaded_at"],
    Member: ["photo"],
    MemberCompany: ["logo"],
}


def plain_value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID | Country):
        return str(value.code if isinstance(value, Country) else value)
    return value


def model_field(model: type[models.Model], name: str) -> models.Field:
    """A field of PLAIN or an auto_now one: a concrete field, never a reverse relation."""
    return cast(models.Field, model._meta.get_field(name))


def dump_row(obj: models.Model) -> dict:
    return {
        name: plain_value(model_field(type(obj), name).value_from_object(obj))
        for name in PLAIN[type(obj)]
    }


def load_row(model: type[M], row: dict, **references) -> M:
    values = {name: model_field(model, name).to_python(row[name]) for name in PLAIN[model]}
    return model(**values, **references)


def username_of(user) -> str | None:
    return user.get_username() if user is not None else None
