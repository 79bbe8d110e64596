"""The mail composer and outbox in the admin (events/admin/mailing.py): preview with count
and one rendered copy, draft, send, schedule, refusals at the field, the outbox with each
recipient's state and reason, resending the failed ones, who may do any of it, and user
text escaped."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from events.mailings.services import mailing_save, mailing_send
from events.models import Mailing, MailingRecipient
from members.models import MailKind, MailOptOut, OutgoingEmail
from members.roles import CHECKIN_STAFF
from tests.conftest import admin_url
from tests.factories import (
    ConferenceFactory,
    MemberFactory,
    OrganizerFactory,
    RegistrationFactory,
    ReviewerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    return ConferenceFactory(name="Summit 2027")


def form_data(conference, **changes) -> dict:
    return {
        "subject": "See you soon, {first_name}",
        "body": "Dear {full_name} of {company}: {conference} starts Monday.",
        "kind": MailKind.ANNOUNCEMENTS,
        "conference": conference.pk,
        "registrants": "on",
        "action": "preview",
        **changes,
    }


def test_preview_shows_count_and_first_rendered_copy(organizer_client, conference):
    ada = MemberFactory(
        user__first_name="Ada", user__last_name="Lovelace", company__name="Engines Ltd"
    ).user
    RegistrationFactory(conference=conference, user=ada)
    RegistrationFactory(conference=conference)
    opted_out = RegistrationFactory(conference=conference).user
    MailOptOut.objects.create(user=opted_out, kind=MailKind.ANNOUNCEMENTS)

    response = organizer_client.post(admin_url(Mailing, "add"), form_data(conference))

    assert response.status_code == 200
    preview = response.context["preview"]
    assert (preview["count"], preview["recipient"]) == (2, ada)
    page = response.content.decode()
    assert "<strong>2</strong> recipients" in page
    assert "See you soon, Ada" in page
    assert "Dear Ada Lovelace of Engines Ltd: Summit 2027 starts Monday." in page
    assert Mailing.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


def test_preview_escapes_user_text(organizer_client, conference):
    person = MemberFactory(
        user__first_name="<script>alert(1)</script>", company__name="<b>Evil</b> & Co"
    ).user
    RegistrationFactory(conference=conference, user=person)

    response = organizer_client.post(
        admin_url(Mailing, "add"), form_data(conference, body="<i>{company}</i> {first_name}")
    )

    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;i&gt;&lt;b&gt;Evil&lt;/b&gt; &amp;amp; Co&lt;/i&gt;" not in page  # escaped once
    assert "&lt;i&gt;&lt;b&gt;Evil&lt;/b&gt; &amp; Co&lt;/i&gt;" in page


def test_unsafe_placeholder_is_a_field_error(organizer_client, conference):
    RegistrationFactory(conference=conference)

    response = organizer_client.post(
        admin_url(Mailing, "add"),
        form_data(conference, body="Hi {user.password} {0.__class__}", action="send"),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["body"]
    assert "{user.password}" in errors[0]
    assert "{0.__class__}" in errors[0]
    assert Mailing.objects.count() == 0
    assert mail.outbox == []


def test_conference_filters_need_the_conference(organizer_client, conference):
    data = {**form_data(conference, action="draft"), "conference": ""}

    response = organizer_client.post(admin_url(Mailing, "add"), data)

    assert response.context["form"].errors == {
        "registrants": ["Choose the conference this filter is about."],
        "conference": ["The text uses {conference}: choose the conference."],
    }


def test_send_with_no_recipients_is_refused_and_writes_nothing(organizer_client, conference):
    response = organizer_client.post(
        admin_url(Mailing, "add"), form_data(conference, action="send")
    )

    assert response.status_code == 200
    assert "Nobody matches these filters" in response.content.decode()
    assert Mailing.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


def test_preview_with_no_recipients_says_so(organizer_client, conference):
    response = organizer_client.post(admin_url(Mailing, "add"), form_data(conference))

    assert "Nobody matches these filters" in response.content.decode()
    assert response.context["preview"]["count"] == 0


def test_save_draft_then_send_from_its_page(
    organizer_client, organizer, conference, django_capture_on_commit_callbacks
):
    RegistrationFactory(conference=conference, user__first_name="Grace")

    response = organizer_client.post(
        admin_url(Mailing, "add"), form_data(conference, action="draft")
    )
    mailing = Mailing.objects.get()
    assert response.status_code == 302
    assert (mailing.state, mailing.created_by) == (Mailing.State.DRAFT, organizer)
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(
            admin_url(Mailing, "change", mailing.pk), form_data(conference, action="send")
        )

    assert response.status_code == 302
    mailing.refresh_from_db()
    assert (mailing.state, mailing.recipient_count) == (Mailing.State.SENT, 1)
    assert [message.subject for message in mail.outbox] == ["See you soon, Grace"]


def test_schedule_needs_a_future_time(organizer_client, conference):
    RegistrationFactory(conference=conference)
    past = (timezone.now() - datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    future = (timezone.now() + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")

    missing = organizer_client.post(
        admin_url(Mailing, "add"), form_data(conference, action="schedule")
    )
    late = organizer_client.post(
        admin_url(Mailing, "add"), form_data(conference, action="schedule", send_at=past)
    )
    assert missing.context["form"].errors["send_at"] == ["Give the time to send the mailing at."]
    assert late.context["form"].errors["send_at"] == ["Choose a time in the future."]
    assert Mailing.objects.count() == 0

    response = organizer_client.post(
        admin_url(Mailing, "add"), form_data(conference, action="schedule", send_at=future)
    )

    assert response.status_code == 302
    mailing = Mailing.objects.get()
    assert mailing.state == Mailing.State.SCHEDULED
    assert mail.outbox == []


@pytest.fixture
def sent_mailing(conference, django_capture_on_commit_callbacks):
    people = [
        RegistrationFactory(conference=conference, user__first_name=name).user
        for name in ("Ann", "<b>Bob</b>")
    ]
    mailing = mailing_save(
        mailing=None,
        actor=None,
        subject="Hello <em>all</em>",
        body="Body",
        kind=MailKind.ANNOUNCEMENTS,
        conference=conference,
        registrants=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        mailing_send(mailing=mailing)
    failed = MailingRecipient.objects.get(mailing=mailing, user=people[1])
    assert failed.email_id is not None
    OutgoingEmail.objects.filter(pk=failed.email_id).update(
        state=OutgoingEmail.State.FAILED, last_error="SMTPRecipientsRefused(<550 no such user>)"
    )
    mail.outbox.clear()
    return mailing


def test_outbox_lists_each_recipients_state_and_reason(organizer_client, sent_mailing):
    response = organizer_client.get(admin_url(Mailing, "change", sent_mailing.pk))

    assert response.status_code == 200
    assert response.context["counts"]["sent"] == 1
    assert response.context["counts"]["failed"] == 1
    rows = [
        (row.user.first_name, row.email.state)
        for row in response.context["page"]
        if row.email is not None
    ]
    assert rows == [("Ann", "sent"), ("<b>Bob</b>", "failed")]
    page = response.content.decode()
    assert "&lt;550 no such user&gt;" in page
    assert "<b>Bob</b>" not in page
    assert "Hello &lt;em&gt;all&lt;/em&gt;" in page
    assert "Resend the 1 failed" in page


def test_outbox_queries_do_not_grow_with_recipients(
    organizer_client, conference, django_assert_num_queries, django_capture_on_commit_callbacks
):
    counts: list[int] = []
    for size in (2, 12):
        for _ in range(size - (2 if counts else 0)):
            RegistrationFactory(conference=conference)
        mailing = mailing_save(
            mailing=None,
            actor=None,
            subject="S",
            body="B",
            kind=MailKind.ANNOUNCEMENTS,
            conference=conference,
            registrants=True,
        )
        with django_capture_on_commit_callbacks(execute=True):
            mailing_send(mailing=mailing)
        url = admin_url(Mailing, "change", mailing.pk)
        with django_assert_num_queries(8) as captured:
            organizer_client.get(url)
        counts.append(len(captured))

    assert counts[0] == counts[1]


def test_resend_failed_sends_only_them(
    organizer_client, sent_mailing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(admin_url(Mailing, "resend_failed", sent_mailing.pk))

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [
        [
            MailingRecipient.objects.get(
                mailing=sent_mailing, user__first_name="<b>Bob</b>"
            ).user.email
        ]
    ]


def test_resend_needs_post(organizer_client, sent_mailing):
    response = organizer_client.get(admin_url(Mailing, "resend_failed", sent_mailing.pk))

    assert response.status_code == 405


def test_organizers_group_may_compose():
    organizer = OrganizerFactory()

    assert organizer.has_perms(
        ["events.add_mailing", "events.change_mailing", "events.view_mailing"]
    )


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: ReviewerFactory(),
        lambda: UserFactory(is_staff=True, roles=[CHECKIN_STAFF]),
    ],
    ids=["reviewer", "checkin-staff"],
)
def test_others_are_refused(client, make_user, sent_mailing, conference):
    client.force_login(make_user())
    RegistrationFactory(conference=conference)

    responses = [
        client.get(admin_url(Mailing, "changelist")),
        client.get(admin_url(Mailing, "add")),
        client.post(admin_url(Mailing, "add"), form_data(conference, action="send")),
        client.get(admin_url(Mailing, "change", sent_mailing.pk)),
        client.post(admin_url(Mailing, "resend_failed", sent_mailing.pk)),
    ]

    assert [response.status_code for response in responses] == [403] * 5
    assert Mailing.objects.count() == 1
    assert mail.outbox == []


def test_anonymous_is_sent_to_the_login(client, sent_mailing):
    for url in (admin_url(Mailing, "add"), admin_url(Mailing, "change", sent_mailing.pk)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    response = client.post(admin_url(Mailing, "resend_failed", sent_mailing.pk))
    assert response.status_code == 302
    assert mail.outbox == []
