"""On PostgreSQL, refuse overlapping active slots of one schedule in one room in the database.

The scheduling service checks the same rule on every database; this constraint makes sure
two concurrent writers can never both win. SQLite cannot hold it; there the service's
check runs inside an IMMEDIATE transaction, which serialises writers.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """
    ALTER TABLE events_slot ADD CONSTRAINT slot_no_room_overlap
    EXCLUDE USING gist (
        schedule_id WITH =, room_id WITH =, tstzrange("start", "end", '[)') WITH &&
    ) WHERE (NOT cancelled AND room_id IS NOT NULL)
    """,
    """
    ALTER TABLE events_slot ADD CONSTRAINT slot_no_venue_block_overlap
    EXCLUDE USING gist (schedule_id WITH =, tstzrange("start", "end", '[)') WITH &&)
    WHERE (NOT cancelled AND room_id IS NULL)
    """,
]
BACKWARD = [
    "ALTER TABLE events_slot DROP CONSTRAINT IF EXISTS slot_no_venue_block_overlap",
    "ALTER TABLE events_slot DROP CONSTRAINT IF EXISTS slot_no_room_overlap",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
