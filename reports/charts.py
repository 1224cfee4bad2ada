"""Charts drawn on the server as SVG: no charting library, nothing for the browser to fetch.

Each chart is a list of bars the view builds from the statistics; every bar carries its
number three ways: printed beside it, as a ``<title>`` tooltip, and as ``data-value``
(what the browser test reads). A bar with an ``href`` is a link to the list it counts,
reachable by keyboard like any other link. Text is escaped with ``format_html``.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

# Widths in SVG user units; the SVG scales to its card (``.chart svg { width: 100% }``).
WIDTH = 640
ROW = 26
BAR = 18
FONT = 13


@dataclass(frozen=True)
class Bar:
    """One bar: ``value`` drawn against ``total`` (a track behind it) when given."""

    key: str
    label: str
    value: float
    href: str = ""
    text: str = ""  # the number printed beside the bar (default: the value)
    title: str = ""  # the tooltip (default: "label：text", ``tooltip``)
    total: float | None = None
    tone: str = ""  # a CSS class: bar colour


@dataclass(frozen=True)
class Segment:
    """One part of a stacked bar."""

    key: str
    label: str
    value: int
    href: str = ""
    tone: str = ""


def text_width(text: str, size: int = FONT) -> float:
    """Roughly how wide ``text`` is: CJK glyphs are square, Latin ones about half. The
    general punctuation (“ ” … —) is square too in the CJK fonts the labels are set in:
    an aspect such as 贯彻落实党中央“三农”决策部署 ran off the chart's left edge."""
    return sum(size if _square(char) else size * 0.6 for char in text)


def _square(char: str) -> bool:
    code = ord(char)
    return code > 0x2E7F or 0x2010 <= code <= 0x206F


def fit(text: str, room: float, size: int = FONT) -> str:
    """``text`` as it fits in ``room``: whole, or cut at the end with "…" (the full text
    stays in the bar's tooltip). A long English category name used to run off the left
    edge of the chart ("elfare and agricultural…")."""
    if text_width(text, size) <= room:
        return text
    kept = ""
    for char in text:
        if text_width(kept + char, size) + size > room:  # room for the ellipsis
            break
        kept += char
    return kept.rstrip(" ,;:-") + "…"


def number(value) -> str:
    """A count as printed: integers without decimals."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"


def percent(rate) -> str:
    """A rate (0–1) as a percentage, "—" when there was nothing to divide by."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


def tooltip(label: str, text: str) -> str:
    return gettext("%(label)s：%(value)s") % {"label": label, "value": text}


def _html(template: str, *args) -> SafeString:
    """``format_html`` with coordinates rounded to a tenth (SVG needs no more)."""
    return format_html(template, *(f"{arg:.1f}" if isinstance(arg, float) else arg for arg in args))


def _join(parts) -> SafeString:
    """Concatenate markup; anything not already safe is escaped."""
    return mark_safe("".join(conditional_escape(part) for part in parts))


def _link(href: str, body: SafeString, **data) -> SafeString:
    attributes = format_html_join("", ' data-{}="{}"', data.items())
    if href:
        return _html('<a href="{}" class="bar"{}>{}</a>', href, attributes, body)
    return _html('<g class="bar"{}>{}</g>', attributes, body)


def _svg(name: str, label: str, height: float, body: SafeString) -> SafeString:
    return _html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" data-chart="{}" '
        'aria-label="{}" font-size="{}">{}</svg>',
        WIDTH,
        round(height),
        name,
        label,
        FONT,
        body,
    )


def bar_chart(name: str, label: str, bars: Sequence[Bar], *, empty: str) -> SafeString:
    """Horizontal bars, one a row: the label left, the bar, its number right.

    The scale is the largest ``total`` (or value): a bar with a total draws its track
    that long and its value inside it (villages inspected of all villages).
    """
    if not bars:
        return _html('<p class="empty muted">{}</p>', empty)
    label_width = min(max(text_width(bar.label) for bar in bars) + 12, WIDTH * 0.35)
    text_room = max(text_width(bar.text or number(bar.value)) for bar in bars) + 12
    track = WIDTH - label_width - text_room
    scale = max(max(bar.total or 0, bar.value or 0) for bar in bars) or 1
    rows = []
    for index, bar in enumerate(bars):
        top = index * ROW + (ROW - BAR) / 2
        middle = index * ROW + ROW / 2 + FONT * 0.35
        text = bar.text or number(bar.value)
        length = track * (bar.value or 0) / scale
        parts = [
            _html("<title>{}</title>", bar.title or tooltip(bar.label, text)),
            _html(
                '<text x="{}" y="{}" text-anchor="end" class="label">{}</text>',
                round(label_width - 8),
                middle,
                fit(bar.label, label_width - 8),
            ),
        ]
        if bar.total is not None:
            parts.append(
                _html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="track"/>',
                    round(label_width),
                    top,
                    track * bar.total / scale,
                    BAR,
                )
            )
        parts.append(
            _html(
                '<rect x="{}" y="{}" width="{}" height="{}" class="fill {}"/>',
                round(label_width),
                top,
                max(length, 1 if bar.value else 0),
                BAR,
                bar.tone,
            )
        )
        end = label_width + max(length, track * (bar.total or 0) / scale)
        parts.append(_html('<text x="{}" y="{}" class="value">{}</text>', end + 6, middle, text))
        rows.append(_link(bar.href, _join(parts), key=bar.key, value=_raw(bar.value)))
    return _svg(name, label, len(bars) * ROW + 2, _join(rows))


def stacked_bar(name: str, label: str, segments: Sequence[Segment], *, empty: str) -> SafeString:
    """One bar split into parts (items by status), each part a link; the legend and
    the numbers go in the template beside it."""
    total = sum(segment.value for segment in segments)
    if not total:
        return _html('<p class="empty muted">{}</p>', empty)
    height = 30
    x = 0.0
    parts = []
    for segment in segments:
        if not segment.value:
            continue
        width = WIDTH * segment.value / total
        body = _html(
            '<title>{}</title><rect x="{}" y="0" width="{}" height="{}" class="fill {}"/>',
            tooltip(segment.label, number(segment.value)),
            x,
            width,
            height,
            segment.tone,
        )
        parts.append(_link(segment.href, body, key=segment.key, value=segment.value))
        x += width
    return _svg(name, label, height, _join(parts))


def meter(name: str, label: str, rate: float | None, *, tone: str = "") -> SafeString:
    """A rate (0–1) as a filled track; "—" shows as an empty track."""
    height = 14
    width = WIDTH * (rate or 0)
    return _html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" data-chart="{}" '
        'data-value="{}" aria-label="{}" class="meter" preserveAspectRatio="none">'
        "<title>{}</title>"
        '<rect x="0" y="0" width="{}" height="{}" class="track"/>'
        '<rect x="0" y="0" width="{}" height="{}" class="fill {}"/></svg>',
        WIDTH,
        height,
        name,
        _raw(rate),
        label,
        tooltip(label, percent(rate)),
        WIDTH,
        height,
        width,
        height,
        tone,
    )


def mini_bar(value, largest, *, tone: str = "") -> SafeString:
    """A small bar for a table cell, scaled to the largest value of its row."""
    width, height = 100, 10
    length = width * (value or 0) / largest if largest else 0
    return _html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" class="minibar" '
        'aria-hidden="true" preserveAspectRatio="none">'
        '<rect x="0" y="0" width="{}" height="{}" class="fill {}"/></svg>',
        width,
        height,
        length,
        height,
        tone,
    )


def _raw(value) -> str:
    """The value for ``data-value``: plain digits, as the API answers it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
