"""``assert_accessible(page)``: axe-core over the page as it stands, at WCAG 2.1 A and AA,
in Chinese and then in English; any violation fails the test, listed by rule and element.

axe-core is vendored (``vendor/axe.min.js``, version and licence in ``vendor/README.md``)
and evaluated through the DevTools protocol, so the page's content security policy stays
as the product serves it. The English pass opens the same address with the language
cookie set, in a second context with the same cookies (the journey itself is untouched):
a page state reached by a POST (a form with its errors) is checked as it stands in
Chinese, and its address in English.
"""

from pathlib import Path

from django.conf import settings
from playwright.sync_api import Error as PlaywrightError

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + " :: " + n.failureSummary),
  }));
}"""


def violations(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN, WCAG_21_AA)


def describe(where: str, found: list[dict]) -> str:
    lines = [f"{where}: {len(found)} axe violation(s)"]
    for violation in found:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node}" for node in violation["nodes"][:8])
    return "\n".join(lines)


def in_english(page):
    """The page's address opened in English in a second browser context holding the same
    cookies and storage (signed in as the same user) plus the language cookie, so the
    journey's own context, and any request it has in flight, stay in Chinese. An address
    that only answers a POST (a form shown with its errors) has no English page to check."""
    state = page.context.storage_state()
    origin = "/".join(page.url.split("/", 3)[:3])
    state["cookies"].append(
        {
            "name": settings.LANGUAGE_COOKIE_NAME,
            "value": "en",
            "domain": origin.split("//", 1)[1].split(":", 1)[0],
            "path": "/",
            "expires": -1,
            "httpOnly": False,
            "secure": False,
            "sameSite": "Lax",
        }
    )
    context = page.context.browser.new_context(
        storage_state=state,
        viewport=page.viewport_size,
        locale="en-US",
        timezone_id="Asia/Shanghai",
    )
    try:
        english = context.new_page()
        try:
            answer = english.goto(page.url)
        except PlaywrightError:  # an empty error answer (405 to a GET) is a network error
            return page.url, []
        if answer is None:
            return page.url, []
        # A page the user reached is a page in English too: an error answer is a finding.
        assert answer.status == 200, f"{page.url} in English answered {answer.status}"
        english.wait_for_load_state()
        lang = english.locator("html").get_attribute("lang")
        assert lang == "en", f"{page.url}: the English pass got a page in {lang!r}"
        return english.url, violations(english)
    finally:
        context.close()


def assert_accessible(page, *, english: bool = True) -> None:
    """No WCAG 2.1 A/AA violation on ``page`` as it stands, nor on its address in English."""
    page.wait_for_load_state()
    problems = []
    found = violations(page)
    if found:
        problems.append(describe(f"zh-hans {page.url}", found))
    if english and page.url.startswith("http"):
        url, found = in_english(page)
        if found:
            problems.append(describe(f"en {url}", found))
    assert not problems, "\n".join(problems)
