"""The caller's own member profile."""

from rest_framework import serializers

from api.serializers.base import described
from api.serializers.companies import CompanyRefSerializer
from members.models import Member


class MemberProfileSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True, help_text="Login.")
    name = serializers.CharField(read_only=True, help_text="Full name, from the account.")
    email = serializers.EmailField(source="user.email", read_only=True, help_text="E-mail.")
    company = CompanyRefSerializer(
        read_only=True, allow_null=True, help_text="Set by the organizers; null for guests."
    )

    class Meta:
        model = Member
        fields = (
            "id",
            "username",
            "name",
            "email",
            "company",
            "job_title",
            "bio",
            "public_profile",
            "linkedin",
            "mastodon",
            "github",
        )
        read_only_fields = ("id",)
        extra_kwargs = described(
            id="Your member id.",
            job_title="Job title.",
            bio="Short biography, shown on your speaker profile.",
            public_profile="Show a public speaker profile (GET /api/v1/speakers/).",
            linkedin="LinkedIn profile URL.",
            mastodon="Mastodon handle.",
            github="GitHub user name.",
        )
