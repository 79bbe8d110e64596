"""The members' models: the database constraints, the overlap rule of membership periods,
good standing, and how each row names itself."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.models import CaseStudy, Member, MemberCompany, Membership
from tests.factories import (
    AnnouncementFactory,
    CaseStudyFactory,
    MemberCompanyFactory,
    MemberFactory,
    MembershipFactory,
    MembershipTierFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

JAN_1 = datetime.date(2030, 1, 1)
DEC_31 = datetime.date(2030, 12, 31)


def unsaved_membership(company: MemberCompany, starts_on, ends_on, **fields) -> Membership:
    return Membership(
        company=company,
        tier=fields.pop("tier", None) or MembershipTierFactory(),
        starts_on=starts_on,
        ends_on=ends_on,
        dues=fields.pop("dues", 100),
        state=fields.pop("state", Membership.State.ACTIVE),
        **fields,
    )


# Membership periods


@pytest.mark.parametrize("ends_on", [JAN_1, JAN_1 - datetime.timedelta(days=1)])
def test_membership_ending_on_or_before_start_refused_by_database(ends_on):
    company = MemberCompanyFactory(membership=None)

    with pytest.raises(IntegrityError), transaction.atomic():
        unsaved_membership(company, JAN_1, ends_on).save()


def test_membership_ending_before_start_refused_by_full_clean():
    membership = unsaved_membership(MemberCompanyFactory(membership=None), JAN_1, JAN_1)

    with pytest.raises(ValidationError) as error:
        membership.full_clean()

    assert error.value.message_dict["ends_on"] == ["The period must end after it starts."]


def test_membership_negative_dues_refused_by_database():
    membership = unsaved_membership(MemberCompanyFactory(membership=None), JAN_1, DEC_31, dues=-1)

    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [
        (datetime.date(2030, 6, 1), datetime.date(2031, 5, 31)),  # starts inside
        (datetime.date(2029, 6, 1), datetime.date(2030, 5, 31)),  # ends inside
        (datetime.date(2030, 3, 1), datetime.date(2030, 4, 1)),  # lies inside
        (datetime.date(2029, 1, 1), datetime.date(2031, 12, 31)),  # encloses
        (DEC_31, datetime.date(2031, 12, 31)),  # shares the last day
        (datetime.date(2029, 1, 1), JAN_1),  # shares the first day
    ],
)
def test_membership_overlapping_period_refused_by_full_clean(starts_on, ends_on):
    existing = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)
    membership = unsaved_membership(existing.company, starts_on, ends_on)

    with pytest.raises(ValidationError) as error:
        membership.full_clean()

    assert error.value.messages == [
        "This period overlaps the company's membership 2030-01-01 to 2030-12-31 (Active)."
    ]


def test_membership_following_period_accepted_by_full_clean():
    existing = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)
    renewal = unsaved_membership(
        existing.company, datetime.date(2031, 1, 1), datetime.date(2031, 12, 31)
    )

    renewal.full_clean()
    renewal.save()

    assert existing.company.memberships.count() == 2


def test_membership_overlap_with_cancelled_period_accepted_by_full_clean():
    cancelled = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31, state=Membership.State.CANCELLED)
    membership = unsaved_membership(cancelled.company, JAN_1, DEC_31)

    membership.full_clean()
    membership.save()

    assert cancelled.company.memberships.count() == 2


def test_membership_overlap_with_other_company_accepted_by_full_clean():
    MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)
    membership = unsaved_membership(MemberCompanyFactory(membership=None), JAN_1, DEC_31)

    membership.full_clean()
    membership.save()

    assert Membership.objects.filter(starts_on=JAN_1, ends_on=DEC_31).count() == 2


def test_membership_full_clean_does_not_compare_a_period_with_itself():
    membership = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)
    membership.paid_on = datetime.date(2030, 2, 1)

    membership.full_clean()
    membership.save()

    membership.refresh_from_db()
    assert membership.paid_on == datetime.date(2030, 2, 1)


def test_membership_overlapping_period_refused_by_database():
    existing = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            company=existing.company,
            tier=existing.tier,
            starts_on=datetime.date(2030, 6, 1),
            ends_on=datetime.date(2031, 5, 31),
            dues=100,
            state=Membership.State.PENDING,
        )


def test_membership_extended_into_next_period_refused_by_database():
    first = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)
    MembershipFactory(
        company=first.company,
        starts_on=datetime.date(2031, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=first.pk).update(ends_on=datetime.date(2031, 2, 1))


def test_membership_overlap_with_cancelled_period_accepted_by_database():
    existing = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31, state=Membership.State.CANCELLED)

    Membership.objects.create(
        company=existing.company,
        tier=existing.tier,
        starts_on=JAN_1,
        ends_on=DEC_31,
        dues=100,
        state=Membership.State.ACTIVE,
    )

    assert existing.company.memberships.count() == 2


@pytest.mark.parametrize(
    ("state", "on", "expected"),
    [
        (Membership.State.ACTIVE, JAN_1, True),
        (Membership.State.ACTIVE, DEC_31, True),
        (Membership.State.ACTIVE, datetime.date(2031, 1, 30), True),  # last day of grace
        (Membership.State.ACTIVE, datetime.date(2031, 1, 31), False),
        (Membership.State.ACTIVE, datetime.date(2029, 12, 31), False),
        (Membership.State.PENDING, JAN_1, False),
        (Membership.State.LAPSED, JAN_1, False),
        (Membership.State.CANCELLED, JAN_1, False),
    ],
)
def test_membership_is_current_on_day(state, on, expected):
    membership = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31, state=state)

    assert membership.is_current(on) is expected


# Good standing


def test_company_with_active_membership_today_in_good_standing():
    company = MemberCompanyFactory()

    assert list(MemberCompany.objects.in_good_standing()) == [company]


@pytest.mark.parametrize(
    "state", [Membership.State.PENDING, Membership.State.LAPSED, Membership.State.CANCELLED]
)
def test_company_with_inactive_membership_not_in_good_standing(state):
    MemberCompanyFactory(membership__state=state)

    assert list(MemberCompany.objects.in_good_standing()) == []


def test_company_without_membership_not_in_good_standing():
    MemberCompanyFactory(membership=None)

    assert list(MemberCompany.objects.in_good_standing()) == []


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (datetime.date(2029, 12, 31), False),
        (JAN_1, True),
        (DEC_31, True),
        (datetime.date(2031, 1, 30), True),  # the 30-day grace period
        (datetime.date(2031, 1, 31), False),
    ],
)
def test_company_in_good_standing_on_given_day(on, expected):
    membership = MembershipFactory(starts_on=JAN_1, ends_on=DEC_31)

    in_good_standing = MemberCompany.objects.in_good_standing(on).filter(pk=membership.company_id)

    assert in_good_standing.exists() is expected


def test_company_with_expired_active_and_current_pending_periods_not_in_good_standing():
    # Each condition must hold for one and the same period, not one condition per period.
    company = MemberCompanyFactory(membership=None)
    MembershipFactory(company=company, starts_on=JAN_1, ends_on=DEC_31)
    MembershipFactory(
        company=company,
        starts_on=datetime.date(2031, 1, 1),
        ends_on=datetime.date(2031, 12, 31),
        state=Membership.State.PENDING,
    )

    assert list(MemberCompany.objects.in_good_standing(datetime.date(2031, 6, 1))) == []


def test_company_with_several_periods_listed_once_in_good_standing():
    company = MemberCompanyFactory(membership=None)
    MembershipFactory(company=company, starts_on=JAN_1, ends_on=DEC_31)
    MembershipFactory(
        company=company,
        starts_on=datetime.date(2029, 1, 1),
        ends_on=datetime.date(2029, 12, 31),
        state=Membership.State.ACTIVE,
    )

    assert list(MemberCompany.objects.in_good_standing(datetime.date(2030, 6, 1))) == [company]


def test_company_in_directory_only_when_opted_in():
    listed = MemberCompanyFactory(directory_opt_in=True)
    MemberCompanyFactory(directory_opt_in=False)

    assert list(MemberCompany.objects.in_directory()) == [listed]


# People


def test_member_second_primary_contact_of_company_refused_by_database():
    company = MemberCompanyFactory()
    MemberFactory(company=company, is_primary_contact=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(company=company, is_primary_contact=True)


def test_member_second_primary_contact_of_company_refused_by_full_clean():
    company = MemberCompanyFactory()
    MemberFactory(company=company, is_primary_contact=True)
    second = Member(user=UserFactory(), company=company, is_primary_contact=True)

    with pytest.raises(ValidationError) as error:
        second.full_clean()

    assert error.value.messages == ["This company already has a primary contact."]


def test_member_primary_contacts_of_different_companies_accepted():
    MemberFactory(is_primary_contact=True)
    MemberFactory(is_primary_contact=True)

    assert Member.objects.filter(is_primary_contact=True).count() == 2


def test_member_many_people_who_are_not_primary_contacts_accepted():
    company = MemberCompanyFactory()
    MemberFactory.create_batch(3, company=company, is_primary_contact=False)

    assert company.people.count() == 3


def test_member_primary_contact_without_company_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(company=None, is_primary_contact=True)


def test_member_name_is_full_name():
    member = MemberFactory(user__first_name="Ada", user__last_name="Lovelace")

    assert member.name == "Ada Lovelace"


def test_member_name_without_full_name_is_user_name():
    member = MemberFactory(user__username="ada", user__first_name="", user__last_name="")

    assert member.name == "ada"


# Case studies


def test_case_study_published_without_date_refused_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseStudyFactory(state=CaseStudy.State.PUBLISHED, published_at=None)


def test_case_study_published_without_date_refused_by_full_clean():
    study = CaseStudyFactory.build(
        company=MemberCompanyFactory(), state=CaseStudy.State.PUBLISHED, published_at=None
    )

    with pytest.raises(ValidationError) as error:
        study.full_clean()

    assert error.value.messages == ["A published case study needs a publication date."]


@pytest.mark.parametrize("state", [CaseStudy.State.DRAFT, CaseStudy.State.IN_REVIEW])
def test_case_study_unpublished_without_date_accepted(state):
    study = CaseStudyFactory(state=state, published_at=None)

    assert CaseStudy.objects.get(pk=study.pk).state == state


def test_case_study_same_slug_in_one_company_refused_by_database():
    existing = CaseStudyFactory(slug="nightly-loads")

    with pytest.raises(IntegrityError), transaction.atomic():
        CaseStudyFactory(company=existing.company, slug="nightly-loads")


def test_case_study_same_slug_in_other_company_accepted():
    CaseStudyFactory(slug="nightly-loads")
    CaseStudyFactory(slug="nightly-loads")

    assert CaseStudy.objects.filter(slug="nightly-loads").count() == 2


def test_case_study_published_lists_only_published():
    published = CaseStudyFactory(published=True)
    CaseStudyFactory(state=CaseStudy.State.IN_REVIEW)

    assert list(CaseStudy.objects.published()) == [published]


# Names


def test_members_models_str():
    company = MemberCompanyFactory(name="Orbit Bank", membership=None)
    tier = MembershipTierFactory(name="Gold")
    membership = MembershipFactory(company=company, tier=tier, starts_on=JAN_1, ends_on=DEC_31)
    member = MemberFactory(company=company, user__first_name="Ada", user__last_name="Lovelace")
    product = ProductFactory(name="Polaris Stream")
    study = CaseStudyFactory(company=company, title="Real-time fraud checks")

    assert [str(tier), str(company), str(membership), str(member), str(product), str(study)] == [
        "Gold",
        "Orbit Bank",
        "Orbit Bank · Gold · 2030-01-01 to 2030-12-31",
        "Ada Lovelace",
        "Polaris Stream",
        "Real-time fraud checks (Orbit Bank)",
    ]


# Control characters (members.validators.validate_single_line_text)


def test_case_study_title_with_control_character_refused():
    study = CaseStudyFactory(title="Fraud checks")
    study.title = "Fraud\x08 checks"

    with pytest.raises(ValidationError) as refused:
        study.full_clean()

    assert list(refused.value.message_dict) == ["title"]


def test_announcement_title_with_control_character_refused():
    announcement = AnnouncementFactory(title="Dates announced")
    announcement.title = "Dates\x00 announced"

    with pytest.raises(ValidationError) as refused:
        announcement.full_clean()

    assert list(refused.value.message_dict) == ["title"]
