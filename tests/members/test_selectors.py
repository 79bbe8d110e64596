"""Reads about members: the current membership and who may submit talks."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from members.models import MailKind, MailOptOut, Membership
from members.selectors import mail_recipients, member_submission_refusal, membership_current
from tests.factories import (
    MemberCompanyFactory,
    MemberFactory,
    MembershipFactory,
    MembershipTierFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

JAN_1 = datetime.date(2030, 1, 1)
DEC_31 = datetime.date(2030, 12, 31)
MID_2030 = datetime.date(2030, 6, 1)


def test_membership_current_is_active_period_covering_day():
    company = MemberCompanyFactory(membership=None)
    MembershipFactory(
        company=company, starts_on=datetime.date(2029, 1, 1), ends_on=datetime.date(2029, 12, 31)
    )
    current = MembershipFactory(company=company, starts_on=JAN_1, ends_on=DEC_31)

    assert membership_current(company=company, on=MID_2030) == current


@pytest.mark.parametrize(
    "state", [Membership.State.PENDING, Membership.State.LAPSED, Membership.State.CANCELLED]
)
def test_membership_current_none_when_period_not_active(state):
    membership = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31, state=state)

    assert membership_current(company=membership.company, on=MID_2030) is None


@pytest.mark.parametrize("on", [datetime.date(2029, 12, 31), datetime.date(2031, 1, 31)])
def test_membership_current_none_outside_period_and_grace(on):
    membership = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    assert membership_current(company=membership.company, on=on) is None


def test_member_submission_refusal_none_for_member_of_eligible_company():
    member = MemberFactory(
        company__membership__starts_on=JAN_1, company__membership__ends_on=DEC_31
    )

    assert member_submission_refusal(member=member, on=MID_2030) is None


def test_member_submission_refusal_without_member_profile():
    refusal = member_submission_refusal(member=None, on=MID_2030)

    assert refusal == (
        "Only people at a member company can submit talks. "
        "Ask your company's primary contact to add you."
    )


def test_member_submission_refusal_for_guest_without_company():
    member = MemberFactory(company=None)

    refusal = member_submission_refusal(member=member, on=MID_2030)

    assert refusal == (
        "You are not linked to a member company. Ask your company's primary contact to add you."
    )


def test_member_submission_refusal_for_company_without_membership():
    member = MemberFactory(company__name="Orbit Bank", company__membership=None)

    refusal = member_submission_refusal(member=member, on=MID_2030)

    assert refusal == (
        "Orbit Bank's membership is not active. Your company's primary contact can renew it."
    )


@pytest.mark.parametrize(
    "state", [Membership.State.PENDING, Membership.State.LAPSED, Membership.State.CANCELLED]
)
def test_member_submission_refusal_for_company_with_inactive_membership(state):
    member = MemberFactory(
        company__name="Orbit Bank",
        company__membership__starts_on=JAN_1,
        company__membership__ends_on=DEC_31,
        company__membership__state=state,
    )

    refusal = member_submission_refusal(member=member, on=MID_2030)

    assert refusal == (
        "Orbit Bank's membership is not active. Your company's primary contact can renew it."
    )


def test_membership_current_in_grace_period_after_end():
    membership = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    assert membership_current(company=membership.company, on=datetime.date(2031, 1, 30)) == (
        membership
    )


def test_member_submission_refusal_for_company_whose_membership_ended():
    member = MemberFactory(
        company__name="Orbit Bank",
        company__membership__starts_on=JAN_1,
        company__membership__ends_on=DEC_31,
    )

    refusal = member_submission_refusal(member=member, on=datetime.date(2031, 1, 31))

    assert refusal == (
        "Orbit Bank's membership is not active. Your company's primary contact can renew it."
    )


def test_member_submission_refusal_for_tier_without_talks():
    member = MemberFactory(
        company__name="Orbit Bank",
        company__membership__tier=MembershipTierFactory(name="Associate", may_submit_talks=False),
        company__membership__starts_on=JAN_1,
        company__membership__ends_on=DEC_31,
    )

    refusal = member_submission_refusal(member=member, on=MID_2030)

    assert refusal == (
        "Orbit Bank's Associate membership does not include talks. "
        "Your company's primary contact can upgrade it."
    )


# E-mail preferences


@pytest.mark.parametrize("extra", [0, 3])
def test_mail_recipients_honours_opt_outs_in_one_query(extra, django_assert_num_queries):
    wants = UserFactory(email="ada@orbit.example")
    turned_off = UserFactory(email="grace@orbit.example")
    MailOptOut.objects.create(user=turned_off, kind=MailKind.CFP)
    UserFactory(email="")
    UserFactory(email="gone@orbit.example", is_active=False)
    for number in range(extra):
        UserFactory(email=f"more{number}@orbit.example")

    with django_assert_num_queries(1):
        cfp = set(mail_recipients(kind=MailKind.CFP).values_list("email", flat=True))

    assert wants.email in cfp
    assert (turned_off.email in cfp, len(cfp)) == (False, 1 + extra)


def test_mail_recipients_transactional_ignores_opt_outs():
    user = UserFactory()
    MailOptOut.objects.create(user=user, kind=MailKind.CFP)

    assert list(mail_recipients(kind=MailKind.TRANSACTIONAL)) == [user]


def test_mail_recipients_narrows_a_given_audience():
    ada, grace = UserFactory(), UserFactory()
    MailOptOut.objects.create(user=grace, kind=MailKind.SCHEDULE)
    audience = get_user_model().objects.filter(pk__in=[ada.pk, grace.pk])

    assert list(mail_recipients(kind=MailKind.SCHEDULE, users=audience)) == [ada]
