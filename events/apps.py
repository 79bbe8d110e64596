from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_email_templates(sender, **kwargs) -> None:
    # Organizers find every e-mail in the admin from the first migrate on.
    if sender.name != "events":
        return
    from events.cfp.mail import email_templates_ensure

    email_templates_ensure()


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Conferences and agenda"

    def ready(self) -> None:
        post_migrate.connect(_ensure_email_templates, dispatch_uid="events.ensure_email_templates")
