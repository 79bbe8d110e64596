"""A company with a number of complimentary conference passes, for the registration
tests."""

from tests.factories import MemberCompanyFactory, MembershipTierFactory


def company_with_passes(passes: int):
    return MemberCompanyFactory(membership__tier=MembershipTierFactory(conference_passes=passes))
