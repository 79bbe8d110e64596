"""Announcements by e-mail (members/services/announcements.py, members.tasks.announcement_mail):
to the people who want them, in batches with a constant number of queries, each message with
its unsubscribe headers, never twice."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from members.models import Announcement, MailKind, MailOptOut, OutgoingEmail
from members.services.announcements import announcement_mail_queue
from members.services.case_studies import announcement_post
from members.tasks import announcement_mail
from tests.factories import AnnouncementFactory, MemberFactory, OrganizerFactory, UserFactory

pytestmark = pytest.mark.django_db


def post(**fields) -> Announcement:
    return announcement_post(
        title=fields.get("title", "The call for papers is open"),
        body="Send us your case studies.",
        author=OrganizerFactory(),
        published_at=fields.get("published_at", timezone.now()),
    )


def test_announcement_post_mails_everyone_who_wants_announcements(
    settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://guildhall.example.org"
    ada = MemberFactory(user__email="ada@orbit.example")
    grace = MemberFactory(user__email="grace@nimbus.example")
    MailOptOut.objects.create(user=grace.user, kind=MailKind.ANNOUNCEMENTS)
    MailOptOut.objects.create(user=ada.user, kind=MailKind.SCHEDULE)  # other kinds don't matter

    with django_capture_on_commit_callbacks(execute=True):
        post()

    [message] = mail.outbox
    assert (message.to, message.subject) == (
        ["ada@orbit.example"],
        "Polaris Users' Group: The call for papers is open",
    )
    assert "Send us your case studies." in message.body
    assert "https://guildhall.example.org/news/the-call-for-papers-is-open/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://guildhall.example.org/email/unsubscribe/"
    )


def test_announcement_mail_leaves_out_accounts_without_profile_address_or_activity(
    django_capture_on_commit_callbacks,
):
    MemberFactory(user__email="ada@orbit.example")
    MemberFactory(user__email="")
    MemberFactory(user__email="gone@orbit.example", user__is_active=False)
    UserFactory(email="no-profile@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        post()

    assert [message.to for message in mail.outbox] == [["ada@orbit.example"]]


def test_announcement_rolled_back_mails_nothing(django_capture_on_commit_callbacks):
    MemberFactory()

    def two_posts_in_one_transaction() -> None:
        with transaction.atomic():
            post()
            post()  # the same title again: its slug is taken

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="slug"),
    ):
        two_posts_in_one_transaction()

    assert (mail.outbox, OutgoingEmail.objects.count()) == ([], 0)


@pytest.mark.parametrize("people", [1, 3])
def test_announcement_mail_queue_queries_constant(
    people, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    settings.MAIL_BATCH_SIZE = 5
    for _ in range(people):
        MemberFactory()
    announcement = AnnouncementFactory()

    with django_capture_on_commit_callbacks() as batches, django_assert_num_queries(6):
        queued = announcement_mail_queue(announcement_id=announcement.pk)

    assert (queued, len(batches), OutgoingEmail.objects.count()) == (people, 1, people)


def test_announcement_mail_in_batches(settings, django_capture_on_commit_callbacks):
    settings.MAIL_BATCH_SIZE = 2
    for _ in range(5):
        MemberFactory()
    announcement = AnnouncementFactory()

    with django_capture_on_commit_callbacks(execute=True) as batches:
        queued = announcement_mail_queue(announcement_id=announcement.pk)

    assert (queued, len(batches), len(mail.outbox)) == (5, 3, 5)
    assert len({message.to[0] for message in mail.outbox}) == 5


def test_announcement_mail_run_twice_sends_once(django_capture_on_commit_callbacks):
    MemberFactory()
    announcement = AnnouncementFactory()

    with django_capture_on_commit_callbacks(execute=True):
        first = announcement_mail.delay(announcement.pk).get()
    with django_capture_on_commit_callbacks(execute=True):
        second = announcement_mail.delay(announcement.pk).get()

    assert (first, second, len(mail.outbox)) == (1, 0, 1)


def test_announcement_scheduled_for_later_not_mailed_yet(django_capture_on_commit_callbacks):
    MemberFactory()

    with django_capture_on_commit_callbacks(execute=True):
        post(published_at=timezone.now() + datetime.timedelta(days=1))

    assert (mail.outbox, OutgoingEmail.objects.count()) == ([], 0)


def test_announcement_deleted_before_its_mail_sends_nothing():
    MemberFactory()
    announcement = AnnouncementFactory()
    pk = announcement.pk
    announcement.delete()

    assert (announcement_mail_queue(announcement_id=pk), mail.outbox) == (0, [])


def test_announcement_added_in_the_admin_is_mailed(
    organizer_client, django_capture_on_commit_callbacks
):
    MemberFactory(user__email="ada@orbit.example")

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(
            reverse("admin:members_announcement_add"),
            {
                "title": "Agenda is out",
                "slug": "agenda-is-out",
                "body": "See the schedule.",
                "published_at_0": timezone.now().strftime("%Y-%m-%d"),
                "published_at_1": (timezone.now() - datetime.timedelta(minutes=1)).strftime(
                    "%H:%M:%S"
                ),
            },
        )

    assert response.status_code == 302
    assert [(m.to, m.subject) for m in mail.outbox if "Agenda" in m.subject] == [
        (["ada@orbit.example"], "Polaris Users' Group: Agenda is out")
    ]
