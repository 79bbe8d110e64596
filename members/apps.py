from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_role_groups(sender, **kwargs) -> None:
    # Once per migrate, after events (the last app with models), whose permissions the
    # auth app has created by then.
    if sender.name != "events":
        return
    from members.services.memberships import roles_ensure_groups

    roles_ensure_groups()


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members"

    def ready(self) -> None:
        post_migrate.connect(_ensure_role_groups, dispatch_uid="members.ensure_role_groups")
