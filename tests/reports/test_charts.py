"""The SVG charts: numbers readable three ways, bars to scale, links, text escaped."""

import re
import xml.etree.ElementTree as ET

from reports import charts
from reports.charts import Bar, Segment

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup) -> ET.Element:
    """The chart as XML: it must be well-formed to be drawn at all."""
    return ET.fromstring(str(markup))


def widths(root, css: str) -> list[float]:
    return [
        float(rect.get("width"))
        for rect in root.iter(f"{SVG}rect")
        if css in rect.get("class", "").split()
    ]


def test_a_bar_chart_prints_each_value_and_links_each_bar():
    svg = charts.bar_chart(
        "categories",
        "问题类别",
        [
            Bar(key="conduct", label="作风", value=30, href="/problems/?category=conduct"),
            Bar(key="other", label="其他", value=10, href="/problems/?category=other"),
        ],
        empty="没有",
    )
    root = parse(svg)
    assert root.get("data-chart") == "categories"
    links = list(root.iter(f"{SVG}a"))
    assert [(a.get("href"), a.get("data-key"), a.get("data-value")) for a in links] == [
        ("/problems/?category=conduct", "conduct", "30"),
        ("/problems/?category=other", "other", "10"),
    ]
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert texts == ["作风", "30", "其他", "10"]
    assert [title.text for title in root.iter(f"{SVG}title")] == ["作风：30", "其他：10"]
    first, second = widths(root, "fill")
    assert abs(first - 3 * second) < 0.2  # to scale


def test_a_bar_with_a_total_draws_its_track_and_the_value_inside_it():
    root = parse(
        charts.bar_chart(
            "coverage",
            "覆盖",
            [
                Bar(key="1", label="甲镇", value=5, total=20, text="5/20"),
                Bar(key="2", label="乙镇", value=10, total=10, text="10/10"),
            ],
            empty="没有",
        )
    )
    tracks, fills = widths(root, "track"), widths(root, "fill")
    assert abs(tracks[0] - 2 * tracks[1]) < 0.2
    assert abs(fills[0] - tracks[0] / 4) < 0.2 and abs(fills[1] - tracks[1]) < 0.2
    assert [g.get("data-value") for g in root.iter(f"{SVG}g")] == ["5", "10"]  # no links


def test_labels_are_escaped_and_an_empty_chart_says_why():
    svg = str(
        charts.bar_chart(
            "x", "<图>", [Bar(key='"k"', label="<script>alert(1)</script>", value=1)], empty="无"
        )
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'data-key="&quot;k&quot;"' in svg
    parse(svg)
    assert str(charts.bar_chart("x", "图", [], empty="还没有数据。")) == (
        '<p class="empty muted">还没有数据。</p>'
    )


def test_a_stacked_bar_skips_empty_parts_and_keeps_the_proportions():
    root = parse(
        charts.stacked_bar(
            "items",
            "台账",
            [
                Segment(key="pending", label="待整改", value=1, href="/items/?status=pending"),
                Segment(key="returned", label="退回", value=0),
                Segment(key="closed", label="已销号", value=3, href="/items/?status=closed"),
            ],
            empty="无",
        )
    )
    keys = [(a.get("data-key"), a.get("data-value")) for a in root.iter(f"{SVG}a")]
    assert keys == [("pending", "1"), ("closed", "3")]
    pending, closed = widths(root, "fill")
    assert abs(pending + closed - charts.WIDTH) < 0.2 and abs(closed - 3 * pending) < 0.2
    assert "无" in str(charts.stacked_bar("items", "台账", [], empty="无"))


def test_a_meter_carries_the_exact_rate_and_shows_a_dash_without_one():
    root = parse(charts.meter("on_time_rate", "如期完成率", 0.7534))
    assert root.get("data-value") == "0.7534"
    assert root.find(f"{SVG}title").text == "如期完成率：75.3%"
    empty = parse(charts.meter("on_time_rate", "如期完成率", None))
    assert empty.get("data-value") == "" and empty.find(f"{SVG}title").text == "如期完成率：—"


def test_numbers_and_rates_as_printed():
    assert charts.number(1234) == "1,234" and charts.number(None) == "—"
    assert charts.number(12.5) == "12.50" and charts.number(3.0) == "3"
    assert charts.percent(0.5) == "50.0%" and charts.percent(None) == "—"
    assert charts.text_width("甲镇") == 2 * charts.FONT
    assert charts.text_width("a") < charts.text_width("甲")


def test_a_mini_bar_is_scaled_to_its_row():
    half = parse(charts.mini_bar(5, 10))
    assert re.match(r"50(\.0)?$", half.find(f"{SVG}rect").get("width"))
    assert parse(charts.mini_bar(None, 0)).find(f"{SVG}rect").get("width") == "0"
