"""The phone pages' short dates follow the language: 12月6日 in Chinese, Dec 6 in English
(a literal "n月j日" in the templates stayed Chinese in English)."""

import datetime
from pathlib import Path

from django.conf import settings
from django.template import Context, Template
from django.utils import translation

DAY = datetime.date(2026, 3, 6)
SHORT = Template('{{ day|date:"MONTH_DAY_FORMAT" }}')


def test_the_short_date_in_each_language():
    with translation.override("zh-hans"):
        assert SHORT.render(Context({"day": DAY})) == "3月6日"
    with translation.override("en"):
        assert SHORT.render(Context({"day": DAY})) == "Mar 6"


def test_no_template_writes_a_chinese_date_format_by_hand():
    templates = Path(settings.BASE_DIR) / "templates"
    by_hand = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if "月j日" in path.read_text(encoding="utf-8")
    ]
    assert by_hand == []
