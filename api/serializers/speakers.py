"""Speakers: the public profile, and the short reference a session or a submission nests."""

from collections.abc import Callable
from typing import Any

from rest_framework import serializers

from api.serializers.base import StoredImageField, described
from api.serializers.companies import CompanyRefSerializer
from events.models import SubmissionSpeaker
from members.models import Member


def _public(member: Member, url: str | None) -> str | None:
    # Shown only with a public profile, as on the site.
    return url if member.public_profile else None


def photo_url_field(member: Callable[[Any], Member]) -> StoredImageField:
    return StoredImageField(
        url=lambda row: _public(member(row), member(row).photo_large_url),
        help_text="The speaker's photo, 400 by 400 pixels (JPEG); null when they have none "
        "or their profile is not public.",
    )


def photo_thumbnail_url_field(member: Callable[[Any], Member]) -> StoredImageField:
    return StoredImageField(
        url=lambda row: _public(member(row), member(row).photo_small_url),
        help_text="The photo at 96 by 96 pixels; null as photo_url is.",
    )


class SpeakerRefSerializer(serializers.ModelSerializer):
    """A speaker as a session shows them."""

    id = serializers.IntegerField(source="member.id", read_only=True, help_text="Member id.")
    name = serializers.CharField(source="member.name", read_only=True, help_text="Full name.")
    company = serializers.CharField(
        source="member.company.name",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The speaker's company; null for guest speakers.",
    )
    photo_url = photo_url_field(lambda role: role.member)
    photo_thumbnail_url = photo_thumbnail_url_field(lambda role: role.member)

    class Meta:
        model = SubmissionSpeaker
        fields = ("id", "name", "company", "is_primary", "photo_url", "photo_thumbnail_url")
        extra_kwargs = described(is_primary="The talk's primary speaker (listed first).")


class SpeakerSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Full name.")
    company = CompanyRefSerializer(
        read_only=True, allow_null=True, help_text="Null for guest speakers."
    )
    photo_url = photo_url_field(lambda member: member)
    photo_thumbnail_url = photo_thumbnail_url_field(lambda member: member)

    class Meta:
        model = Member
        fields = (
            "id",
            "name",
            "job_title",
            "company",
            "bio",
            "linkedin",
            "mastodon",
            "github",
            "photo_url",
            "photo_thumbnail_url",
        )
        extra_kwargs = described(
            id="The speaker's member id (the `speaker` filter of sessions).",
            job_title="Job title.",
            bio="Short biography.",
            linkedin="LinkedIn profile URL.",
            mastodon="Mastodon handle.",
            github="GitHub user name.",
        )
