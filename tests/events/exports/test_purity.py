"""events/exports/ holds pure renderers (STYLE.md 8): data in, bytes out. Read from the
source, since import-linter cannot forbid parts of a library (django.conf, django.db):
no module there imports settings, the ORM, URL reversing or another part of events at run
time (imports for annotations only, under TYPE_CHECKING, are fine), nor touches a manager.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

EXPORTS = Path(settings.BASE_DIR) / "events" / "exports"
FORBIDDEN = ("django.conf", "django.db", "django.urls", "events")
ALLOWED = ("events.exports",)


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) in {
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        }:
            for child in ast.walk(node):
                if hasattr(child, "lineno"):
                    lines.add(child.lineno)
    return lines


def impurities(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    annotations_only = _type_checking_lines(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom) and node.lineno not in annotations_only:
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
            )
            for name in names:
                forbidden = any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
                allowed = any(name == a or name.startswith(a + ".") for a in ALLOWED)
                if forbidden and not allowed:
                    found.append(f"{node.lineno}: import {name}")
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize(
    "path", sorted(EXPORTS.rglob("*.py")), ids=lambda path: str(path.relative_to(EXPORTS))
)
def test_exports_module_is_pure(path):
    assert impurities(path) == []


def test_impurities_finds_settings_queries_and_selectors(tmp_path):
    source = tmp_path / "impure.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "from django.conf import settings\n"
        "from events.schedule.selectors import schedule_slots\n"
        "from events.exports.ical import calendar_ics\n"
        "if TYPE_CHECKING:\n"
        "    from events.models import Slot\n"
        "rows = Slot.objects.all()\n"
    )

    assert impurities(source) == [
        "2: import django.conf",
        "3: import events.schedule.selectors",
        "7: Slot.objects",
    ]
