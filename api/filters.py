"""Query-string filters of the API's lists (django-filter). Each filter's help_text is its
description in the OpenAPI schema."""

import datetime

import django_filters as filters
from django import forms
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema_field

from events.models import (
    Conference,
    Registration,
    Review,
    Room,
    Schedule,
    SessionFormat,
    Slot,
    Submission,
    Track,
)
from members.models import CaseStudy, Industry, Member, MemberCompany

BIGGEST_ID = 2**63 - 1


class IdFilter(filters.NumberFilter):
    """A whole number in the range of a database id (anything else is a 400, not a 500),
    an integer with those bounds in the schema rather than drf-spectacular's `number`."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGGEST_ID)
        super().__init__(*args, **kwargs)
        extend_schema_field(
            {
                "type": "integer",
                "minimum": kwargs["min_value"],
                "maximum": kwargs["max_value"],
                "description": kwargs.get("help_text", ""),
            }
        )(self)


def session_format_filter() -> filters.CharFilter:
    # Not `format`: that query parameter chooses DRF's renderer (URL_FORMAT_OVERRIDE).
    return filters.CharFilter(field_name="format__slug", help_text="A session format's slug.")


def conference_filter(field_name: str = "conference__slug") -> filters.CharFilter:
    return filters.CharFilter(field_name=field_name, help_text="A conference's slug.")


class ConferenceFilter(filters.FilterSet):
    year = IdFilter(max_value=9999, help_text="The edition's year.")

    class Meta:
        model = Conference
        fields = ("year",)


class TrackFilter(filters.FilterSet):
    conference = conference_filter()

    class Meta:
        model = Track
        fields = ("conference",)


class RoomFilter(filters.FilterSet):
    conference = conference_filter()

    class Meta:
        model = Room
        fields = ("conference",)


class SessionFormatFilter(filters.FilterSet):
    conference = conference_filter()

    class Meta:
        model = SessionFormat
        fields = ("conference",)


class SlotFilter(filters.FilterSet):
    conference = conference_filter("schedule__conference__slug")
    day = filters.DateFilter(
        method="filter_day", help_text="A conference day (YYYY-MM-DD), in its own timezone."
    )
    track = filters.CharFilter(field_name="submission__track__slug", help_text="A track's slug.")
    room = IdFilter(field_name="room_id", help_text="A room's id.")
    speaker = IdFilter(method="filter_speaker", help_text="A speaker's member id.")
    company = filters.CharFilter(
        method="filter_company", help_text="The slug of a speaker's company."
    )
    kind = filters.ChoiceFilter(choices=Slot.Kind.choices, help_text="talk, break, …")
    cancelled = filters.BooleanFilter(help_text="false leaves out cancelled sessions.")

    class Meta:
        model = Slot
        fields: tuple[str, ...] = (
            "conference",
            "day",
            "track",
            "room",
            "speaker",
            "company",
            "kind",
            "cancelled",
        )

    def filter_day(self, queryset: QuerySet, name: str, day: datetime.date) -> QuerySet:
        # A day starts at local midnight, which differs between conferences.
        conferences = Conference.objects.filter(
            pk__in=queryset.values("schedule__conference_id")
        ).only("pk", "timezone")
        within = Q(pk__in=[])
        for conference in conferences:
            start = datetime.datetime.combine(day, datetime.time.min, tzinfo=conference.tz)
            end = start + datetime.timedelta(days=1)
            within |= Q(schedule__conference_id=conference.pk, start__gte=start, start__lt=end)
        return queryset.filter(within)

    def filter_speaker(self, queryset: QuerySet, name: str, member_id: int) -> QuerySet:
        return queryset.filter(
            submission__in=Submission.objects.filter(submission_speakers__member_id=member_id)
        )

    def filter_company(self, queryset: QuerySet, name: str, slug: str) -> QuerySet:
        return queryset.filter(
            submission__in=Submission.objects.filter(
                submission_speakers__member__company__slug=slug
            )
        )


class SlotScheduleFilter(SlotFilter):
    schedule = IdFilter(field_name="schedule_id", help_text="A schedule's id.")

    class Meta(SlotFilter.Meta):
        fields = ("schedule", *SlotFilter.Meta.fields)


class SpeakerFilter(filters.FilterSet):
    company = filters.CharFilter(field_name="company__slug", help_text="A company's slug.")

    class Meta:
        model = Member
        fields = ("company",)


class CompanyFilter(filters.FilterSet):
    industry = filters.ChoiceFilter(choices=Industry.choices, help_text="An industry.")
    country = filters.CharFilter(help_text="ISO 3166-1 alpha-2 country code, e.g. NL.")

    class Meta:
        model = MemberCompany
        fields = ("industry", "country")


class CaseStudyFilter(filters.FilterSet):
    company = filters.CharFilter(field_name="company__slug", help_text="A company's slug.")
    industry = filters.ChoiceFilter(choices=Industry.choices, help_text="An industry.")
    product = filters.CharFilter(
        method="filter_product", help_text="The slug of a product the case study used."
    )
    state = filters.ChoiceFilter(choices=CaseStudy.State.choices, help_text="Its state.")

    class Meta:
        model = CaseStudy
        fields = ("company", "industry", "product", "state")

    def filter_product(self, queryset: QuerySet, name: str, slug: str) -> QuerySet:
        return queryset.filter(pk__in=CaseStudy.objects.filter(products__slug=slug).values("pk"))


class ScheduleFilter(filters.FilterSet):
    conference = conference_filter()

    class Meta:
        model = Schedule
        fields = ("conference",)


class SubmissionFilter(filters.FilterSet):
    conference = conference_filter()
    state = filters.ChoiceFilter(choices=Submission.State.choices, help_text="Its state.")
    track = filters.CharFilter(field_name="track__slug", help_text="A track's slug.")
    session_format = session_format_filter()

    class Meta:
        model = Submission
        fields = ("conference", "state", "track", "session_format")


class ReviewSubmissionFilter(filters.FilterSet):
    conference = conference_filter()
    track = filters.CharFilter(field_name="track__slug", help_text="A track's slug.")
    session_format = session_format_filter()
    reviewed = filters.BooleanFilter(
        method="filter_reviewed", help_text="true: only those you reviewed; false: the others."
    )

    class Meta:
        model = Submission
        fields = ("conference", "track", "session_format", "reviewed")

    def filter_reviewed(self, queryset: QuerySet, name: str, reviewed: bool) -> QuerySet:
        mine = Review.objects.filter(reviewer=self.request.user).values("submission_id")
        return queryset.filter(pk__in=mine) if reviewed else queryset.exclude(pk__in=mine)


class ReviewFilter(filters.FilterSet):
    conference = conference_filter("submission__conference__slug")
    submission = IdFilter(field_name="submission_id", help_text="A submission's id.")

    class Meta:
        model = Review
        fields = ("conference", "submission")


class RegistrationFilter(filters.FilterSet):
    conference = conference_filter()

    class Meta:
        model = Registration
        fields = ("conference",)
