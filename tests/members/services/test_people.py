"""Accounts and sign-up, colleagues and their invitations, removal, the primary
contact's hand-over and profiles (members.services.people)."""

import datetime
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from members import tokens
from members.models import Invitation, Member, Membership
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
from tests.factories import CompanyDomainFactory, InvitationFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


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


def test_signup_start_sends_link_and_creates_no_account(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signup_start(email="ada@orbit.example", first_name="Ada", last_name="Lovelace")

    assert (len(mail.outbox), get_user_model().objects.count()) == (1, 0)
    assert "/signup/verify/" in mail.outbox[0].body


def test_signup_start_for_known_address_sends_reset_note(django_capture_on_commit_callbacks):
    UserFactory(email="ada@orbit.example")

    with django_capture_on_commit_callbacks(execute=True):
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


def test_invitation_create_sends_signed_link(primary, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
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


def test_invitation_create_refused_for_address_at_another_company(
    primary, django_capture_on_commit_callbacks
):
    MemberFactory(user__email="grace@nimbus.example")

    with django_capture_on_commit_callbacks(execute=True):
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


# Profile


def test_member_profile_update_creates_member_row_for_person_without_one():
    user = UserFactory()

    member = member_profile_update(user=user, job_title="Analyst", public_profile=True)

    assert (member.user, member.company, member.job_title, member.public_profile) == (
        user,
        None,
        "Analyst",
        True,
    )


def test_member_profile_update_refuses_fields_outside_the_profile():
    member = MemberFactory()

    with pytest.raises(ValueError, match="company"):
        member_profile_update(user=member.user, company=None)


def test_member_profile_update_validates_urls():
    member = MemberFactory()

    with pytest.raises(ValidationError) as refusal:
        member_profile_update(user=member.user, linkedin="not a url")

    assert list(refusal.value.error_dict) == ["linkedin"]


def test_signup_start_in_a_rolled_back_transaction_sends_nothing(
    django_capture_on_commit_callbacks,
):
    def signup_that_fails() -> None:
        with transaction.atomic():
            signup_start(email="ada@orbit.example", first_name="Ada", last_name="Lovelace")
            raise RuntimeError("something after it failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        signup_that_fails()

    assert mail.outbox == []
