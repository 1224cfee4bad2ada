"""Browser journeys: Playwright drives Debian's chromium (headless, never a downloaded
browser) against a live server holding the demo county.

Each module gets the demo county once (``site``: seeded, committed, served by a live
server thread, wiped after the module). ``browse(username)`` opens a signed-in page at
1366×768; ``snap(page, name)`` checks the page with axe-core (WCAG 2.1 AA, in Chinese
and in English: ``accessibility.assert_accessible``) and saves a screenshot under
``test-artifacts/``. Every state a journey photographs is so checked, at the journey's
own viewport (the phone's 375 px for the field pages).

The README's screenshots (``docs/screenshots/``, tracked) are taken by the journeys too,
``readme_shot(page, name)``, but written there only when asked
(``UPDATE_README_SCREENSHOTS=1 ./scripts/test.sh tests/browser``); otherwise they land in
``test-artifacts/readme/`` with the rest, so running the suite leaves ``git status`` clean.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.accessibility import assert_accessible

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between steps are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
README_SCREENSHOTS = ROOT / "docs" / "screenshots"
OFFICE_SCREEN = {"width": 1366, "height": 768}
PHONE_SCREEN = {"width": 375, "height": 812}


def pytest_collection_modifyitems(items):
    """Every browser test may read the database between steps."""
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.django_db)


def password_of(username: str) -> str:
    return f"demo-{username}-2026"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"chromium not found at {CHROMIUM}: .ci/run installs it")
        pytest.skip("needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browse(browser, site):
    """``browse(username, screen=OFFICE_SCREEN)``: a new signed-in page."""
    contexts = []

    def open_page(username: str | None, screen: dict = OFFICE_SCREEN):
        context = browser.new_context(
            base_url=site, viewport=screen, locale="zh-CN", timezone_id="Asia/Shanghai"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        if username:
            page.goto("/accounts/login/")
            page.get_by_label("用户名").fill(username)
            page.get_by_label("密码").fill(password_of(username))
            page.get_by_role("button", name="登录").click()
            page.wait_for_load_state()
            assert "/accounts/login/" not in page.url, f"{username} could not sign in"
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def snap():
    """``snap(page, name)``: no axe violation on the page (in either language), then a
    full-page screenshot as a test artifact."""

    def take(page, name: str) -> Path:
        assert_accessible(page)
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def readme_screenshots() -> Path:
    """Where ``readme_shot`` writes: the README's folder only when asked (see above)."""
    if os.environ.get("UPDATE_README_SCREENSHOTS", "").lower() in {"1", "true", "yes"}:
        return README_SCREENSHOTS
    return ARTIFACTS / "readme"


@pytest.fixture
def readme_shot():
    """``readme_shot(page, name)``: the viewport as the README shows it (``name``.png)."""

    def take(page, name: str) -> Path:
        folder = readme_screenshots()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return take
