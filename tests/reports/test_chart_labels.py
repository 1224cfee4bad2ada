"""Chart labels in either language: a long name is cut at its end with "…" and never runs
off the chart's left edge; the full name stays in the tooltip, with the language's colon."""

import xml.etree.ElementTree as ET

from django.utils import translation

from reports import charts
from reports.charts import Bar

SVG = "{http://www.w3.org/2000/svg}"
LONG = "Benefits for people's welfare and agricultural subsidies"


def drawn(bars):
    root = ET.fromstring(str(charts.bar_chart("categories", "Problems", bars, empty="-")))
    labels = [t for t in root.iter(f"{SVG}text") if t.get("class") == "label"]
    return root, labels


def test_a_long_english_label_is_cut_at_its_end_and_kept_whole_in_the_tooltip():
    with translation.override("en"):
        root, labels = drawn(
            [
                Bar(key="welfare", label=LONG, value=12, href="/problems/?category=welfare"),
                Bar(key="other", label="Other", value=3),
            ]
        )
        titles = [title.text for title in root.iter(f"{SVG}title")]
    first = labels[0].text
    assert first.endswith("…") and LONG.startswith(first[:-1].rstrip())
    assert first.startswith("Benefits")  # cut at the end, not the start
    right_edge = float(labels[0].get("x"))
    assert charts.text_width(first) <= right_edge  # anchored at its end: starts at x ≥ 0
    assert labels[1].text == "Other"
    assert titles == [f"{LONG}: 12", "Other: 3"]


def test_a_short_label_is_whole_and_the_chinese_tooltip_keeps_its_colon():
    with translation.override("zh-hans"):
        root, labels = drawn([Bar(key="conduct", label="作风", value=30)])
        assert [t.text for t in root.iter(f"{SVG}title")] == ["作风：30"]
    assert labels[0].text == "作风"


def test_fit_leaves_what_fits_and_cuts_what_does_not():
    assert charts.fit("作风建设", 200) == "作风建设"
    cut = charts.fit("惠民惠农财政补贴资金管理使用", 100)
    assert cut.endswith("…") and charts.text_width(cut) <= 100
