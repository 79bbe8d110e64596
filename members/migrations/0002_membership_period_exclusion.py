"""On PostgreSQL, refuse overlapping membership periods of one company in the database.

Cancelled periods do not count. Membership.clean() states the same rule for every database.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """
    ALTER TABLE members_membership ADD CONSTRAINT membership_periods_do_not_overlap
    EXCLUDE USING gist (company_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
    WHERE (state <> 'cancelled')
    """,
]
BACKWARD = [
    "ALTER TABLE members_membership DROP CONSTRAINT IF EXISTS membership_periods_do_not_overlap",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
