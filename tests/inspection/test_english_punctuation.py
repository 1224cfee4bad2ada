"""English text carries English punctuation: no full-width comma, full stop, colon,
brackets or Chinese quotation marks inside a translation (they render as wide Chinese
glyphs in the CJK-first font stack and read as a half-translated sentence).

Chinese words quoted inside an English message (the accepted values 是 / 否 of an import
column, say) are fine: only the punctuation is checked."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from findings.choices import SubjectPost
from findings.models import ClueSubject, Problem, ProblemClass
from inspection.api.errors import labelled

CATALOGUES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
# CJK punctuation (、。《》「」【】〔〕 …), the full-width forms (，：；！？（） …) and the
# curly quotation marks, which CJK fonts draw full width.
FULL_WIDTH = re.compile(
    "[\u3000-\u3003\u3008-\u3011\u3014-\u301f\u201c\u201d\u2018\u2019"
    "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
)
MSGSTR = re.compile(r'^msgstr(?:\[\d+\])? "(.*)"$')


def translations(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every msgstr in a .po file, continuation lines joined."""
    found, current, start = [], None, 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = MSGSTR.match(line)
        if match:
            if current is not None:
                found.append((start, current))
            current, start = match.group(1), number
        elif line.startswith('"') and current is not None:
            current += line[1:-1]
        else:
            if current is not None:
                found.append((start, current))
            current = None
    if current is not None:
        found.append((start, current))
    return found


@pytest.mark.parametrize("name", ["django.po", "djangojs.po"])
def test_no_full_width_punctuation_in_english(name):
    path = CATALOGUES / name
    if not path.exists():
        pytest.skip(f"no {name}")
    wrong = [
        f"line {line}: {text[:80]} ({''.join(sorted(set(FULL_WIDTH.findall(text))))})"
        for line, text in translations(path)
        if FULL_WIDTH.search(text)
    ]
    assert wrong == [], "full-width punctuation in English:\n" + "\n".join(wrong)


def test_the_check_sees_a_full_width_comma(tmp_path):
    po = tmp_path / "django.po"
    po.write_text('msgid "甲"\nmsgstr ""\n"Done，"\n"next"\n', encoding="utf-8")
    assert [text for _, text in translations(po) if FULL_WIDTH.search(text)] == ["Done，next"]


def test_labels_and_names_written_by_the_code_take_the_languages_punctuation():
    problem = Problem(problem_class=ProblemClass(name="惠民惠农资金"), facts="低保")
    subject = ClueSubject(name="赵德明", post=SubjectPost.SECRETARY)
    with translation.override("zh-hans"):
        assert labelled("第1项", "必填") == "第1项：必填"
        assert str(problem) == "惠民惠农资金：低保"
        assert str(subject) == "赵德明（村党组织书记）"
    with translation.override("en"):
        assert labelled("Item 1", "required") == "Item 1: required"
        assert str(problem).endswith(": 低保") and "：" not in str(problem)
        assert str(subject).startswith("赵德明 (") and str(subject).endswith(")")
