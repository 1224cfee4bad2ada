"""统计报送's refusals: periods that are not one, mappings naming what does not exist
(each error names the sheet, the cell and the row), and the review's rules."""

import datetime
import io
import zipfile

import pytest
from openpyxl import Workbook

from inspection.errors import ApplicationError, ConflictError, PermissionDeniedError
from reports.upward import services
from reports.upward.models import PeriodKind
from reports.upward.periods import parse_period
from tests import factories as f
from tests.clock import today_is
from tests.reports.upward_kit import (
    AFTER_Q3,
    media_root,  # noqa: F401
    xlsx,
)
from tests.world import build_world

pytestmark = pytest.mark.django_db


def test_period_codes():
    with today_is(datetime.date(2026, 10, 9)):
        round_ = f.InspectionRoundFactory()
        cases = {
            "2026-09": (PeriodKind.MONTH, "2026-09-01", "2026-09-30", "2026年9月"),
            "2026-2": (PeriodKind.MONTH, "2026-02-01", "2026-02-28", "2026年2月"),
            "2026q3": (PeriodKind.QUARTER, "2026-07-01", "2026-09-30", "2026年第3季度"),
            "2026H1": (PeriodKind.HALF_YEAR, "2026-01-01", "2026-06-30", "2026年上半年"),
            "2025": (PeriodKind.YEAR, "2025-01-01", "2025-12-31", "2025年度"),
        }
        for code, (kind, first, last, label) in cases.items():
            period = parse_period(code)
            assert (period.kind, str(period.date_from), str(period.date_to)) == (kind, first, last)
            assert period.label == label
        assert parse_period("2026Q4").as_of() == datetime.date(2026, 10, 9)  # still running
        assert not parse_period("2026Q4").has_ended()
        by_round = parse_period(f"R{round_.pk}")
        assert (by_round.kind, by_round.round, by_round.date_from) == (
            PeriodKind.ROUND, round_, None
        )  # fmt: skip
        refusals = {
            "2026-13": "月份",
            "2026Q5": "季度",
            "2026H3": "半年",
            "2027Q1": "尚未开始",
            "R999999": "没有这一巡察轮次",
            "上季度": "无法识别",
        }
        for code, words in refusals.items():
            with pytest.raises(ApplicationError, match=words):
                parse_period(code)


def _workbook(rows, names=()) -> bytes:
    workbook = Workbook()
    workbook.active.title = "表一"
    workbook["表一"].merge_cells("A1:C1")
    if rows is not None:
        mapping = workbook.create_sheet("映射")
        mapping.append(["工作表", "单元格", "指标", "分组"])
        for row in rows:
            mapping.append(row)
    from openpyxl.workbook.defined_name import DefinedName

    for name, reference in names:
        workbook.defined_names[name] = DefinedName(name, attr_text=reference)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_mapping_errors_are_named_and_the_template_refused():
    world = build_world()
    bad = _workbook(
        [
            ["表一", "B2", "problems", ""],
            ["表二", "B3", "problems", ""],
            ["表一", "B", "problems", ""],
            ["表一", "B4", "no_such_figure", "合计"],
            ["表一", "B5", "items_overdue", "丙镇"],
            ["表一", "B1", "problems", ""],
        ]
    )
    with pytest.raises(ApplicationError) as refused:
        services.statistics_template_upload(actor=world.office, name="市表", file=xlsx(bad))
    errors = refused.value.errors["file"]
    assert errors == [
        "映射表第3行（工作表「表二」单元格B3）：工作表「表二」不存在。",
        "映射表第4行（工作表「表一」单元格B）：单元格「B」不是有效的单元格地址（如B4）。",
        "映射表第5行（工作表「表一」单元格B4）：指标「no_such_figure」不存在。",
        "映射表第6行（工作表「表一」单元格B5）：分组「丙镇」既不是乡镇名称，"
        "也不是巡察轮次名称或「合计」。",
        "映射表第7行（工作表「表一」单元格B1）：单元格B1在合并单元格A1:C1中，"
        "请映射其左上角单元格。",
    ]
    with pytest.raises(ApplicationError, match="没有找到映射"):
        services.statistics_template_upload(
            actor=world.office, name="市表", file=xlsx(_workbook(None))
        )
    with pytest.raises(ApplicationError, match="Excel"):
        services.statistics_template_upload(
            actor=world.office, name="市表", file=xlsx(b"not a workbook", "市表.xlsx")
        )
    # A zip bomb (a part that unpacks to 60 MB of nothing) is refused before it is opened.
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    with pytest.raises(ApplicationError, match="解压后超过"):
        services.statistics_template_upload(
            actor=world.office, name="市表", file=xlsx(bomb.getvalue())
        )


def test_defined_names_map_cells_too():
    world = build_world()
    content = _workbook(None, [("problems", "'表一'!$B$2"), ("items_overdue__甲镇", "'表一'!$C$2")])
    template = services.statistics_template_upload(
        actor=world.office, name="市表", file=xlsx(content)
    )
    assert template.mapping_source == "names"
    assert [(c["cell"], c["figure"], c["group"], c["town_id"]) for c in template.mapping] == [
        ("B2", "problems", "合计", None),
        ("C2", "items_overdue", "甲镇", world.town_a.pk),
    ]
    wrong = _workbook(None, [("overdue_items", "'表一'!$B$2")])
    named = r"定义名称「overdue_items」.*指标「overdue_items」不存在"
    with pytest.raises(ApplicationError, match=named):
        services.statistics_template_upload(actor=world.office, name="市表", file=xlsx(wrong))


def test_the_review_is_another_office_account_and_sending_waits_for_the_period():
    with today_is(AFTER_Q3):
        world = build_world()
        content = _workbook([["表一", "B2", "problems", ""]])
        template = services.statistics_template_upload(
            actor=world.office, name="市表", file=xlsx(content)
        )
        report = services.statistics_report_create(
            actor=world.office, template_id=template.pk, period="2026Q3"
        )
        with pytest.raises(ApplicationError, match="已有报送"):
            services.statistics_report_create(
                actor=world.lead, template_id=template.pk, period="2026q3"
            )
        with pytest.raises(ConflictError):
            services.statistics_report_send(actor=world.office, report_id=report.pk)
        services.statistics_report_submit(actor=world.office, report_id=report.pk)
        with pytest.raises(PermissionDeniedError):
            services.statistics_report_approve(actor=world.office, report_id=report.pk)
        with pytest.raises(ApplicationError, match="原因"):
            services.statistics_report_return(actor=world.lead, report_id=report.pk, note="")
        services.statistics_report_return(actor=world.lead, report_id=report.pk, note="数字待核")
        report.refresh_from_db()
        assert report.status == "draft"
        assert report.history.count() == 3
        running = services.statistics_report_create(
            actor=world.office, template_id=template.pk, period="2026Q4"
        )
        services.statistics_report_submit(actor=world.office, report_id=running.pk)
        services.statistics_report_approve(actor=world.lead, report_id=running.pk)
        with pytest.raises(ApplicationError, match="尚未结束"):
            services.statistics_report_send(actor=world.lead, report_id=running.pk)


def test_a_new_figure_function_can_be_mapped_at_once(monkeypatch):
    """A figure function added to ``FIGURES`` (a figure to come) is mapped by its
    names with no other change; without declared base rows it is sent without ids."""
    from reports import statistics
    from reports.upward.mapping import figure_functions

    def persons_restored(filters, group_by=None, *, on=None):
        return {None: {"persons_restored": 7 if filters.town_id else 12}}

    monkeypatch.setitem(statistics.FIGURES, "persons_restored", persons_restored)
    figure_functions.cache_clear()
    try:
        with today_is(AFTER_Q3):
            world = build_world()
            content = _workbook(
                [["表一", "B2", "persons_restored", ""], ["表一", "C2", "persons_restored", "甲镇"]]
            )
            template = services.statistics_template_upload(
                actor=world.office, name="市表", file=xlsx(content)
            )
            report = services.statistics_report_create(
                actor=world.office, template_id=template.pk, period="2026Q3"
            )
            services.statistics_report_submit(actor=world.office, report_id=report.pk)
            services.statistics_report_approve(actor=world.lead, report_id=report.pk)
            report = services.statistics_report_send(actor=world.office, report_id=report.pk)
        figures = report.snapshot["figures"]
        assert figures["persons_restored"] == {
            "figure": "persons_restored",
            "group": "合计",
            "sheet": "表一",
            "cell": "B2",
            "value": 12,
            "ids": None,
        }
        assert figures["persons_restored__甲镇"]["value"] == 7
    finally:
        figure_functions.cache_clear()
