"""The rules of STYLE.md that import-linter cannot see: views, the admin and management
commands write models only through the services (STYLE.md 1 and 3), so every rule about a
write lives in one place.

The check reads the source: a call to `.save()` or `.delete()` on anything, or a write
method (`create`, `update`, `bulk_create`, ...) on a chain through `.objects`, is a direct
write. A call that only looks like one is listed in ALLOWED with the reason it is not.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# The callers of the services.
CALLERS = [
    "members/views.py",
    "members/admin.py",
    "members/management/commands/*.py",
    "audit/admin.py",
    "webhooks/admin.py",
    "events/*/views.py",
    "events/*/views/*.py",
    "events/admin/*.py",
    "events/schedule/builder.py",
    "events/management/commands/build_program.py",
    "events/management/commands/*_conference.py",
]

ALWAYS_WRITES = {"save", "delete"}
MANAGER_WRITES = {
    "create",
    "bulk_create",
    "bulk_update",
    "update",
    "delete",
    "get_or_create",
    "update_or_create",
}

# (file, called expression): why it is not a direct write.
ALLOWED = {
    ("members/views.py", "form.save"): (
        "ApiTokenForm.save calls members.services.api_tokens.api_token_create"
    ),
    ("events/schedule/views/program.py", "cache.delete"): "drops a cache key, not a model row",
    ("events/schedule/views/share.py", "cache.delete"): "drops a cache key, not a model row",
    ("events/schedule/views/share.py", "default_storage.save"): "stores a file, not a model row",
    ("events/schedule/views/share.py", "default_storage.delete"): "drops a file, not a model row",
}


def _through_objects(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def direct_writes(path: Path) -> list[str]:
    """The calls in the file that write a model directly, as 'line: expression'."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method = node.func.attr
        if method in ALWAYS_WRITES or (
            method in MANAGER_WRITES and _through_objects(node.func.value)
        ):
            found.append(f"{node.lineno}: {ast.unparse(node.func)}")
    return found


def caller_files() -> list[Path]:
    return sorted(path for pattern in CALLERS for path in ROOT.glob(pattern))


@pytest.mark.parametrize("path", caller_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_callers_write_only_through_services(path):
    relative = str(path.relative_to(ROOT))
    writes = [
        write for write in direct_writes(path) if (relative, write.split(": ", 1)[1]) not in ALLOWED
    ]

    assert writes == []


def test_direct_writes_finds_saves_deletes_and_manager_writes(tmp_path):
    source = tmp_path / "views.py"
    source.write_text(
        "def view(request, slot, form):\n"
        "    slot.save(update_fields=['start'])\n"
        "    Slot.objects.filter(pk=1).update(start=None)\n"
        "    Slot.objects.create(start=None)\n"
        "    context.update(start=None)\n"
        "    cache.get('key')\n"
    )

    assert direct_writes(source) == [
        "2: slot.save",
        "3: Slot.objects.filter(pk=1).update",
        "4: Slot.objects.create",
    ]
