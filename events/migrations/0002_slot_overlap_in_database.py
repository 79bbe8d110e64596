"""Refuse overlapping active slots of one schedule in one room in the database itself.

The scheduling service checks the rule on every database; this makes sure two concurrent
writers, or a write that bypasses the service, can never break it. PostgreSQL holds it as
exclusion constraints (btree_gist), SQLite as triggers. Pairs of room slots and pairs of
whole-venue blocks are covered; a whole-venue block against a room slot is the service's
check alone, because an exclusion constraint compares like with like.
"""

from django.db import migrations

POSTGRESQL_FORWARD = [
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
POSTGRESQL_BACKWARD = [
    "ALTER TABLE events_slot DROP CONSTRAINT IF EXISTS slot_no_venue_block_overlap",
    "ALTER TABLE events_slot DROP CONSTRAINT IF EXISTS slot_no_room_overlap",
]

# SQLite stores these datetimes as UTC text of one format, so text order is time order.
SQLITE_CLASH = """
    NOT NEW.cancelled AND EXISTS (
        SELECT 1 FROM events_slot AS other
        WHERE other.schedule_id = NEW.schedule_id
          AND other.id IS NOT NEW.id
          AND NOT other.cancelled
          AND (other.room_id = NEW.room_id OR (other.room_id IS NULL AND NEW.room_id IS NULL))
          AND other."start" < NEW."end" AND NEW."start" < other."end"
    )
"""
SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER slot_no_room_overlap_{event} BEFORE {event.upper()} ON events_slot
    WHEN {SQLITE_CLASH}
    BEGIN SELECT RAISE(ABORT, 'slot_no_room_overlap: slots of one schedule overlap in a room');
    END
    """
    for event in ("insert", "update")
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS slot_no_room_overlap_{event}" for event in ("insert", "update")
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
