"""Project-wide checks: the models and the committed migrations agree, and Django's system
checks pass with the settings under test."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_makemigrations_finds_no_missing_migration():
    output = StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=output, stderr=output)

    assert output.getvalue().strip() == "No changes detected"


def test_check_reports_no_problem():
    output = StringIO()

    call_command("check", stdout=output, stderr=output)

    assert output.getvalue().strip() == "System check identified no issues (0 silenced)."
