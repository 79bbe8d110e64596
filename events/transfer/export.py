"""`conference_export`: read a whole conference and what it refers to into a document."""

from django.contrib.auth.models import User
from django.db import models

from events.models import (
    AgendaItem,
    Conference,
    Review,
    Slot,
    SubmissionSpeaker,
    SubmissionTransition,
)
from events.transfer.document import FORMAT, ROLE_GROUPS, VERSION, dump_row, username_of
from members.models import CaseStudy, Member, Product


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
        "users": [{**dump_row(user), "roles": sorted(roles.get(user.pk, []))} for user in users],
        "products": [dump_row(product) for product in products],
        "companies": [dump_row(company) for company in companies],
        "members": [
            {
                **dump_row(member),
                "user": member.user.get_username(),
                "company": member.company.slug if member.company is not None else None,
            }
            for member in members
        ],
        "case_studies": [
            {
                **dump_row(study),
                "company": study.company.slug,
                "products": study_products[study.pk],
                "author": username_of(member_by_pk[study.author_id].user)
                if study.author_id is not None and study.author_id in member_by_pk
                else None,
            }
            for study in case_studies
        ],
        "conference": dump_row(conference),
        "rooms": [dump_row(room) for room in conference.rooms.order_by("order", "name")],
        "tracks": [dump_row(track) for track in conference.tracks.order_by("slug")],
        "formats": [
            dump_row(session_format) for session_format in conference.formats.order_by("slug")
        ],
        "submissions": [
            {
                "number": number[submission.pk],
                **dump_row(submission),
                "format": submission.format.slug,
                "track": submission.track.slug if submission.track is not None else None,
                "case_study": [submission.case_study.company.slug, submission.case_study.slug]
                if submission.case_study is not None
                else None,
                "speakers": [
                    {**dump_row(role), "member": role.member.user.get_username()}
                    for role in submission.submission_speakers.all()
                ],
                "transitions": [
                    {**dump_row(transition), "actor": username_of(transition.actor)}
                    for transition in submission.transitions.all()
                ],
                "reviews": [
                    {**dump_row(review), "reviewer": review.reviewer.get_username()}
                    for review in submission.reviews.all()
                ],
            }
            for submission in submissions
        ],
        "schedules": [
            {
                **dump_row(schedule),
                "released_by": username_of(schedule.released_by),
                "slots": [
                    {
                        **dump_row(slot),
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
                **dump_row(registration),
                "user": registration.user.get_username(),
                "last_seen_release": (
                    registration.last_seen_release.version
                    if registration.last_seen_release is not None
                    else None
                ),
                "starred": [dump_row(item) for item in registration.agenda_items.all()],
            }
            for registration in registrations
        ],
    }
