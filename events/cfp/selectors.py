"""Reads for speakers: their own submissions with what they may do next; and for organizers,
the alternate to offer when a talk drops out."""

from django.db.models import Avg, Count, F, Prefetch

from events.models import Schedule, Submission, SubmissionInvitation, SubmissionTransition


def submissions_of_speaker(*, user):
    """Every submission the user speaks on, newest conference first, with what the
    "My submissions" page shows: conference, format, track, case study, speakers, the state
    history with who made each change, and the open co-speaker invitations. A fixed
    number of queries however many there are."""
    return (
        Submission.objects.filter(submission_speakers__member__user=user)
        .select_related("conference", "format", "track", "case_study")
        .with_speakers()
        .prefetch_related(
            Prefetch(
                "transitions",
                queryset=SubmissionTransition.objects.select_related("actor").order_by(
                    "created_at", "pk"
                ),
            ),
            Prefetch(
                "invitations",
                queryset=SubmissionInvitation.objects.filter(accepted_at__isnull=True),
                to_attr="open_invitations",
            ),
        )
        .order_by("-conference__starts_on", "-created_at", "-pk")
    )


def conferences_released(*, conference_ids) -> set[int]:
    """Which of the conferences have released an agenda (speakers withdraw only before)."""
    return set(
        Schedule.objects.released()
        .filter(conference_id__in=conference_ids)
        .values_list("conference_id", flat=True)
    )


def alternate_offer(*, submission: Submission) -> Submission | None:
    """The alternate to offer in place of a withdrawn talk: of the same conference and
    format, the best average review score first (as `average_score`, with `review_count`),
    unreviewed ones last, then the earliest submitted. None when there is none."""
    return (
        Submission.objects.filter(
            conference_id=submission.conference_id,
            format_id=submission.format_id,
            state=Submission.State.ALTERNATE,
        )
        .exclude(pk=submission.pk)
        .annotate(average_score=Avg("reviews__score"), review_count=Count("reviews"))
        .order_by(F("average_score").desc(nulls_last=True), "submitted_at", "pk")
        .first()
    )
