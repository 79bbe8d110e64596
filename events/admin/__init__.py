"""The events app in the Django admin, one module per part of the domain. Importing the
package registers every ModelAdmin (admin.autodiscover imports `events.admin`)."""

from events.admin import attendance, conference, evaluations, mailing, schedule, submission

__all__ = ["attendance", "conference", "evaluations", "mailing", "schedule", "submission"]
