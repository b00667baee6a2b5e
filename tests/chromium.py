"""Headless Debian Chromium driven by Playwright: the fixtures of every browser test.

The tests skip only when Chromium cannot be started (they say why); Playwright itself is a test
dependency. ``DVA_CHROMIUM=/path/to/chromium`` points them at another binary.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "review"


def _chromium() -> str:
    return (
        os.environ.get("DVA_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
        or "/usr/bin/chromium"
    )


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by Playwright (no downloaded browsers)."""
    from playwright.sync_api import Error, sync_playwright

    path = _chromium()
    if not Path(path).exists():
        pytest.skip(f"Chromium not found at {path}: apt-get install chromium (.ci/run does)")
    driver = sync_playwright().start()
    try:
        chromium = driver.chromium.launch(executable_path=path, args=["--no-sandbox"])
    except Error as exc:
        driver.stop()
        pytest.skip(f"Chromium at {path} cannot be started: {str(exc).splitlines()[0]}")
    yield chromium
    chromium.close()
    driver.stop()


@pytest.fixture
def page(browser):
    """A fresh page that records script errors and dialogs (none are expected)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(m.text))
    tab.on("pageerror", lambda e: tab.problems.append(str(e)))
    tab.confirm = False  # a test that expects a confirm() sets this

    def dialog(d):
        if tab.confirm and d.type == "confirm":
            d.accept()
        else:
            tab.problems.append(f"dialog: {d.message}")
            d.dismiss()

    tab.on("dialog", dialog)
    yield tab
    context.close()
