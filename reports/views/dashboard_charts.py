"""The dashboard's charts: the statistics of a ``Dashboard`` as bars, each bar a link to the
list it counts (with the list screens' query parameters, which are the API's)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import npgettext

from findings.choices import ClueStatus
from inspection.choices import AlertStage
from rectification.choices import ItemStatus
from reports import charts
from reports.charts import Bar, Segment, number, percent

# Towns shown in the coverage chart: the least covered first (a province has thousands).
TOWNS_SHOWN = 20
# Classes shown in their chart: the most frequent (a county's catalogue has dozens).
CLASSES_SHOWN = 15
# Each problem chart: its grouping, the list's filter a bar links to, title, and how
# many bars at most.
PROBLEM_CHARTS = {
    "focus": ("focus", _lazy("四个聚焦"), None),
    "aspect": ("aspect", _lazy("方面"), None),
    "class": ("problem_class", _lazy("类"), CLASSES_SHOWN),
    "nature": ("nature", _lazy("问题性质"), None),
}
# Rounds compared: the latest ones of the term.
ROUNDS_SHOWN = 12

# The clue pipeline, in the order a clue moves; declined is where it leaves early.
PIPELINE = (
    ClueStatus.PROPOSED,
    ClueStatus.REVIEWED,
    ClueStatus.APPROVED,
    ClueStatus.TRANSFERRED,
    ClueStatus.RECEIVED,
    ClueStatus.DISPOSING,
    ClueStatus.CONCLUDED,
    ClueStatus.DECLINED,
)
ITEM_STATUSES = (
    ItemStatus.PENDING,
    ItemStatus.IN_PROGRESS,
    ItemStatus.RETURNED,
    ItemStatus.SUBMITTED,
    ItemStatus.TOWN_REVIEWED,
    ItemStatus.CLOSED,
)
# Each colour's count in the rectification figure (red is overdue).
STAGE_FIGURES = {
    AlertStage.RED: "items_overdue",
    AlertStage.YELLOW: "items_due_yellow",
    AlertStage.GREEN: "items_due_green",
}


def list_url(url_name: str, **params) -> str:
    base = reverse(url_name)
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return f"{base}?{query}" if query else base


def item_url(pk: int) -> str:
    return reverse("rectification:item_detail", args=[pk])


class DashboardCharts:
    """Everything the template draws, from one ``Dashboard``."""

    def __init__(self, board):
        self.board = board
        self.scope = {
            "term": board.term.pk if board.term else None,
            "round": board.round.pk if board.round else None,
        }
        self.totals = board.totals

    def link(self, url_name: str, **params) -> str:
        return list_url(url_name, **self.scope, **params)

    # ------------------------------------------------------------------ headline

    def kpis(self) -> list[dict]:
        t = self.totals
        return [
            {
                "key": "coverage_rate",
                "label": _("本轮覆盖率") if self.board.round else _("本届覆盖率"),
                "value": percent(t.get("coverage_rate")),
                "note": _("已巡察 %(inspected)s / %(villages)s 个村(社区)")
                % {"inspected": number(t.get("inspected")), "villages": number(t.get("villages"))},
                "href": list_url("reports:village_list", term=self.scope["term"], inspected="no"),
            },
            {
                "key": "problems",
                "label": npgettext("figure", "发现问题", "发现问题", t.get("problems") or 0),
                "value": number(t.get("problems")),
                "note": _("不含草稿 · 立行立改率 %(rate)s")
                % {"rate": percent(t.get("immediate_fix_rate"))},
                "href": self.link("findings:problem_list"),
            },
            {
                "key": "clues_transferred",
                "label": npgettext(
                    "figure", "移交线索", "移交线索", t.get("clues_transferred") or 0
                ),
                "value": number(t.get("clues_transferred")),
                "note": _("涉及 %(persons)s 人 · 立案 %(cases)s 件 %(filed)s 人 · 成案率 %(rate)s")
                % {
                    "persons": number(t.get("persons_transferred")),
                    "cases": number(t.get("cases_filed")),
                    "filed": number(t.get("persons_case_filed")),
                    "rate": percent(t.get("case_rate")),
                },
                "href": self.link("findings:clue_list"),
            },
            self.persons_kpi(),
            {
                "key": "rectification_rate",
                "label": _("整改完成率"),
                "value": percent(t.get("rectification_rate")),
                "note": _("已销号 %(closed)s / %(items)s 条")
                % {"closed": number(t.get("items_closed")), "items": number(t.get("items"))},
                "href": self.link("rectification:item_list", status=ItemStatus.CLOSED),
            },
            {
                "key": "on_time_rate",
                "label": _("如期完成率"),
                "value": percent(t.get("on_time_rate")),
                "note": _("按期销号 %(on_time)s / 应完成 %(due)s 条")
                % {
                    "on_time": number(t.get("items_closed_on_time")),
                    "due": number(t.get("items_due")),
                },
                "href": self.link("rectification:item_list", status=ItemStatus.CLOSED),
            },
            {
                "key": "orders_on_time_rate",
                "label": _("立行立改如期率"),
                "value": percent(t.get("orders_on_time_rate")),
                "note": _("通知 %(issued)s 件 · 如期 %(honoured)s / 应完成 %(due)s 件")
                % {
                    "issued": number(t.get("orders_issued")),
                    "honoured": number(t.get("orders_honoured")),
                    "due": number(t.get("orders_due")),
                },
                "href": list_url("rectification:order_list", round=self.scope["round"]),
            },
            {
                "key": "matters_handed_on",
                "label": _("交办事项"),
                "value": number(t.get("matters_handed_on")),
                "note": _(
                    "已回复 %(replied)s · 逾期 %(overdue)s · 专题报告 %(reports)s · 建议书 %(letters)s"  # noqa: E501
                )
                % {
                    "replied": number(t.get("matters_replied")),
                    "overdue": number(t.get("matters_overdue")),
                    "reports": number(t.get("thematic_reports")),
                    "letters": number(t.get("recommendations")),
                },
                "href": list_url("findings:matter_list", round=self.scope["round"]),
                "tone": "red" if t.get("matters_overdue") else "",
            },
            self.accountability_kpi(),
            {
                "key": "items_overdue",
                "label": _("逾期整改"),
                "value": number(t.get("items_overdue")),
                "note": _("截至 %(day)s") % {"day": self.board.on.isoformat()},
                "href": self.link("rectification:item_list", overdue="true"),
                "tone": "red" if t.get("items_overdue") else "",
            },
        ]

    def persons_kpi(self) -> dict:
        """处理处分人数 of the clues' outcomes, 处分 (党纪, 政务 apart) and 移送司法 beside:
        each person once (reports.statistics.persons)."""
        t = self.totals
        return {
            "key": "persons_handled",
            "label": _("处理处分（人）"),
            "value": number(t.get("persons_handled")),
            "note": _(
                "处分 %(sanctioned)s 人（党纪 %(party)s · 政务 %(government)s）· "
                "移送司法 %(judiciary)s 人"
            )
            % {
                "sanctioned": number(t.get("persons_sanctioned")),
                "party": number(t.get("persons_party_sanctioned")),
                "government": number(t.get("persons_government_sanctioned")),
                "judiciary": number(t.get("persons_to_judiciary")),
            },
            "href": self.link("findings:clue_list", status="concluded"),
        }

    def accountability_kpi(self) -> dict:
        """问责 (decided: persons, organisations apart), 第一种形态 apart, and what the
        look-back rounds found; linked to the selected round's 四个一批."""
        t = self.totals
        round_id = self.scope["round"]
        return {
            "key": "accountability",
            "label": _("问责（人）"),
            "value": number(t.get("accountability_persons")),
            "note": _(
                "问责党组织 %(organisations)s 个 · 第一种形态 %(first)s 人次 · "
                "回头看 %(villages)s 村 · 反弹回潮 %(reopened)s 条"
            )
            % {
                "organisations": number(t.get("accountability_organisations")),
                "first": number(t.get("first_form")),
                "villages": number(t.get("look_back_villages")),
                "reopened": number(t.get("look_back_reopened")),
            },
            "href": reverse("rectification:round_evaluations", args=[round_id]) if round_id else "",
        }

    # ------------------------------------------------------------------ charts

    def coverage(self):
        rows = sorted(
            self.board.towns,
            key=lambda row: (row.get("coverage_rate") or 0, -row["villages"], str(row["label"])),
        )
        bars = [
            Bar(
                key=str(row["key"]),
                label=str(row["label"]),
                value=row["inspected"],
                total=row["villages"],
                text=f"{row['inspected']}/{row['villages']} · {percent(row['coverage_rate'])}",
                title=_("%(town)s：已巡察 %(inspected)s 个，共 %(villages)s 个；点击查看未巡察的村")
                % {**row, "town": row["label"]},
                href=list_url(
                    "reports:village_list", town=row["key"], inspected="no", term=self.scope["term"]
                ),
                tone="tone-green",
            )
            for row in rows[:TOWNS_SHOWN]
        ]
        return charts.bar_chart(
            "coverage", _("各乡镇巡察覆盖情况"), bars, empty=_("没有有效的村(社区)。")
        )

    def order_towns(self) -> list[dict]:
        """The towns with on-site orders: issued, honoured, late and 如期率."""
        return [
            {
                "label": row["label"],
                "issued": number(row["orders_issued"]),
                "honoured": number(row.get("orders_honoured")),
                "late": number(row.get("orders_late")),
                "rate": percent(row.get("orders_on_time_rate")),
            }
            for row in self.board.towns
            if row.get("orders_issued")
        ]

    def towns_hidden(self) -> int:
        return max(len(self.board.towns) - TOWNS_SHOWN, 0)

    def problems_chart(self, grouping: str):
        """Problems by one level of the taxonomy (or by nature), each bar linking to the
        problem list filtered by it."""
        parameter, title, shown = PROBLEM_CHARTS[grouping]
        rows = self.board.problems_by.get(grouping, [])
        bars = [
            Bar(
                key=str(row["key"]),
                label=str(row["label"]),
                value=row["problems"],
                href=self.link("findings:problem_list", **{parameter: row["key"]}),
                tone="tone-brand",
            )
            for row in rows[:shown]
        ]
        return charts.bar_chart(
            f"problems-{grouping}", str(title), bars, empty=_("所选范围内还没有发现问题。")
        )

    classes_shown = CLASSES_SHOWN

    def focuses(self):
        return self.problems_chart("focus")

    def aspects(self):
        return self.problems_chart("aspect")

    def classes(self):
        return self.problems_chart("class")

    def natures(self):
        return self.problems_chart("nature")

    def pipeline(self):
        bars = [
            Bar(
                key=status.value,
                label=str(status.label),
                value=self.totals.get(f"clues_at_{status.value}", 0),
                href=self.link("findings:clue_list", status=status.value),
                tone="tone-muted" if status == ClueStatus.DECLINED else "tone-blue",
            )
            for status in PIPELINE
        ]
        if not self.totals.get("clues"):
            bars = []
        return charts.bar_chart(
            "pipeline", _("线索办理进度"), bars, empty=_("所选范围内还没有问题线索。")
        )

    def item_segments(self) -> list[Segment]:
        return [
            Segment(
                key=status.value,
                label=str(status.label),
                value=self.totals.get(f"items_{status.value}", 0),
                href=self.link("rectification:item_list", status=status.value),
                tone=f"status-{status.value}",
            )
            for status in ITEM_STATUSES
        ]

    def items(self):
        return charts.stacked_bar(
            "items",
            _("整改台账状态"),
            self.item_segments(),
            empty=_("所选范围内还没有整改台账。"),
        )

    def rates(self) -> list[dict]:
        t = self.totals
        return [
            {
                "key": key,
                "label": label,
                "text": percent(t.get(key)),
                "meter": charts.meter(key, label, t.get(key), tone=tone),
            }
            for key, label, tone in (
                ("rectification_rate", _("整改完成率"), "tone-green"),
                ("on_time_rate", _("如期完成率"), "tone-blue"),
            )
        ]

    def stages(self) -> list[dict]:
        return [
            {
                "stage": stage.value,
                "label": str(stage.label),
                "count": self.totals.get(figure, 0),
                "href": self.link("rectification:item_list", stage=stage.value),
            }
            for stage, figure in STAGE_FIGURES.items()
        ]

    def attention(self) -> list[dict]:
        return [
            {
                "entry": entry,
                "href": item_url(entry.item.pk),
                "stage_label": str(AlertStage(entry.stage).label),
            }
            for entry in self.board.attention
        ]

    def attention_more(self) -> str:
        return self.link("rectification:item_list", overdue="true")

    # ------------------------------------------------------------------ rounds

    def rounds(self) -> dict:
        columns = self.board.rounds[-ROUNDS_SHOWN:]
        measures = (
            ("inspected", _("已巡察村(社区)"), "reports:village_list", {}),
            ("problems", _("发现问题"), "findings:problem_list", {}),
            ("clues_transferred", _("移交线索"), "findings:clue_list", {}),
            ("items_closed", _("整改销号"), "rectification:item_list", {"status": "closed"}),
            ("on_time_rate", _("如期完成率"), None, {}),
        )
        largest = {
            key: max((column.figures.get(key) or 0 for column in columns), default=0)
            for key, *_rest in measures
        }
        rows = []
        for column in columns:
            cells = []
            for key, _label, url_name, params in measures:
                value = column.figures.get(key)
                is_rate = key.endswith("_rate")
                href = ""
                if url_name and url_name != "reports:village_list":
                    href = list_url(url_name, round=column.round.pk, **params)
                cells.append(
                    {
                        "key": key,
                        "value": "" if value is None else value,
                        "text": percent(value) if is_rate else number(value or 0),
                        "href": href,
                        "bar": charts.mini_bar(
                            value, 1 if is_rate else largest[key], tone=f"tone-{key}"
                        ),
                    }
                )
            rows.append({"round": column.round, "selected": column.selected, "cells": cells})
        return {
            "headers": [label for _key, label, *_rest in measures],
            "rows": rows,
            "hidden": max(len(self.board.rounds) - ROUNDS_SHOWN, 0),
        }
