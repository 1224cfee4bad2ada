"""The screens' second language: every text marked for translation has its English.

The source texts are Chinese; ``locale/en`` carries the English catalogue, compiled.
A text added to a template or to Python code without its English fails here (run
``manage.py makemessages -l en --no-location`` and translate it)."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests import factories as f

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES"
SOURCES = ("inspection", "rounds", "findings", "rectification", "reports", "templates")
TEMPLATE_TEXT = re.compile(r"""{%\s*(?:translate|trans)\s+"([^"]+)"(?:\s+\w+)?\s*%}""")
PYTHON_TEXT = re.compile(r"""\b(?:_|_lazy|_noop|gettext|gettext_lazy)\(\s*"([^"\\]+)"\s*\)""")


def po_entries() -> dict[str, str]:
    """msgid → msgstr of the English catalogue (singular entries and plural heads); an
    entry with a context is keyed as the compiled catalogue keys it, "context\x04msgid"."""
    entries, msgid, msgstr, field, context = {}, None, None, None, ""
    for line in [*(CATALOGUE / "django.po").read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("msgctxt "):
            context = line[9:-1] + "\x04"
        elif line.startswith("msgid "):
            msgid, field = line[7:-1], "id"
        elif line.startswith("msgid_plural"):
            field = None
        elif line.startswith(("msgstr ", "msgstr[0] ")):
            msgstr, field = line.split(" ", 1)[1][1:-1], "str"
        elif line.startswith("msgstr["):
            field = None
        elif line.startswith('"') and field == "id":
            msgid += line[1:-1]
        elif line.startswith('"') and field == "str":
            msgstr += line[1:-1]
        elif not line.strip() and msgid is not None:
            entries[context + msgid] = msgstr
            msgid, msgstr, field, context = None, None, None, ""
    entries.pop("", None)
    return entries


def marked_texts() -> set[str]:
    texts = set()
    for top in SOURCES:
        for path in (ROOT / top).rglob("*"):
            if "migrations" in path.parts or path.suffix not in {".py", ".html"}:
                continue
            pattern = TEMPLATE_TEXT if path.suffix == ".html" else PYTHON_TEXT
            texts.update(pattern.findall(path.read_text(encoding="utf-8")))
    return {text for text in texts if re.search(r"[\u4e00-\u9fff]", text)}


def test_every_entry_of_the_catalogue_has_its_english():
    untranslated = [msgid for msgid, msgstr in po_entries().items() if not msgstr]
    assert untranslated == []


def test_every_marked_text_is_in_the_catalogue():
    missing = sorted(marked_texts() - set(po_entries()))
    assert missing == [], "run makemessages -l en --no-location and translate these"


def test_the_compiled_catalogue_matches_the_source():
    compiled = gettext.GNUTranslations((CATALOGUE / "django.mo").open("rb"))
    for msgid, msgstr in po_entries().items():
        if "\\" in msgid:  # escapes are decoded in the compiled form
            continue
        assert compiled.gettext(msgid) == msgstr.replace('\\"', '"'), msgid


@pytest.mark.django_db
def test_an_office_user_reads_the_screens_in_english(client):
    client.force_login(f.UserFactory(full_name="Wang Xiaodong"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(reverse("inspection:notification_list")).content.decode()
    header = text.split("<header", 1)[1].split("<main", 1)[0]
    assert "Notification" in header
    assert "Log out" in header
    assert not re.search(r"[\u4e00-\u9fff]", header.replace("中文", ""))
