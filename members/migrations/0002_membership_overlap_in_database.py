"""Refuse overlapping membership periods of one company in the database itself.

Cancelled periods do not count. Membership.clean() states the same rule for every
database; PostgreSQL holds it as an exclusion constraint (btree_gist), SQLite as triggers.
"""

from django.db import migrations

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """
    ALTER TABLE members_membership ADD CONSTRAINT membership_periods_do_not_overlap
    EXCLUDE USING gist (company_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
    WHERE (state <> 'cancelled')
    """,
]
POSTGRESQL_BACKWARD = [
    "ALTER TABLE members_membership DROP CONSTRAINT IF EXISTS membership_periods_do_not_overlap",
]

# Dates are ISO text in SQLite, so text order is date order.
SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER membership_periods_do_not_overlap_{event}
    BEFORE {event.upper()} ON members_membership
    WHEN NEW.state <> 'cancelled' AND EXISTS (
        SELECT 1 FROM members_membership AS other
        WHERE other.company_id = NEW.company_id
          AND other.id IS NOT NEW.id
          AND other.state <> 'cancelled'
          AND other.starts_on <= NEW.ends_on AND NEW.starts_on <= other.ends_on
    )
    BEGIN SELECT RAISE(ABORT, 'membership_periods_do_not_overlap: periods of one company overlap');
    END
    """
    for event in ("insert", "update")
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS membership_periods_do_not_overlap_{event}"
    for event in ("insert", "update")
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
