"""Checking a transfer document whole before anything is written (`document_check`).

The check reads no table: it proves that the file has the format's shape (an object with
every section, each row an object with exactly the format's keys), that every value has the
JSON type of its field and passes the model's own validation (the validators, choices and
lengths the admin applies, and each row's check constraints), that every string can be
stored (no lone surrogate, no NUL), that keys are not repeated, and that every reference
names a row of the file. Each message starts with the place in the file, as a path such as
`tracks[1].colour`, so the person who edits the file can find it.

What depends on this database (a slug already taken, who is new) is load.py's to check,
after this and before it writes.
"""

from collections.abc import Hashable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models

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
from events.transfer.document import (
    ADDED_LATER,
    FORMAT,
    PLAIN,
    ROLE_GROUPS,
    VERSION,
    model_field,
)
from members.models import CaseStudy, Member, MemberCompany, Product

SECTIONS = (
    "users",
    "products",
    "companies",
    "members",
    "case_studies",
    "conference",
    "rooms",
    "tracks",
    "formats",
    "submissions",
    "schedules",
    "registrations",
)

# The JSON type each kind of field is written as; a JSONField takes any.
KINDS: dict[type, str] = {
    dict: "an object",
    list: "a list",
    str: "a string",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    type(None): "null",
}


def kind(value: object) -> str:
    return KINDS.get(type(value), type(value).__name__)


def shown(value: object, limit: int = 60) -> str:
    """A value of the file as a message may quote it: printable and short."""
    text = str(value).encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_type(field: models.Field) -> type | None:
    if isinstance(field, models.JSONField):
        return None
    if isinstance(field, models.BooleanField):
        return bool
    if isinstance(field, models.IntegerField):
        return int
    return str


def is_storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Check:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(f"{path or 'the file'}: {message}")

    def strings(self, document: dict) -> None:
        """Every string and key can be stored: no lone surrogate (which json accepts as a
        \\u escape but no database can store) and no NUL (which PostgreSQL refuses)."""
        stack: list[tuple[str, Any]] = [("", document)]
        while stack:
            path, value = stack.pop()
            if isinstance(value, str):
                if not is_storable(value):
                    self.fail(
                        path,
                        "holds a lone surrogate (a \\u escape such as \\ud800 that is no "
                        "character).",
                    )
                elif "\x00" in value:
                    self.fail(path, "holds a NUL character, which the database cannot store.")
            elif isinstance(value, dict):
                for key in value:
                    if not is_storable(key):
                        self.fail(
                            path,
                            "a key holds a lone surrogate (a \\u escape such as \\ud800 that "
                            f"is no character): “{shown(key)}”.",
                        )
                children = [
                    (f"{path}.{shown(key)}" if path else shown(key), item)
                    for key, item in value.items()
                ]
                stack.extend(reversed(children))
            elif isinstance(value, list):
                stack.extend(reversed([(f"{path}[{n}]", item) for n, item in enumerate(value)]))

    def obj(self, value: object, path: str, keys: list[str]) -> dict | None:
        """The value if it is an object with all `keys` (extra keys are reported too)."""
        if not isinstance(value, dict):
            self.fail(path, f"must be an object, not {kind(value)}.")
            return None
        missing = [key for key in keys if key not in value]
        if missing:
            self.fail(path, f"lacks {', '.join(missing)}.")
        for key in value:
            if key not in keys:
                self.fail(path, f"has {shown(key)}, which this format does not know.")
        return None if missing else value

    def rows(self, value: object, path: str) -> list[tuple[str, Any]]:
        if not isinstance(value, list):
            self.fail(path, f"must be a list, not {kind(value)}.")
            return []
        return [(f"{path}[{n}]", item) for n, item in enumerate(value)]

    def row(self, model: type[models.Model], value: object, path: str, *extra: str) -> dict | None:
        """A row of `model`: its plain fields checked as the model checks them. A field added
        after version 1 that the row lacks is filled in, in the document itself, with the
        value a file made before it stands for (document.ADDED_LATER)."""
        if isinstance(value, dict):
            for name, default in ADDED_LATER.get(model, {}).items():
                value.setdefault(name, default)
        row = self.obj(value, path, [*PLAIN[model], *extra])
        if row is None:
            return None
        instance = model()
        bad = {field.name for field in model._meta.concrete_fields} - set(PLAIN[model])
        for name in PLAIN[model]:
            field = model_field(model, name)
            wanted = json_type(field)
            item = row[name]
            if item is None:
                if not field.null:
                    self.fail(f"{path}.{name}", "must not be null.")
                    bad.add(name)
                continue
            if wanted is not None and (
                not isinstance(item, wanted) or (wanted is int and isinstance(item, bool))
            ):
                self.fail(f"{path}.{name}", f"must be {KINDS[wanted]}, not {kind(item)}.")
                bad.add(name)
                continue
            try:
                python = field.to_python(item)
            except ValidationError as error:
                self.fail(f"{path}.{name}", " ".join(error.messages))
                bad.add(name)
                continue
            if isinstance(field, models.DateTimeField) and python.utcoffset() is None:
                self.fail(f"{path}.{name}", "needs a UTC offset, such as +00:00.")
                bad.add(name)
                continue
            setattr(instance, field.attname, python)
        try:
            instance.clean_fields(exclude=bad)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.fail(f"{path}.{name}", " ".join(messages))
                bad.add(name)
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.CheckConstraint):
                try:
                    constraint.validate(model, instance, exclude=bad)
                except ValidationError as error:
                    self.fail(path, " ".join(error.messages))
        if isinstance(instance, Conference) and not bad:
            try:
                instance.clean()
            except ValidationError as error:
                self.fail(path, " ".join(error.messages))
        return row

    def unique(self, seen: dict, key: object, path: str, what: str) -> None:
        if not isinstance(key, Hashable) or key is None:
            return
        if key in seen:
            self.fail(path, f"the {what} “{shown(key)}” appears also at {seen[key]}.")
        else:
            seen[key] = path.rsplit(".", 1)[0]

    def ref(self, value: object, known: dict, path: str, what: str, *, null: bool = False) -> None:
        if value is None:
            if not null:
                self.fail(path, f"must name a {what}, not null.")
            return
        if isinstance(value, list):
            value = tuple(value)
        if not isinstance(value, Hashable) or isinstance(value, bool) or value not in known:
            named = "/".join(map(str, value)) if isinstance(value, tuple) else value
            self.fail(path, f"names no {what} of the file (“{shown(named)}”).")

    def document(self, document: dict) -> None:
        self.obj(document, "", ["format", "version", *SECTIONS])
        section = {name: document.get(name, []) for name in SECTIONS}

        users: dict = {}
        for path, value in self.rows(section["users"], "users"):
            row = self.row(User, value, path, "roles")
            if row is None:
                continue
            self.unique(users, row["username"], f"{path}.username", "username")
            for where, role in self.rows(row["roles"], f"{path}.roles"):
                if role not in ROLE_GROUPS:
                    self.fail(where, f"must be one of {', '.join(ROLE_GROUPS)}.")

        products: dict = {}
        for path, value in self.rows(section["products"], "products"):
            if (row := self.row(Product, value, path)) is not None:
                self.unique(products, row["slug"], f"{path}.slug", "product")
        companies: dict = {}
        for path, value in self.rows(section["companies"], "companies"):
            if (row := self.row(MemberCompany, value, path)) is not None:
                self.unique(companies, row["slug"], f"{path}.slug", "company")
        members: dict = {}
        for path, value in self.rows(section["members"], "members"):
            if (row := self.row(Member, value, path, "user", "company")) is not None:
                self.ref(row["user"], users, f"{path}.user", "user")
                self.unique(members, row["user"], f"{path}.user", "member")
                self.ref(row["company"], companies, f"{path}.company", "company", null=True)
        studies: dict = {}
        for path, value in self.rows(section["case_studies"], "case_studies"):
            row = self.row(CaseStudy, value, path, "company", "products", "author")
            if row is None:
                continue
            self.ref(row["company"], companies, f"{path}.company", "company")
            key = (row["company"], row["slug"])
            if all(isinstance(part, str) for part in key):
                self.unique(studies, key, f"{path}.slug", "case study")
            for where, slug in self.rows(row["products"], f"{path}.products"):
                self.ref(slug, products, where, "product")
            self.ref(row["author"], members, f"{path}.author", "member", null=True)

        if "conference" in document:
            self.row(Conference, document["conference"], "conference")
        rooms: dict = {}
        for path, value in self.rows(section["rooms"], "rooms"):
            if (row := self.row(Room, value, path)) is not None:
                self.unique(rooms, row["name"], f"{path}.name", "room")
        tracks: dict = {}
        for path, value in self.rows(section["tracks"], "tracks"):
            if (row := self.row(Track, value, path)) is not None:
                self.unique(tracks, row["slug"], f"{path}.slug", "track")
        formats: dict = {}
        for path, value in self.rows(section["formats"], "formats"):
            if (row := self.row(SessionFormat, value, path)) is not None:
                self.unique(formats, row["slug"], f"{path}.slug", "format")

        numbers: dict = {}
        for path, value in self.rows(section["submissions"], "submissions"):
            row = self.row(
                Submission,
                value,
                path,
                "number",
                "format",
                "track",
                "case_study",
                "speakers",
                "transitions",
                "reviews",
            )
            if row is None:
                continue
            number = row["number"]
            if not isinstance(number, int) or isinstance(number, bool):
                self.fail(f"{path}.number", f"must be a whole number, not {kind(number)}.")
            else:
                self.unique(numbers, number, f"{path}.number", "submission number")
            self.ref(row["format"], formats, f"{path}.format", "format")
            self.ref(row["track"], tracks, f"{path}.track", "track", null=True)
            self.ref(row["case_study"], studies, f"{path}.case_study", "case study", null=True)
            speakers: dict = {}
            for where, item in self.rows(row["speakers"], f"{path}.speakers"):
                if (speaker := self.row(SubmissionSpeaker, item, where, "member")) is not None:
                    self.ref(speaker["member"], members, f"{where}.member", "member")
                    self.unique(speakers, speaker["member"], f"{where}.member", "speaker")
            for where, item in self.rows(row["transitions"], f"{path}.transitions"):
                if (step := self.row(SubmissionTransition, item, where, "actor")) is not None:
                    self.ref(step["actor"], users, f"{where}.actor", "user", null=True)
            reviewers: dict = {}
            for where, item in self.rows(row["reviews"], f"{path}.reviews"):
                if (review := self.row(Review, item, where, "reviewer")) is not None:
                    self.ref(review["reviewer"], users, f"{where}.reviewer", "user")
                    self.unique(reviewers, review["reviewer"], f"{where}.reviewer", "reviewer")

        versions: dict = {}
        schedules = []
        for path, value in self.rows(section["schedules"], "schedules"):
            if (row := self.row(Schedule, value, path, "released_by", "slots")) is not None:
                self.unique(versions, row["version"] or "", f"{path}.version", "schedule version")
                schedules.append((path, row))
        for path, row in schedules:
            self.ref(row["released_by"], users, f"{path}.released_by", "user", null=True)
            uids: dict = {}
            for where, item in self.rows(row["slots"], f"{path}.slots"):
                slot = self.row(Slot, item, where, "room", "submission", "changed_in")
                if slot is None:
                    continue
                self.unique(uids, slot["uid"], f"{where}.uid", "slot uid")
                self.ref(slot["room"], rooms, f"{where}.room", "room", null=True)
                self.ref(
                    slot["submission"], numbers, f"{where}.submission", "submission", null=True
                )
                self.ref(slot["changed_in"], versions, f"{where}.changed_in", "schedule", null=True)

        registered: dict = {}
        for path, value in self.rows(section["registrations"], "registrations"):
            row = self.row(Registration, value, path, "user", "last_seen_release", "starred")
            if row is None:
                continue
            self.ref(row["user"], users, f"{path}.user", "user")
            self.unique(registered, row["user"], f"{path}.user", "registration of")
            self.ref(
                row["last_seen_release"],
                versions,
                f"{path}.last_seen_release",
                "schedule",
                null=True,
            )
            starred: dict = {}
            for where, item in self.rows(row["starred"], f"{path}.starred"):
                if (star := self.row(AgendaItem, item, where)) is not None:
                    self.unique(starred, star["slot_uid"], f"{where}.slot_uid", "starred slot")


def document_check(document: object) -> None:
    """Raise ValidationError unless the document may be written; reads no table.

    A file that is no conference export at all gives one message (code "not_export"); any
    other fault gives one message per fault, each starting with its place (code "fault").
    """
    wanted = f"format {FORMAT} and version {VERSION}"
    if not isinstance(document, dict):
        raise ValidationError(
            f"The file holds {kind(document)}, not a Guildhall conference export (an object "
            f"with {wanted}). Nothing was imported.",
            code="not_export",
        )
    version = document.get("version")
    if document.get("format") != FORMAT or type(version) is not int or version != VERSION:
        raise ValidationError(
            f"This is not a Guildhall conference export ({wanted}). Nothing was imported.",
            code="not_export",
        )
    check = _Check()
    check.strings(document)
    if not check.errors:
        check.document(document)
    if check.errors:
        raise ValidationError([ValidationError(error, code="fault") for error in check.errors])
