"""Reads about members: who is in good standing and what their membership allows."""

import datetime

from members.models import Member, MemberCompany, Membership


def membership_current(*, company: MemberCompany, on: datetime.date) -> Membership | None:
    """The company's active membership period that covers the day, if any."""
    return (
        Membership.objects.select_related("tier")
        .filter(
            company=company,
            state=Membership.State.ACTIVE,
            starts_on__lte=on,
            ends_on__gte=on,
        )
        .first()
    )


def member_submission_refusal(*, member: Member | None, on: datetime.date) -> str | None:
    """Why this person may not submit talks on that day, or None when they may."""
    if member is None:
        return (
            "Only people at a member company can submit talks. "
            "Ask your company's primary contact to add you."
        )
    if member.company_id is None:
        return (
            "You are not linked to a member company. Ask your company's primary contact to add you."
        )
    membership = membership_current(company=member.company, on=on)
    if membership is None:
        return (
            f"{member.company.name}'s membership is not active. "
            "Your company's primary contact can renew it."
        )
    if not membership.tier.may_submit_talks:
        return (
            f"{member.company.name}'s {membership.tier.name} membership does not include talks. "
            "Your company's primary contact can upgrade it."
        )
    return None
