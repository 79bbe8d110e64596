"""Writes for members: role groups, membership periods and their daily transitions, renewal
notices, accounts, colleagues and invitations, profiles and case studies."""

import datetime
import time
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from members import tokens
from members.models import ApiToken, CaseStudy, Invitation, Member, Membership, RenewalNotice
from members.roles import ORGANIZERS, PROGRAM_COMMITTEE
from members.services.api_tokens import API_TOKENS_PER_USER, api_token_create, api_token_touch
from members.services.case_studies import (
    case_study_publish,
    case_study_return_to_draft,
    case_study_save,
    case_study_submit,
)
from members.services.memberships import (
    membership_create,
    membership_renew,
    membership_run_daily,
    renewal_notices_send,
    roles_ensure_groups,
)
from members.services.people import (
    account_create_verified,
    invitation_accept,
    invitation_create,
    invitation_from_link,
    invitation_withdraw,
    member_profile_update,
    member_remove,
    primary_contact_hand_over,
    signup_complete,
    signup_start,
)
from tests.factories import (
    ApiTokenFactory,
    CaseStudyFactory,
    CompanyDomainFactory,
    InvitationFactory,
    MemberCompanyFactory,
    MemberFactory,
    MembershipFactory,
    MembershipTierFactory,
    OrganizerFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

JAN_1 = datetime.date(2030, 1, 1)
DEC_31 = datetime.date(2030, 12, 31)


def permission_names(group: Group) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


# Role groups


def test_roles_groups_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))

    assert {ORGANIZERS, PROGRAM_COMMITTEE} <= names


def test_roles_organizers_hold_members_events_user_admin_and_audit_reading_permissions():
    expected = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.filter(
            content_type__app_label__in=["members", "events"]
        ).values_list("content_type__app_label", "codename")
    } | {
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "audit.view_auditentry",
    }

    organizers = Group.objects.get(name=ORGANIZERS)

    assert permission_names(organizers) == expected


def test_roles_organizers_include_slot_and_membership_permissions():
    organizers = Group.objects.get(name=ORGANIZERS)

    assert {
        "events.change_slot",
        "events.add_slot",
        "members.change_membership",
        "members.view_casestudy",
    } <= permission_names(organizers)


def test_roles_program_committee_may_only_view_conferences_in_admin():
    reviewers = Group.objects.get(name=PROGRAM_COMMITTEE)

    assert permission_names(reviewers) == {"events.view_conference"}


def test_roles_ensure_groups_again_adds_nothing_twice():
    groups_before = Group.objects.count()
    links_before = Group.permissions.through.objects.count()

    roles_ensure_groups()
    roles_ensure_groups()

    assert (Group.objects.count(), Group.permissions.through.objects.count()) == (
        groups_before,
        links_before,
    )


def test_roles_ensure_groups_keeps_permissions_an_organizer_added():
    reviewers = Group.objects.get(name=PROGRAM_COMMITTEE)
    extra = Permission.objects.get(content_type__app_label="events", codename="view_slot")
    reviewers.permissions.add(extra)

    roles_ensure_groups()

    assert "events.view_slot" in permission_names(reviewers)


def test_roles_ensure_groups_recreates_deleted_group():
    Group.objects.filter(name=PROGRAM_COMMITTEE).delete()

    roles_ensure_groups()

    assert permission_names(Group.objects.get(name=PROGRAM_COMMITTEE)) == {"events.view_conference"}


# Membership periods


def test_membership_create_takes_tier_dues_by_default():
    company = MemberCompanyFactory(membership=None)
    tier = MembershipTierFactory(annual_dues=Decimal("7500.00"))

    membership = membership_create(company=company, tier=tier, starts_on=JAN_1, ends_on=DEC_31)

    membership.refresh_from_db()
    assert (membership.dues, membership.state, membership.company) == (
        Decimal("7500.00"),
        Membership.State.PENDING,
        company,
    )


def test_membership_create_keeps_agreed_dues_state_and_payment():
    company = MemberCompanyFactory(membership=None)

    membership = membership_create(
        company=company,
        tier=MembershipTierFactory(annual_dues=Decimal("7500.00")),
        starts_on=JAN_1,
        ends_on=DEC_31,
        dues=Decimal("0.00"),
        state=Membership.State.ACTIVE,
        paid_on=JAN_1,
    )

    membership.refresh_from_db()
    assert (membership.dues, membership.state, membership.paid_on) == (
        Decimal("0.00"),
        Membership.State.ACTIVE,
        JAN_1,
    )


def test_membership_create_renewal_after_current_period_accepted():
    current = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    membership_create(
        company=current.company,
        tier=current.tier,
        starts_on=datetime.date(2031, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
    )

    assert current.company.memberships.count() == 2


def test_membership_create_overlapping_period_refused():
    current = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    with pytest.raises(ValidationError) as error:
        membership_create(
            company=current.company,
            tier=current.tier,
            starts_on=datetime.date(2030, 7, 1),
            ends_on=datetime.date(2031, 6, 30),
        )

    assert (error.value.messages, current.company.memberships.count()) == (
        ["This period overlaps the company's membership 2030-01-01 to 2030-12-31 (Active)."],
        1,
    )


def test_membership_create_period_ending_before_start_refused():
    company = MemberCompanyFactory(membership=None)

    with pytest.raises(ValidationError) as error:
        membership_create(
            company=company, tier=MembershipTierFactory(), starts_on=DEC_31, ends_on=JAN_1
        )

    assert (error.value.message_dict["ends_on"], company.memberships.count()) == (
        ["The period must end after it starts."],
        0,
    )


def test_membership_create_negative_dues_refused():
    company = MemberCompanyFactory(membership=None)

    with pytest.raises(ValidationError) as error:
        membership_create(
            company=company,
            tier=MembershipTierFactory(),
            starts_on=JAN_1,
            ends_on=DEC_31,
            dues=Decimal("-1.00"),
        )

    assert ("dues" in error.value.message_dict, company.memberships.count()) == (True, 0)


def test_membership_create_overlap_with_cancelled_period_accepted():
    cancelled = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31, state=Membership.State.CANCELLED)

    membership_create(
        company=cancelled.company, tier=cancelled.tier, starts_on=JAN_1, ends_on=DEC_31
    )

    assert cancelled.company.memberships.count() == 2


# Renewal and the daily transitions


def test_membership_renew_follows_current_period_without_gap():
    current = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    renewal = membership_renew(company=current.company, today=datetime.date(2030, 11, 1))

    assert (renewal.starts_on, renewal.ends_on, renewal.state, renewal.tier) == (
        datetime.date(2031, 1, 1),
        datetime.date(2031, 12, 31),
        Membership.State.PENDING,
        current.tier,
    )
    assert current.company.memberships.count() == 2


def test_membership_renew_in_grace_period_still_follows_without_gap():
    current = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    renewal = membership_renew(
        company=current.company,
        today=datetime.date(2031, 1, 20),
        paid_on=datetime.date(2031, 1, 20),
    )

    assert (renewal.starts_on, renewal.state) == (datetime.date(2031, 1, 1), "active")


def test_membership_renew_after_lapse_starts_today():
    lapsed = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31, state=Membership.State.LAPSED)

    renewal = membership_renew(company=lapsed.company, today=datetime.date(2031, 5, 2))

    assert (renewal.starts_on, renewal.ends_on) == (
        datetime.date(2031, 5, 2),
        datetime.date(2032, 5, 1),
    )


def test_membership_renew_company_without_membership_needs_tier():
    company = MemberCompanyFactory(membership=None)

    with pytest.raises(ValidationError) as error:
        membership_renew(company=company, today=JAN_1)

    assert error.value.messages == ["The company has no membership yet: choose a tier."]


def test_membership_daily_lapses_unrenewed_period_after_grace_only():
    membership = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    in_grace = membership_run_daily(today=datetime.date(2031, 1, 30))
    after = membership_run_daily(today=datetime.date(2031, 1, 31))
    again = membership_run_daily(today=datetime.date(2031, 1, 31))

    membership.refresh_from_db()
    assert (in_grace["lapsed"], after["lapsed"], again["lapsed"], membership.state) == (
        0,
        1,
        0,
        Membership.State.LAPSED,
    )


def test_membership_daily_keeps_renewed_period_active():
    old = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)
    MembershipFactory(
        company=old.company,
        starts_on=datetime.date(2031, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
    )

    membership_run_daily(today=datetime.date(2031, 6, 1))

    old.refresh_from_db()
    assert old.state == Membership.State.ACTIVE


def test_membership_daily_lapses_period_whose_renewal_is_unpaid():
    old = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)
    MembershipFactory(
        company=old.company,
        starts_on=datetime.date(2031, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
        state=Membership.State.PENDING,
        paid_on=None,
    )

    membership_run_daily(today=datetime.date(2031, 2, 1))

    old.refresh_from_db()
    assert old.state == Membership.State.LAPSED


def test_membership_daily_activates_paid_pending_period_once_started():
    pending = MembershipFactory(
        starts_on=JAN_1, ends_on=DEC_31, state=Membership.State.PENDING, paid_on=JAN_1
    )
    unpaid = MembershipFactory(
        starts_on=JAN_1, ends_on=DEC_31, state=Membership.State.PENDING, paid_on=None
    )

    before = membership_run_daily(today=datetime.date(2029, 12, 31))
    on_start = membership_run_daily(today=JAN_1)

    pending.refresh_from_db()
    unpaid.refresh_from_db()
    assert (before["activated"], on_start["activated"], pending.state, unpaid.state) == (
        0,
        1,
        Membership.State.ACTIVE,
        Membership.State.PENDING,
    )


# Renewal notices


@pytest.fixture
def ending():
    """An active period ending on 2030-12-31 of a company with a primary contact."""
    membership = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31, company__name="Orbit Bank")
    MemberFactory(
        company=membership.company, is_primary_contact=True, user__email="ada@orbit.example"
    )
    MemberFactory(company=membership.company, user__email="grace@orbit.example")
    return membership


def test_renewal_notice_sent_60_days_ahead_to_primary_contact(ending):
    sent = renewal_notices_send(today=DEC_31 - datetime.timedelta(days=60))

    assert ([n.days_before for n in sent], [m.to for m in mail.outbox]) == (
        [60],
        [["ada@orbit.example"]],
    )
    assert mail.outbox[0].subject == (
        "Polaris Users' Group: the membership of Orbit Bank ends in 60 days"
    )
    assert f"{settings.SITE_URL}/company/" in mail.outbox[0].body


def test_renewal_notice_not_sent_twice(ending):
    day = DEC_31 - datetime.timedelta(days=59)
    renewal_notices_send(today=day)

    again = renewal_notices_send(today=day)
    next_day = renewal_notices_send(today=day + datetime.timedelta(days=1))

    assert (again, next_day, len(mail.outbox), RenewalNotice.objects.count()) == ([], [], 1, 1)


def test_renewal_notice_14_days_sent_after_60_days_one(ending):
    renewal_notices_send(today=DEC_31 - datetime.timedelta(days=60))

    sent = renewal_notices_send(today=DEC_31 - datetime.timedelta(days=14))
    renewal_notices_send(today=DEC_31 - datetime.timedelta(days=13))

    assert ([n.days_before for n in sent], len(mail.outbox)) == ([14], 2)


def test_renewal_notice_late_run_sends_only_the_nearest_reminder(ending):
    sent = renewal_notices_send(today=DEC_31 - datetime.timedelta(days=10))

    assert ([n.days_before for n in sent], len(mail.outbox)) == ([14], 1)


def test_renewal_notice_none_more_than_60_days_ahead(ending):
    assert renewal_notices_send(today=DEC_31 - datetime.timedelta(days=61)) == []


def test_renewal_notice_none_for_renewed_period(ending):
    MembershipFactory(
        company=ending.company,
        starts_on=datetime.date(2031, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
        state=Membership.State.PENDING,
    )

    assert renewal_notices_send(today=DEC_31 - datetime.timedelta(days=14)) == []


def test_renewal_notice_none_without_primary_contact():
    MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    sent = renewal_notices_send(today=DEC_31 - datetime.timedelta(days=14))

    assert (sent, RenewalNotice.objects.count()) == ([], 0)


# Accounts and sign-up


def test_account_create_verified_creates_active_user_named_by_address():
    user = account_create_verified(
        email="Ada@Orbit.Example", password="a long enough passphrase", first_name="Ada"
    )

    assert (
        user.username,
        user.email,
        user.is_active,
        user.check_password("a long enough passphrase"),
    ) == (
        "ada@orbit.example",
        "ada@orbit.example",
        True,
        True,
    )


def test_account_create_verified_refuses_existing_address():
    UserFactory(email="ada@orbit.example")

    with pytest.raises(ValidationError) as error:
        account_create_verified(email="ADA@orbit.example", password="a long passphrase!")

    assert error.value.messages == [
        "There is already an account for this address. Log in, or reset your password."
    ]


def test_account_create_verified_refuses_weak_password():
    with pytest.raises(ValidationError):
        account_create_verified(email="ada@orbit.example", password="123")

    assert not get_user_model().objects.filter(email="ada@orbit.example").exists()


def test_signup_start_sends_link_and_creates_no_account():
    signup_start(email="ada@orbit.example", first_name="Ada", last_name="Lovelace")

    assert (len(mail.outbox), get_user_model().objects.count()) == (1, 0)
    assert "/signup/verify/" in mail.outbox[0].body


def test_signup_start_for_known_address_sends_reset_note():
    UserFactory(email="ada@orbit.example")

    signup_start(email="ada@orbit.example", first_name="Ada", last_name="Lovelace")

    assert ("/signup/verify/" in mail.outbox[0].body, "password" in mail.outbox[0].body) == (
        False,
        True,
    )


def test_signup_complete_joins_company_of_registered_domain():
    domain = CompanyDomainFactory(domain="orbit.example")

    user, member, refusal = signup_complete(
        email="ada@orbit.example",
        first_name="Ada",
        last_name="Lovelace",
        password="a long enough passphrase",
        now=timezone.now(),
    )

    assert member is not None
    assert (member.user, member.company, refusal) == (user, domain.company, None)


def test_signup_complete_other_domain_joins_no_company():
    CompanyDomainFactory(domain="orbit.example")

    user, member, refusal = signup_complete(
        email="ada@elsewhere.example",
        first_name="Ada",
        last_name="Lovelace",
        password="a long enough passphrase",
        now=timezone.now(),
    )

    assert (member, refusal, Member.objects.filter(user=user).exists()) == (None, None, False)


def test_signup_complete_domain_join_refused_when_seats_taken():
    domain = CompanyDomainFactory(
        domain="orbit.example", company__membership__tier__seats=1, company__name="Orbit Bank"
    )
    MemberFactory(company=domain.company)

    user, member, refusal = signup_complete(
        email="ada@orbit.example",
        first_name="Ada",
        last_name="Lovelace",
        password="a long enough passphrase",
        now=timezone.now(),
    )

    assert (user.is_active, member, (refusal or "").startswith("All 1 seats of Orbit Bank's")) == (
        True,
        None,
        True,
    )


# Colleagues and invitations


@pytest.fixture
def primary():
    return MemberFactory(
        company__name="Orbit Bank", company__membership__tier__seats=3, is_primary_contact=True
    )


def test_invitation_create_sends_signed_link(primary):
    invitation = invitation_create(
        company=primary.company,
        email="Grace@Orbit.Example",
        invited_by=primary.user,
        now=timezone.now(),
    )

    assert (invitation.email, mail.outbox[0].to) == ("grace@orbit.example", ["grace@orbit.example"])
    token = mail.outbox[0].body.split("/invitations/")[1].split("/")[0]
    assert invitation_from_link(token=token) == invitation


def test_invitation_create_refused_for_colleague_who_is_not_primary_contact(primary):
    colleague = MemberFactory(company=primary.company)

    with pytest.raises(PermissionDenied):
        invitation_create(
            company=primary.company,
            email="grace@orbit.example",
            invited_by=colleague.user,
            now=timezone.now(),
        )

    assert Invitation.objects.count() == 0


def test_invitation_create_refused_for_address_at_another_company(primary):
    MemberFactory(user__email="grace@nimbus.example")

    with pytest.raises(ValidationError) as error:
        invitation_create(
            company=primary.company,
            email="grace@nimbus.example",
            invited_by=primary.user,
            now=timezone.now(),
        )

    assert error.value.message_dict["email"] == [
        "grace@nimbus.example belongs to another member company. They must leave it (ask its "
        "primary contact) before they can join yours."
    ]
    assert (Invitation.objects.count(), len(mail.outbox)) == (0, 0)


def test_invitation_create_refused_for_address_already_invited(primary):
    InvitationFactory(company=primary.company, email="grace@orbit.example")

    with pytest.raises(ValidationError) as error:
        invitation_create(
            company=primary.company,
            email="grace@orbit.example",
            invited_by=primary.user,
            now=timezone.now(),
        )

    assert error.value.message_dict["email"] == [
        "grace@orbit.example has already been invited; the link is still valid."
    ]


def test_invitation_create_refused_beyond_seats_counting_open_invitations(primary):
    MemberFactory(company=primary.company)
    InvitationFactory(company=primary.company)

    with pytest.raises(ValidationError) as error:
        invitation_create(
            company=primary.company,
            email="grace@orbit.example",
            invited_by=primary.user,
            now=timezone.now(),
        )

    assert error.value.messages == [
        "All 3 seats of Orbit Bank's Tier "
        f"{primary.company.memberships.get().tier.name.split()[-1]} membership are taken (3 people "
        "and open invitations). Remove someone or withdraw an invitation, or ask the organizers "
        "about a larger tier."
    ]


def test_invitation_create_expired_invitation_frees_its_seat(primary):
    MemberFactory(company=primary.company)
    InvitationFactory(
        company=primary.company, created_at=timezone.now() - tokens.INVITATION_MAX_AGE
    )

    invitation = invitation_create(
        company=primary.company,
        email="grace@orbit.example",
        invited_by=primary.user,
        now=timezone.now(),
    )

    assert invitation.pk is not None


def test_invitation_create_refused_without_active_membership():
    primary = MemberFactory(
        company__name="Orbit Bank",
        company__membership__state=Membership.State.LAPSED,
        is_primary_contact=True,
    )
    assert primary.company is not None

    with pytest.raises(ValidationError) as error:
        invitation_create(
            company=primary.company,
            email="grace@orbit.example",
            invited_by=primary.user,
            now=timezone.now(),
        )

    assert error.value.messages == [
        "Orbit Bank has no active membership, so nobody can join it. Renew the membership first."
    ]


def _link(invitation: Invitation) -> str:
    return tokens.email_link_make({"invitation": invitation.pk}, salt=tokens.INVITATION_SALT)


def test_invitation_accept_joins_company_and_uses_link(primary):
    invitation = InvitationFactory(company=primary.company, email="grace@orbit.example")
    user = UserFactory(email="grace@orbit.example")

    member = invitation_accept(invitation=invitation, user=user, now=timezone.now())

    with pytest.raises(ValidationError) as error:
        invitation_from_link(token=_link(invitation))
    assert (member.company, member.user) == (primary.company, user)
    assert error.value.messages == [
        "This invitation has already been used. Log in with the account it created."
    ]


def expired_link(payload: dict, *, salt: str, max_age: datetime.timedelta) -> str:
    """A link signed just longer ago than it may be used."""

    class PastSigner(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time() - max_age.total_seconds() - 60))

    return PastSigner(salt=salt).sign_object(payload, compress=True)


def test_invitation_link_expired_refused(primary):
    invitation = InvitationFactory(company=primary.company)
    token = expired_link(
        {"invitation": invitation.pk},
        salt=tokens.INVITATION_SALT,
        max_age=tokens.INVITATION_MAX_AGE,
    )

    with pytest.raises(ValidationError) as error:
        invitation_from_link(token=token)

    assert error.value.messages == ["This link has expired. Ask for a new one."]


def test_invitation_link_altered_refused(primary):
    invitation = InvitationFactory(company=primary.company)

    with pytest.raises(ValidationError) as error:
        invitation_from_link(token=_link(invitation)[:-2] + "xx")

    assert error.value.messages == [
        "This link is not valid. Check that you copied all of it from the e-mail."
    ]


def test_invitation_link_withdrawn_refused(primary):
    invitation = InvitationFactory(company=primary.company)
    invitation_withdraw(invitation=invitation, actor=primary.user)

    with pytest.raises(ValidationError) as error:
        invitation_from_link(token=_link(invitation))

    assert error.value.messages == [
        "This invitation has been withdrawn. Ask your company's primary contact for a new one."
    ]


def test_invitation_accept_by_other_account_refused(primary):
    invitation = InvitationFactory(company=primary.company, email="grace@orbit.example")
    other = UserFactory(email="mallory@orbit.example")

    with pytest.raises(ValidationError) as error:
        invitation_accept(invitation=invitation, user=other, now=timezone.now())

    assert error.value.messages == [
        "This invitation is for grace@orbit.example; you are logged in as mallory@orbit.example."
    ]
    assert not Member.objects.filter(user=other).exists()


def test_invitation_accept_by_person_at_another_company_refused(primary):
    invitation = InvitationFactory(company=primary.company, email="grace@orbit.example")
    elsewhere = MemberFactory(user__email="grace@orbit.example")

    with pytest.raises(ValidationError):
        invitation_accept(invitation=invitation, user=elsewhere.user, now=timezone.now())

    elsewhere.refresh_from_db()
    assert elsewhere.company != primary.company


def test_invitation_accept_refused_when_seats_filled_meanwhile(primary):
    invitation = InvitationFactory(company=primary.company, email="grace@orbit.example")
    MemberFactory.create_batch(2, company=primary.company)

    with pytest.raises(ValidationError) as error:
        invitation_accept(
            invitation=invitation, user=UserFactory(email="grace@orbit.example"), now=timezone.now()
        )

    assert "seats" in error.value.messages[0]
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_member_remove_takes_colleague_off_company(primary):
    colleague = MemberFactory(company=primary.company)

    member_remove(member=colleague, actor=primary.user)

    colleague.refresh_from_db()
    assert (colleague.company, get_user_model().objects.filter(pk=colleague.user_id).exists()) == (
        None,
        True,
    )


def test_member_remove_self_as_primary_contact_refused(primary):
    with pytest.raises(ValidationError) as error:
        member_remove(member=primary, actor=primary.user)

    assert error.value.messages == [
        "You are the primary contact: hand the role to a colleague before you leave."
    ]


def test_member_remove_by_colleague_refused(primary):
    colleague = MemberFactory(company=primary.company)

    with pytest.raises(PermissionDenied):
        member_remove(member=primary, actor=colleague.user)

    primary.refresh_from_db()
    assert primary.company is not None


def test_primary_contact_hand_over_moves_role(primary):
    colleague = MemberFactory(company=primary.company)

    primary_contact_hand_over(to_member=colleague, actor=primary.user)

    primary.refresh_from_db()
    colleague.refresh_from_db()
    assert (primary.is_primary_contact, colleague.is_primary_contact) == (False, True)


def test_primary_contact_hand_over_by_colleague_refused(primary):
    colleague = MemberFactory(company=primary.company)

    with pytest.raises(PermissionDenied):
        primary_contact_hand_over(to_member=colleague, actor=colleague.user)


def test_member_profile_update_creates_member_row_for_person_without_one():
    user = UserFactory()

    member = member_profile_update(user=user, job_title="Analyst", public_profile=True)

    assert (member.user, member.company, member.job_title, member.public_profile) == (
        user,
        None,
        "Analyst",
        True,
    )


# Case studies


def _save(member, **changes):
    fields = {
        "title": "Faster nightly loads",
        "challenge": "Nine hours.",
        "solution": "Incremental loads.",
        "results": "Nightly load from 9 h to 40 min.",
        "products": [],
        **changes,
    }
    return case_study_save(member=member, **fields)


def test_case_study_save_creates_draft_of_members_company():
    member = MemberFactory()
    product = ProductFactory()

    study = _save(member, products=[product])

    assert (study.company, study.state, study.slug, list(study.products.all()), study.author) == (
        member.company,
        CaseStudy.State.DRAFT,
        "faster-nightly-loads",
        [product],
        member,
    )


def test_case_study_save_same_title_gets_next_slug():
    member = MemberFactory()
    _save(member)

    assert _save(member).slug == "faster-nightly-loads-2"


def test_case_study_save_refused_for_person_without_company():
    with pytest.raises(PermissionDenied):
        _save(MemberFactory(company=None))


def test_case_study_save_of_other_company_refused():
    study = CaseStudyFactory()

    with pytest.raises(PermissionDenied):
        _save(MemberFactory(), case_study=study)


def test_case_study_save_in_review_refused():
    study = CaseStudyFactory(state=CaseStudy.State.IN_REVIEW)
    member = MemberFactory(company=study.company)

    with pytest.raises(ValidationError) as error:
        _save(member, case_study=study)

    assert error.value.messages == ["This case study is in review; only drafts change."]


def test_case_study_submit_then_publish():
    study = CaseStudyFactory()
    member = MemberFactory(company=study.company)
    now = timezone.now()

    case_study_submit(case_study=study, member=member)
    case_study_publish(case_study=study, actor=OrganizerFactory(), now=now)

    study.refresh_from_db()
    assert (study.state, study.published_at) == (CaseStudy.State.PUBLISHED, now)


def test_case_study_submit_by_other_company_refused():
    with pytest.raises(PermissionDenied):
        case_study_submit(case_study=CaseStudyFactory(), member=MemberFactory())


def test_case_study_publish_by_member_refused():
    study = CaseStudyFactory(state=CaseStudy.State.IN_REVIEW)

    with pytest.raises(PermissionDenied):
        case_study_publish(
            case_study=study, actor=MemberFactory(company=study.company).user, now=timezone.now()
        )


def test_case_study_publish_of_draft_refused():
    study = CaseStudyFactory(title="Half-written")

    with pytest.raises(ValidationError) as error:
        case_study_publish(case_study=study, actor=OrganizerFactory(), now=timezone.now())

    assert error.value.messages == [
        "“Half-written” is draft; only a case study in review can be published."
    ]


def test_case_study_return_to_draft_by_organizer():
    study = CaseStudyFactory(state=CaseStudy.State.IN_REVIEW)

    case_study_return_to_draft(case_study=study, actor=OrganizerFactory())

    assert study.state == CaseStudy.State.DRAFT


# API tokens and profiles


def test_api_token_create_stores_only_the_digest_of_the_key():
    user = UserFactory()

    token, key = api_token_create(user=user, name="CRM")

    assert (
        key.startswith("gh_"),
        len(key) > 40,
        token.digest == ApiToken.digest_of(key),
        key in (token.digest, token.prefix),
        token.prefix == key[:10],
    ) == (True, True, True, False, True)


def test_api_token_create_refuses_an_empty_name():
    with pytest.raises(ValidationError) as refusal:
        api_token_create(user=UserFactory(), name="   ")

    assert list(refusal.value.error_dict) == ["name"]


def test_api_token_create_refuses_beyond_the_limit():
    user = UserFactory()
    ApiTokenFactory.create_batch(API_TOKENS_PER_USER, user=user)

    with pytest.raises(ValidationError) as refusal:
        api_token_create(user=user, name="One more")

    assert refusal.value.code == "too_many_tokens"


def test_api_token_touch_writes_at_most_once_a_minute():
    token = ApiTokenFactory()
    now = timezone.now()

    api_token_touch(token=token, now=now)
    api_token_touch(token=token, now=now + datetime.timedelta(seconds=30))
    token.refresh_from_db()

    assert token.last_used_at == now


def test_member_profile_update_refuses_fields_outside_the_profile():
    member = MemberFactory()

    with pytest.raises(ValueError, match="company"):
        member_profile_update(user=member.user, company=None)


def test_member_profile_update_validates_urls():
    member = MemberFactory()

    with pytest.raises(ValidationError) as refusal:
        member_profile_update(user=member.user, linkedin="not a url")

    assert list(refusal.value.error_dict) == ["linkedin"]
