"""The members' e-mails: plain text rendered from templates/members/email/, with links
made absolute from settings.SITE_URL."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string


def send(*, to: str, template: str, context: dict) -> None:
    """Send a plain-text e-mail from templates/members/email/<template>_subject.txt and .txt."""
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"members/email/{template}_subject.txt", context).split())
    body = render_to_string(f"members/email/{template}.txt", context)
    send_mail(subject, body, None, [to])


def absolute(url: str) -> str:
    """The URL with the site's address in front, for links in e-mails."""
    return f"{settings.SITE_URL}{url}"
