"""The caller's own member profile."""

from rest_framework import mixins, viewsets

from api.permissions import IsMember, member_of
from api.schema import resource_schema
from api.serializers.me import MemberProfileSerializer
from members.services.people import MEMBER_PROFILE_FIELDS, member_profile_update


@resource_schema(
    retrieve=("Your member profile", "The caller's profile."),
    partial_update=(
        "Change your member profile",
        "Job title, bio, public profile and social handles; the rest is read-only.",
    ),
)
class MeViewSet(mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    serializer_class = MemberProfileSerializer
    permission_classes = (IsMember,)
    http_method_names = ("get", "patch", "head", "options")

    def get_object(self):
        return member_of(self.request.user)

    def perform_update(self, serializer) -> None:
        fields = {
            name: value
            for name, value in serializer.validated_data.items()
            if name in MEMBER_PROFILE_FIELDS
        }
        serializer.instance = member_profile_update(user=serializer.instance.user, **fields)
