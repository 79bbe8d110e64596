"""Moving a whole conference between databases as JSON: `conference_export` reads it into a
document, `conference_import` writes such a document into another database.

The document holds the conference with its rooms, tracks and formats; its submissions with
speakers, state history and reviews; every schedule (working copy and releases) with its
slots; registrations with starred sessions; and what those refer to outside the conference:
the people (users and member profiles), their companies, case studies and products. It
names rows by natural keys (usernames, slugs, room names, schedule versions, slot uids) and
submissions by their position in the file, never by database ids, so an import into an
empty database exports to the same document.

Left out on purpose: passwords (imported people get none and choose one by password reset),
companies' membership periods (they belong to the group, not the conference), and the
audit log. The file holds personal data and calendar tokens: keep it as safe as a backup.
"""

import datetime
import uuid
from decimal import Decimal
from typing import TypeVar, cast

from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import models, transaction
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
VERSION = 1
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
    ],
    Room: ["name", "capacity", "order"],
    Track: ["slug", "name", "colour", "description", "order"],
    SessionFormat: ["slug", "name", "duration_minutes", "description"],
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
        "sequence",
        "updated_at",
    ],
    Registration: ["pass_type", "calendar_token", "agenda_changed_at", "created_at"],
    AgendaItem: ["slot_uid", "created_at"],
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
NOT_CARRIED = {User: ["password", "last_login", "is_superuser", "user_permissions"]}


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID | Country):
        return str(value.code if isinstance(value, Country) else value)
    return value


def _field(model: type[models.Model], name: str) -> models.Field:
    """A field of PLAIN or an auto_now one: a concrete field, never a reverse relation."""
    return cast(models.Field, model._meta.get_field(name))


def _dump(obj: models.Model) -> dict:
    return {
        name: _plain(_field(type(obj), name).value_from_object(obj)) for name in PLAIN[type(obj)]
    }


def _load(model: type[M], row: dict, **references) -> M:
    values = {name: _field(model, name).to_python(row[name]) for name in PLAIN[model]}
    return model(**values, **references)


def _username(user) -> str | None:
    return user.get_username() if user is not None else None


def conference_export(*, conference: Conference) -> dict:
    """The whole conference as a JSON-ready document. Reads only; a fixed number of queries."""
    submissions = list(
        conference.submissions.order_by("pk")
        .select_related("format", "track", "case_study__company")
        .prefetch_related(
            models.Prefetch(
                "submission_speakers",
                queryset=SubmissionSpeaker.objects.select_related("member__user").order_by(
                    "-is_primary", "order", "pk"
                ),
            ),
            models.Prefetch(
                "transitions",
                queryset=SubmissionTransition.objects.select_related("actor").order_by(
                    "created_at", "pk"
                ),
            ),
            models.Prefetch(
                "reviews",
                queryset=Review.objects.select_related("reviewer").order_by("reviewer__username"),
            ),
        )
    )
    number = {submission.pk: index for index, submission in enumerate(submissions, start=1)}
    schedules = list(
        conference.schedules.order_by("released_at", "pk")
        .select_related("released_by")
        .prefetch_related(
            models.Prefetch(
                "slots",
                queryset=Slot.objects.select_related("room", "changed_in").order_by("uid"),
            )
        )
    )
    registrations = list(
        conference.registrations.select_related("user", "last_seen_release")
        .prefetch_related(
            models.Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("slot_uid"))
        )
        .order_by("user__username")
    )
    case_studies = sorted(
        {s.case_study for s in submissions if s.case_study is not None},
        key=lambda study: (study.company.slug, study.slug),
    )
    people: set[User] = set()
    for submission in submissions:
        people.update(role.member.user for role in submission.submission_speakers.all())
        people.update(t.actor for t in submission.transitions.all() if t.actor is not None)
        people.update(review.reviewer for review in submission.reviews.all())
    people.update(s.released_by for s in schedules if s.released_by is not None)
    people.update(registration.user for registration in registrations)
    author_ids = [study.author_id for study in case_studies if study.author_id]
    members = list(
        Member.objects.filter(models.Q(user__in=people) | models.Q(pk__in=author_ids))
        .select_related("user", "company")
        .order_by("user__username")
    )
    people.update(member.user for member in members)
    users = sorted(people, key=lambda user: user.get_username())
    role_rows = User.groups.through.objects.filter(
        user__in=users, group__name__in=ROLE_GROUPS
    ).values_list("user_id", "group__name")
    roles: dict[int, list[str]] = {}
    for user_id, name in role_rows:
        roles.setdefault(user_id, []).append(name)
    companies = sorted(
        {member.company for member in members if member.company is not None}
        | {study.company for study in case_studies},
        key=lambda company: company.slug,
    )
    study_products = {
        study.pk: sorted(product.slug for product in study.products.all())
        for study in CaseStudy.objects.filter(pk__in=[s.pk for s in case_studies]).prefetch_related(
            "products"
        )
    }
    products = Product.objects.filter(case_studies__in=case_studies).distinct().order_by("slug")
    member_by_pk = {member.pk: member for member in members}

    return {
        "format": FORMAT,
        "version": VERSION,
        "users": [{**_dump(user), "roles": sorted(roles.get(user.pk, []))} for user in users],
        "products": [_dump(product) for product in products],
        "companies": [_dump(company) for company in companies],
        "members": [
            {
                **_dump(member),
                "user": member.user.get_username(),
                "company": member.company.slug if member.company is not None else None,
            }
            for member in members
        ],
        "case_studies": [
            {
                **_dump(study),
                "company": study.company.slug,
                "products": study_products[study.pk],
                "author": _username(member_by_pk[study.author_id].user)
                if study.author_id is not None and study.author_id in member_by_pk
                else None,
            }
            for study in case_studies
        ],
        "conference": _dump(conference),
        "rooms": [_dump(room) for room in conference.rooms.order_by("order", "name")],
        "tracks": [_dump(track) for track in conference.tracks.order_by("slug")],
        "formats": [
            _dump(session_format) for session_format in conference.formats.order_by("slug")
        ],
        "submissions": [
            {
                "number": number[submission.pk],
                **_dump(submission),
                "format": submission.format.slug,
                "track": submission.track.slug if submission.track is not None else None,
                "case_study": [submission.case_study.company.slug, submission.case_study.slug]
                if submission.case_study is not None
                else None,
                "speakers": [
                    {**_dump(role), "member": role.member.user.get_username()}
                    for role in submission.submission_speakers.all()
                ],
                "transitions": [
                    {**_dump(transition), "actor": _username(transition.actor)}
                    for transition in submission.transitions.all()
                ],
                "reviews": [
                    {**_dump(review), "reviewer": review.reviewer.get_username()}
                    for review in submission.reviews.all()
                ],
            }
            for submission in submissions
        ],
        "schedules": [
            {
                **_dump(schedule),
                "released_by": _username(schedule.released_by),
                "slots": [
                    {
                        **_dump(slot),
                        "room": slot.room.name if slot.room is not None else None,
                        "submission": number[slot.submission_id] if slot.submission_id else None,
                        "changed_in": slot.changed_in.version
                        if slot.changed_in is not None
                        else None,
                    }
                    for slot in schedule.slots.all()
                ],
            }
            for schedule in schedules
        ],
        "registrations": [
            {
                **_dump(registration),
                "user": registration.user.get_username(),
                "last_seen_release": (
                    registration.last_seen_release.version
                    if registration.last_seen_release is not None
                    else None
                ),
                "starred": [_dump(item) for item in registration.agenda_items.all()],
            }
            for registration in registrations
        ],
    }


def _keep_timestamps(model: type[models.Model], rows: list, objects: list) -> None:
    """Put back the times a row was created and changed, which saving set to now."""
    names = [
        field.name
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    if not names:
        return
    for obj, row in zip(objects, rows, strict=True):
        for name in names:
            setattr(obj, name, _field(model, name).to_python(row[name]))
    model._default_manager.bulk_update(objects, names)


def _create(model: type[M], rows: list[dict], **references_of) -> list[M]:
    """Create one row per document row, in order, with its references; keep its timestamps."""
    objects = [
        _load(model, row, **{name: pick(row) for name, pick in references_of.items()})
        for row in rows
    ]
    created = model._default_manager.bulk_create(objects)
    _keep_timestamps(model, rows, created)
    return created


@transaction.atomic
def conference_import(*, document: dict) -> Conference:
    """Write a document made by conference_export into this database, all or nothing.

    Refuses a document of another format or version, and a conference whose slug this
    database already has. People, companies, case studies and products that exist already
    (same username or slug) are used as they are; missing ones are created, people without
    a usable password. Raises ValidationError saying what is wrong; writes nothing then.
    """
    if document.get("format") != FORMAT or document.get("version") != VERSION:
        raise ValidationError(
            f"This is not a Guildhall conference export (format {FORMAT}, version {VERSION})."
        )
    slug = document["conference"]["slug"]
    if Conference.objects.filter(slug=slug).exists():
        raise ValidationError(
            f"This database already has a conference “{slug}”; nothing was imported. "
            "Delete it first or import into another database.",
            code="exists",
        )

    users = {
        user.get_username(): user
        for user in User.objects.filter(username__in=[row["username"] for row in document["users"]])
    }
    new_users = [row for row in document["users"] if row["username"] not in users]
    for user in _create(User, new_users):
        user.set_unusable_password()
        users[user.get_username()] = user
    User.objects.bulk_update([users[row["username"]] for row in new_users], ["password"])
    groups = {group.name: group for group in Group.objects.filter(name__in=ROLE_GROUPS)}
    User.groups.through.objects.bulk_create(
        User.groups.through(user=users[row["username"]], group=groups[name])
        for row in new_users
        for name in row["roles"]
    )

    products = {
        p.slug: p
        for p in Product.objects.filter(slug__in=[row["slug"] for row in document["products"]])
    }
    for product in _create(Product, [r for r in document["products"] if r["slug"] not in products]):
        products[product.slug] = product

    companies = {
        c.slug: c
        for c in MemberCompany.objects.filter(
            slug__in=[row["slug"] for row in document["companies"]]
        )
    }
    for company in _create(
        MemberCompany, [r for r in document["companies"] if r["slug"] not in companies]
    ):
        companies[company.slug] = company

    members = {
        m.user.get_username(): m
        for m in Member.objects.select_related("user").filter(
            user__username__in=[row["user"] for row in document["members"]]
        )
    }
    new_members = [row for row in document["members"] if row["user"] not in members]
    for row, member in zip(
        new_members,
        _create(
            Member,
            new_members,
            user=lambda row: users[row["user"]],
            company=lambda row: companies[row["company"]] if row["company"] else None,
        ),
        strict=True,
    ):
        members[row["user"]] = member

    studies = {
        (study.company.slug, study.slug): study
        for study in CaseStudy.objects.select_related("company").filter(
            company__slug__in=[row["company"] for row in document["case_studies"]]
        )
    }
    new_studies = [
        row for row in document["case_studies"] if (row["company"], row["slug"]) not in studies
    ]
    created_studies = _create(
        CaseStudy,
        new_studies,
        company=lambda row: companies[row["company"]],
        author=lambda row: members[row["author"]] if row["author"] else None,
    )
    for row, study in zip(new_studies, created_studies, strict=True):
        studies[(row["company"], row["slug"])] = study
        study.products.set([products[slug] for slug in row["products"]])

    conference = _load(Conference, document["conference"])
    conference.full_clean()
    conference.save()
    rooms = {
        room.name: room
        for room in _create(Room, document["rooms"], conference=lambda r: conference)
    }
    tracks = {
        t.slug: t for t in _create(Track, document["tracks"], conference=lambda r: conference)
    }
    formats = {
        f.slug: f
        for f in _create(SessionFormat, document["formats"], conference=lambda r: conference)
    }

    submission_rows = document["submissions"]
    submissions = dict(
        zip(
            [row["number"] for row in submission_rows],
            _create(
                Submission,
                submission_rows,
                conference=lambda row: conference,
                format=lambda row: formats[row["format"]],
                track=lambda row: tracks[row["track"]] if row["track"] else None,
                case_study=lambda row: (
                    studies[tuple(row["case_study"])] if row["case_study"] else None
                ),
            ),
            strict=True,
        )
    )

    def children(key: str) -> list[tuple[dict, dict]]:
        return [(parent, row) for parent in submission_rows for row in parent[key]]

    # Each submission's rows, with the person each names: a member, or a user.
    kinds: tuple[tuple[type[models.Model], str, str, dict], ...] = (
        (SubmissionSpeaker, "speakers", "member", members),
        (SubmissionTransition, "transitions", "actor", users),
        (Review, "reviews", "reviewer", users),
    )
    for model, key, person, people in kinds:
        pairs = children(key)
        objects = [
            _load(
                model,
                row,
                submission=submissions[parent["number"]],
                **{person: people[row[person]] if row[person] else None},
            )
            for parent, row in pairs
        ]
        _keep_timestamps(
            model, [row for _, row in pairs], model._default_manager.bulk_create(objects)
        )

    schedules = {}
    for row in document["schedules"]:
        schedule = _load(
            Schedule,
            row,
            conference=conference,
            released_by=users[row["released_by"]] if row["released_by"] else None,
        )
        schedule.save()
        schedules[schedule.version] = schedule
    slot_rows = [(row["version"], slot) for row in document["schedules"] for slot in row["slots"]]
    slots = [
        _load(
            Slot,
            slot,
            schedule=schedules[version],
            room=rooms[slot["room"]] if slot["room"] else None,
            submission=submissions[slot["submission"]] if slot["submission"] else None,
            changed_in=schedules[slot["changed_in"]] if slot["changed_in"] else None,
        )
        for version, slot in slot_rows
    ]
    _keep_timestamps(Slot, [slot for _, slot in slot_rows], Slot.objects.bulk_create(slots))

    registration_rows = document["registrations"]
    registrations = _create(
        Registration,
        registration_rows,
        conference=lambda row: conference,
        user=lambda row: users[row["user"]],
        last_seen_release=lambda row: (
            schedules[row["last_seen_release"]] if row["last_seen_release"] else None
        ),
    )
    item_rows = [
        (registration, item)
        for registration, row in zip(registrations, registration_rows, strict=True)
        for item in row["starred"]
    ]
    items = [_load(AgendaItem, item, registration=registration) for registration, item in item_rows]
    _keep_timestamps(
        AgendaItem, [item for _, item in item_rows], AgendaItem.objects.bulk_create(items)
    )
    return conference
