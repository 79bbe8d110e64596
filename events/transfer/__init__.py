"""Moving a whole conference between databases as JSON: `conference_export` reads it into a
document (`export.py`), `conference_import` writes such a document into another database
(`load.py`) after `validation.py` has checked the whole document; `document.py` holds the
format they all follow.

The document holds the conference with its rooms, tracks and formats; its submissions with
speakers, state history and reviews; every schedule (working copy and releases) with its
slots; registrations with starred sessions; and what those refer to outside the conference:
the people (users and member profiles), their companies, case studies and products. It
names rows by natural keys (usernames, slugs, room names, schedule versions, slot uids) and
submissions by their position in the file, never by database ids, so an import into an
empty database exports to the same document.

Left out on purpose: passwords (imported people get none and choose one by password reset),
companies' membership periods (they belong to the group, not the conference), and the
audit log. The file holds personal data and calendar tokens: keep it as safe as a backup.
"""

from events.transfer.export import conference_export
from events.transfer.load import conference_import

__all__ = ["conference_export", "conference_import"]
