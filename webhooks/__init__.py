"""Outgoing webhooks: organizers register URLs that are told, as signed JSON, when a schedule
is released, a session changes, a submission changes state, an announcement is posted or a
membership changes (docs/webhooks.md)."""
