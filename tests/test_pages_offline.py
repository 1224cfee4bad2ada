"""The web pages load nothing from outside (issue 22, part 3): on an internal network with no
route out, a page that fetched a script, a stylesheet, a font or an image from the internet
would hang or break, and on a connected one it would tell a third party who reads what.

Two readings: the product's own templates and static files name no foreign address where
a browser would load from it; and the pages as served (ours, the admin's, the API's
documentation, drawn from installed packages) point their scripts, styles, images, frames
and forms only at this site. The Content-Security-Policy that would block such a load in
the browser is tested in tests/inspection/test_security_headers.py.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
# A foreign address: a scheme with a host, or a scheme-relative //host.
FOREIGN = r"""(?:[a-z][a-z0-9+.-]*:)?//[^\s"'<>)]+"""
# Where a browser loads from an address written in a template, a stylesheet or a script.
LOADS = (
    rf"""\b(?:src|href|action|poster|srcset|data)\s*=\s*["']?\s*({FOREIGN})""",
    rf"""url\(\s*["']?\s*({FOREIGN})""",
    rf"""@import\s+(?:url\()?\s*["']?\s*({FOREIGN})""",
    rf"""\b(?:fetch|importScripts|EventSource|WebSocket|open)\(\s*["'`]({FOREIGN})""",
)
# Attributes that make the browser load what they name (an <a href> only navigates).
LOADING = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
    "input": ("src",),
    "image": ("href",),
    "use": ("href",),
}


def foreign_loads(text: str) -> list[str]:
    return [match for pattern in LOADS for match in re.findall(pattern, text, re.IGNORECASE)]


class Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.addresses: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in LOADING.get(tag, ()) and value:
                self.addresses += [part.split()[0] for part in value.split(",") if part.strip()]
            if name == "style" and value:
                self.addresses += re.findall(r"url\(\s*[\"']?([^\"')]+)", value)


def test_the_templates_and_static_files_name_no_foreign_address_to_load():
    sources = [
        *ROOT.joinpath("templates").rglob("*.html"),
        *ROOT.glob("*/templates/**/*.html"),
        *(p for p in ROOT.joinpath("static").rglob("*") if p.suffix in {".css", ".js", ".svg"}),
    ]
    assert len(sources) > 50
    found = {
        str(path.relative_to(ROOT)): loads
        for path in sources
        if (loads := foreign_loads(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_stylesheets_of_installed_packages_fetch_nothing_from_outside():
    """The admin's, DRF's and the API documentation's stylesheets, as collectstatic ships them."""
    sheets = {}
    for finder in finders.get_finders():
        for path, storage in finder.list(ignore_patterns=[]):
            if path.endswith(".css"):
                sheets[path] = storage.path(path)
    assert any(path.startswith("admin/") for path in sheets)
    assert any(path.startswith("drf_spectacular_sidecar/") for path in sheets)
    found = {}
    for path, location in sheets.items():
        text = Path(location).read_text(encoding="utf-8", errors="replace")
        # Comments may cite a URL (a licence, a source); only rules load.
        loads = foreign_loads(re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL))
        if loads:
            found[path] = loads
    assert found == {}


@pytest.mark.parametrize(
    "path",
    ["/accounts/login/", "/", "/villages/", "/admin/", "/api/docs/", "/api/redoc/"],
)
def test_a_served_page_loads_only_from_this_site(client, path):
    client.force_login(UserFactory(username="offline-reader"))
    response = client.get(path, follow=True)
    assert response.status_code == 200, path
    page = Loads()
    page.feed(response.content.decode())
    assert page.addresses, path  # the page loads its scripts or styles, from here
    foreign = [address for address in page.addresses if re.match(FOREIGN, address, re.I)]
    assert foreign == [], path
