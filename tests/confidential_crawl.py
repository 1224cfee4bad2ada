"""The crawler behind tests/test_confidential_crawl.py: which URLs there are, how an answer
is read as text, and what in that text breaks the policy of tests/confidential_world.py.

Screens and API routes are enumerated from the root URLconf and the v1 router, never
listed by hand: a new route is crawled, or the test fails until it is mapped to planted
records or skipped here with a reason.
"""

import io
import json
import re
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook

from tests.confidential_world import ABSENT, SECRETS

# "Nobody else reads anything of them": the masked form (柏**) shown to a persona who may
# read nothing of the person (an officer, a liaison, another team) is a leak too — it
# gives the surname, and tells that a named person is behind the record.
MASKED_FORM_IS_A_LEAK = True

# Screens not fetched, and why.
SKIPPED_SCREENS = {
    "accounts/logout/": "signs the persona out",
    "i18n/setlang/": "switches the language (a POST), shows no record",
    "healthz": "the liveness probe, no record",
    "villages/import/confirm/": "POST only (the office's village import)",
    "villages/import/cancel/": "POST only (the office's village import)",
    "villages/import/template/": "a blank template file, no record",
    "villages/roster/import/template/": "a blank template file, no record",
    "items/import/confirm/": "POST only (the office's ledger import)",
    "items/import/cancel/": "POST only (the office's ledger import)",
    "items/import/template/": "a blank template file, no record",
    "standalone/imports/confirm/": "POST only (the office's import of a team's bundle)",
    "standalone/imports/cancel/": "POST only (the office's import of a team's bundle)",
    "assignments/<int:pk>/portrait/<slug:kind>/": (
        "the 自画像/预画像 form: the village's or town's own text, shown on the profile (crawled)"
    ),
    "reports/<int:pk>/download/": "a workbook: read cell by cell in test_workbooks",
    "evidence/<slug:kind>/<int:pk>/": "evidence bytes are the uploader's file; none planted",
    "documents/<int:pk>/upload/": "POST only (an edited version of a document)",
    "rounds/notices/<int:pk>/": "a 进驻公告 is posted in the village, names no one; none planted",
    "rounds/notices/<int:pk>/edit/": "the office's 进驻公告 form: names no one; none planted",
    "inspection-reports/<int:pk>/decide/": "POST only (records a decision on a report)",
    "assignments/<int:pk>/report/": "POST only (drafts a report)",
    "documents/generate/<slug:kind>/<int:pk>/": "POST only (generates a document)",
    "documents/templates/<slug:kind>/": "a kind's template file: sample data, no record",
    "documents/templates/<slug:kind>/upload/": "POST only (the office's templates)",
    "documents/templates/<slug:kind>/reset/": "POST only (the office's templates)",
    "plans/feedback/<int:pk>/upload/": "POST only (uploads a plan or report)",
    "plans/submissions/<int:pk>/town-review/": "POST only (the town's first review)",
    "plans/submissions/<int:pk>/office-review/": "POST only (the office's review)",
    "rounds/requests/<int:pk>/edit/": "POST only (the office corrects a draft 函调)",
    "rounds/requests/<int:pk>/send/": "POST only (the office sends a 函调)",
    "rounds/requests/<int:pk>/reply/": "POST only (the office files a 函调's reply)",
    "rounds/assignments/<int:pk>/checklist/draft/": "POST only (the team drafts the checklist)",
    "rounds/assignments/<int:pk>/outline/draft/": "POST only (the team drafts the outline)",
    "team/assignments/<int:pk>/must/<int:item>/": "POST only (the team records an item met)",
    # The archive's ZIP (立卷归档): POST only, the office's; a clue paper in it only for a
    # reader of clue papers (tests/rectification/test_archive.py). Its page is crawled.
    "rounds/<int:pk>/archive/download/": "POST only (the office's archive ZIP)",
    "rounds/<int:pk>/archive/<int:assignment>/download/": "POST only (a volume's ZIP)",
    "accountability/<int:pk>/decide/": (
        "POST only (a body's 问责 decision; a GET goes to the organisation's page, crawled)"
    ),
    # 统计报送: the office's own tables of aggregates and record ids, no names; none planted
    # (office only, every other role 403: tests/reports/test_upward_views.py).
    "reports/upward/<int:pk>/": "the office's upward table: aggregates and ids, no names",
    "reports/upward/<int:pk>/download/": "the office's filled upward table: aggregates only",
    "reports/upward/templates/<int:pk>/file/": "the city's template as uploaded: no record",
}
SKIPPED_PREFIXES = {
    "admin/": "the office's console (admin_site.has_permission): test_admin_is_the_offices",
    "api/": "crawled from the router in test_api",
    "gs/": "码上巡, the public pages (no account): a form and a thank-you that show no record "
    "(tests/rounds/public)",
}
# Screens showing more with a query: each is fetched with each of these too.
SCREEN_QUERIES = {"desk/": ("?tab=new", "?tab=disposing", "?tab=soon", "?tab=late")}

CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")
# Values that change from one answer to the next without meaning anything.
NOISE = re.compile(
    r'(csrfmiddlewaretoken" value="|csrf-token" content="|nonce="|"csrfToken": ")[^"]*'
    r"|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?"
    r"|\d{4}年\d{1,2}月\d{1,2}日 ?\d{1,2}:\d{2}(:\d{2})?"
    r"|\b\d{1,2}:\d{2}(:\d{2})?\b"
)


def screen_routes() -> list[str]:
    """Every route of the root URLconf, as written (``rounds/<int:pk>/edit/``)."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    return list(dict.fromkeys(walk(get_resolver().url_patterns, "")))


def fill(route: str, ids: dict) -> list[str] | None:
    """The URLs of ``route`` for the planted records: its ``<int:pk>`` is filled with the
    ids of the model named by the path segment before it (``items/<int:pk>/plan/`` →
    every planted item); None if that model has no planted ids."""
    names = CONVERTER.findall(route)
    if not names:
        return ["/" + route]
    if names != ["pk"]:
        return None
    segment = route.split("<")[0].rstrip("/").rsplit("/", 1)[-1]
    if segment not in ids:
        return None
    return ["/" + CONVERTER.sub(str(pk), route) for pk in ids[segment]]


def api_resources() -> list[tuple[str, type]]:
    """(prefix, viewset) of every resource on the v1 router and the reports router."""
    from inspection.api.v1 import router
    from reports.api.urls import router as reports_router

    return [
        (prefix, viewset) for prefix, viewset, _ in [*router.registry, *reports_router.registry]
    ]


def get_actions(viewset) -> list[tuple[bool, str]]:
    """(detail, url_path) of the viewset's extra actions answering GET."""
    return [
        (action.detail, action.url_path)
        for action in viewset.get_extra_actions()
        if "get" in action.mapping
    ]


# --------------------------------------------------------------------------- reading


def xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content), read_only=True)
    cells = []
    for sheet in book.worksheets:
        cells.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            cells.extend(str(value) for value in row if value is not None)
    return "\n".join(cells)


def docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(lines)


def text_of(response) -> str:
    """What the reader gets, as text: HTML as sent, JSON with its Chinese unescaped, a
    workbook cell by cell."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        return xlsx_text(content)
    if "wordprocessingml" in kind:
        return docx_text(content)
    if "json" in kind:
        try:
            return json.dumps(json.loads(content), ensure_ascii=False)
        except ValueError:
            pass
    return content.decode("utf-8", errors="replace")


def comparable(text: str, searched: str) -> str:
    """An answer with the searched term put back to ABSENT and the noise cut out, to compare
    with the answer to ABSENT itself (percent-encoded forms of the term included)."""
    from urllib.parse import quote, quote_plus

    for form in (searched, quote(searched), quote_plus(searched)):
        text = text.replace(form, ABSENT)
    return NOISE.sub("", text)


# --------------------------------------------------------------------------- judging


@dataclass
class Crawl:
    """What was fetched, what each persona read of each secret, and what broke the policy."""

    violations: list = field(default_factory=list)
    fetched: dict = field(default_factory=dict)  # persona -> number of answers read
    read: dict = field(default_factory=dict)  # (persona, key) -> {"full", "masked"}
    statuses: dict = field(default_factory=dict)  # (persona, url) -> status
    answered: dict = field(default_factory=dict)  # persona -> number of 2xx answers judged

    def judge(self, persona: str, url: str, response, *, text: str | None = None) -> str:
        """Read one answer; record every secret it shows that ``persona`` may not read."""
        text = text_of(response) if text is None else text
        self.fetched[persona] = self.fetched.get(persona, 0) + 1
        self.statuses[persona, url] = response.status_code
        if 200 <= response.status_code < 300:
            self.answered[persona] = self.answered.get(persona, 0) + 1
        if response.status_code >= 500:
            self.violate(persona, url, "-", "answered 500", "")
        for secret in SECRETS:
            level = secret.level(persona)
            if secret.text in text:
                self.read.setdefault((persona, secret.key), set()).add("full")
                if level != "full":
                    self.violate(
                        persona, url, secret.key, f"reads in full ({level})", text, secret.text
                    )
            masked = secret.masked_text
            if masked and masked in text:
                self.read.setdefault((persona, secret.key), set()).add("masked")
                if level == "none" and MASKED_FORM_IS_A_LEAK:
                    self.violate(persona, url, secret.key, "reads masked (none)", text, masked)
        return text

    def violate(self, persona, url, key, what, text, needle=None) -> None:
        snippet = ""
        if needle:
            at = text.find(needle)
            snippet = re.sub(r"\s+", " ", text[max(0, at - 60) : at + len(needle) + 40])
        self.violations.append((persona, url, key, what, snippet))

    def report(self) -> str:
        lines = [f"{len(self.violations)} violations:"]
        lines += [
            f"  {persona:<12} {url}  [{key}] {what}: …{snippet}…"
            for persona, url, key, what, snippet in self.violations
        ]
        return "\n".join(lines)
