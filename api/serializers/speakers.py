"""Speakers: the public profile, and the short reference a session or a submission nests."""

from rest_framework import serializers

from api.serializers.base import described
from api.serializers.companies import CompanyRefSerializer
from events.models import SubmissionSpeaker
from members.models import Member


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

    class Meta:
        model = SubmissionSpeaker
        fields = ("id", "name", "company", "is_primary")
        extra_kwargs = described(is_primary="The talk's primary speaker (listed first).")


class SpeakerSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Full name.")
    company = CompanyRefSerializer(
        read_only=True, allow_null=True, help_text="Null for guest speakers."
    )

    class Meta:
        model = Member
        fields = ("id", "name", "job_title", "company", "bio", "linkedin", "mastodon", "github")
        extra_kwargs = described(
            id="The speaker's member id (the `speaker` filter of sessions).",
            job_title="Job title.",
            bio="Short biography.",
            linkedin="LinkedIn profile URL.",
            mastodon="Mastodon handle.",
            github="GitHub user name.",
        )
