"""Browser tests: Playwright driving Debian's Chromium, headless.

Playwright never downloads a browser here; it launches /usr/bin/chromium (or the path in
GUILDHALL_CHROMIUM). Without it these tests skip with the reason, which fails the run
under GUILDHALL_STRICT_TESTS=1.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from that
# thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("GUILDHALL_CHROMIUM", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
# axe-core from the npm registry (`make axe`), loaded into pages by the accessibility checks.
AXE = Path(os.environ.get("GUILDHALL_AXE", ROOT / "node_modules" / "axe-core" / "axe.min.js"))
SERIOUS = ("serious", "critical")


def pytest_runtest_setup(item) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture
def screenshot(page, request):
    """Save a full-page screenshot under test-artifacts/ for a person to look at."""

    def take(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def axe():
    """Run axe-core on a page; returns its serious and critical violations, each as
    "rule: selector, ..." for a readable failure."""
    if not AXE.exists():
        pytest.skip(f"axe-core not found at {AXE}: run `make axe` (needs npm)")

    def check(page) -> list[str]:
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document)")
        return [
            f"{violation['id']} ({violation['impact']}): "
            + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
            for violation in result["violations"]
            if violation["impact"] in SERIOUS
        ]

    return check
