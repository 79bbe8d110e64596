"""`conference_import`: write a document into this database, all or nothing."""

from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import models, transaction

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
from events.transfer.document import ROLE_GROUPS, M, load_row, model_field
from events.transfer.validation import document_check
from members.models import CaseStudy, Member, MemberCompany, Product


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
            setattr(obj, name, model_field(model, name).to_python(row[name]))
    model._default_manager.bulk_update(objects, names)


def _create(model: type[M], rows: list[dict], **references_of) -> list[M]:
    """Create one row per document row, in order, with its references; keep its timestamps."""
    objects = [
        load_row(model, row, **{name: pick(row) for name, pick in references_of.items()})
        for row in rows
    ]
    created = model._default_manager.bulk_create(objects)
    _keep_timestamps(model, rows, created)
    return created


@transaction.atomic
def conference_import(*, document: object, allow_staff: bool = False) -> Conference:
    """Write a document made by conference_export into this database, all or nothing.

    Checks the whole document first (validation.document_check: its shape, every value,
    every reference) and refuses a conference whose slug this database already has. People,
    companies, case studies and products that exist already (same username or slug) are
    used as they are; missing ones are created, people without a usable password. A new
    account with staff status or a role (organizer, program committee) is refused unless
    `allow_staff`; no account is ever made a superuser. Raises ValidationError saying what
    is wrong; writes nothing then.
    """
    document_check(document)
    assert isinstance(document, dict)  # noqa: S101 - document_check proved it; this tells mypy
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
    privileged = [row for row in new_users if row["is_staff"] or row["roles"]]
    if privileged and not allow_staff:
        rights = ", ".join(
            f"{row['username']} ({', '.join(['staff'] * row['is_staff'] + row['roles'])})"
            for row in privileged
        )
        raise ValidationError(
            f"The file would create {len(privileged)} "
            f"account{'s' if len(privileged) > 1 else ''} with staff status or a role: "
            f"{rights}. Nothing was imported; give --allow-staff if they are to have them.",
            code="staff",
        )
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

    conference = load_row(Conference, document["conference"])
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
            load_row(
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
        schedule = load_row(
            Schedule,
            row,
            conference=conference,
            released_by=users[row["released_by"]] if row["released_by"] else None,
        )
        schedule.save()
        schedules[schedule.version] = schedule
    slot_rows = [(row["version"], slot) for row in document["schedules"] for slot in row["slots"]]
    slots = [
        load_row(
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
    items = [
        load_row(AgendaItem, item, registration=registration) for registration, item in item_rows
    ]
    _keep_timestamps(
        AgendaItem, [item for _, item in item_rows], AgendaItem.objects.bulk_create(items)
    )
    return conference
