"""台账导入: a county's past ledger brought in whole or not at all, once, with its dates."""

import datetime
import io
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from findings.choices import ProblemStatus
from findings.models import Problem
from inspection.choices import UserRole
from inspection.errors import PermissionDeniedError
from rectification.choices import ItemStatus
from rectification.ledger_import import (
    LedgerImportError,
    ledger_import,
    ledger_import_preview,
    template_xlsx,
)
from rectification.models import (
    Feedback,
    FeedbackBatch,
    FeedbackIssue,
    FeedbackIssueProblem,
    ImportedLedgerRow,
    LedgerImport,
    ProgressUpdate,
    RectificationItem,
)
from reports.statistics import StatisticsFilter, statistics_table
from rounds.choices import RoundStatus
from rounds.models import Assignment, InspectionRound
from tests.factories import (
    InspectionRoundFactory,
    TermFactory,
    TownFactory,
    UserFactory,
    VillageFactory,
)
from tests.rectification.ledger_import_kit import big_ledger, office, registry, row, workbook

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = datetime.date(2026, 3, 1)
MODELS = (
    InspectionRound,
    Assignment,
    FeedbackBatch,
    Feedback,
    FeedbackIssue,
    FeedbackIssueProblem,
    Problem,
    RectificationItem,
)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=SHANGHAI), tick=False):
        yield


def counts() -> dict[str, int]:
    """Every table the import writes, and the history of each model that keeps one."""
    tables = {m.__name__: m.objects.count() for m in (*MODELS, ProgressUpdate, ImportedLedgerRow)}
    tables |= {f"history of {m.__name__}": m.history.count() for m in MODELS}
    return tables | {"LedgerImport": LedgerImport.objects.count()}


def run(rows, actor, **kwargs):
    return ledger_import(
        file_obj=io.BytesIO(workbook(rows)), filename="台账.xlsx", actor=actor, **kwargs
    )


def refused(rows, actor) -> list[str]:
    with pytest.raises(LedgerImportError) as caught:
        run(rows, actor)
    return [str(error) for error in caught.value.row_errors]


def test_2000_rows_one_bad_row_refused_whole_then_fixed_imported_once():
    registry()
    actor = office()
    rows = big_ledger(2000)
    rows[1234]["整改时限"] = "2025-13-45"
    before = counts()

    errors = refused(rows, actor)

    assert errors == [
        "第1236行「整改时限」：应为日期，如 2025-03-10 或 2025年3月10日，实际为“2025-13-45”。"
    ]
    assert counts() == before  # nothing written

    rows[1234]["整改时限"] = "2025-12-31"
    started = time.monotonic()
    result = run(rows, actor)
    elapsed = time.monotonic() - started
    print(f"2,000 rows imported in {elapsed:.1f} s")
    assert (result.created, result.unchanged, result.rounds_created) == (2000, 0, 2)
    assert result.organisations_created == 8  # 4 villages in each round
    after = counts()
    assert after["RectificationItem"] == 2000 and after["history of RectificationItem"] > 2000

    again = run(rows, actor)

    assert (again.created, again.unchanged) == (0, 2000)
    assert counts() == after  # nothing changed, not even a history row
    assert elapsed < 15


# A sample ledger whose figures the county reported, one village of one round; today is
# 2026-03-01. (序号, 整改方式, 整改时限, 状态, 申请销号日期, 销号日期)
SAMPLE = [
    (1, "限期整改", "2025-06-30", "已销号", "", "2025-06-20"),  # on time
    (2, "限期整改", "2025-06-30", "已销号", "", "2025-07-10"),  # late
    (3, "限期整改", "2025-06-30", "整改中", "", ""),  # overdue
    (4, "限期整改", "2025-06-30", "待整改", "", ""),  # overdue
    (5, "限期整改", "2025-12-31", "已销号", "", "2025-12-01"),  # on time
    (6, "长期整改", "2026-06-30", "整改中", "", ""),  # not due
    (7, "限期整改", "2026-06-30", "已销号", "", "2026-01-15"),  # on time, early
    (8, "限期整改", "2025-06-30", "申请销号", "2025-06-25", ""),  # asked: not overdue
    (9, "限期整改", "2026-06-30", "待整改", "", ""),
    (10, "立行立改", "2025-04-20", "已销号", "", "2025-03-18"),  # closed on site
]


def sample_rows() -> list[dict]:
    return [
        row(
            序号=n,
            整改方式=mode,
            整改时限=deadline,
            状态=status,
            申请销号日期=submitted,
            销号日期=closed,
            具体表现=f"具体表现{n}",
            反馈问题="“三资”管理不规范" if n <= 5 else "基层党组织建设薄弱",
        )
        for n, mode, deadline, status, submitted, closed in SAMPLE
    ]


def test_the_figures_of_an_imported_round_are_those_the_county_reported():
    registry()
    run(sample_rows(), office())
    round_ = InspectionRound.objects.get()

    [figures] = statistics_table(StatisticsFilter(round_id=round_.pk), figures=["rectification"])

    # Reported: 10 items, 5 closed (整改完成率 50%), 4 closed on time of 8 closed or
    # past their deadline (如期完成率 50%), 2 overdue; 1 asked to close (代录).
    assert figures["items"] == 10
    assert figures["items_closed"] == 5
    assert figures["rectification_rate"] == pytest.approx(0.5)
    assert figures["items_closed_on_time"] == 4 and figures["items_due"] == 8
    assert figures["on_time_rate"] == pytest.approx(0.5)
    assert figures["items_overdue"] == 2
    assert figures["items_submitted"] == 0 and figures["items_submitted_by_proxy"] == 1
    assert round_.status == RoundStatus.RECTIFICATION
    # The problems count in the year the team found them, not in the import's.
    found = round_.on_site_until.year
    in_year = StatisticsFilter(
        date_from=datetime.date(found, 1, 1), date_to=datetime.date(found, 12, 31)
    )
    [year] = statistics_table(in_year, figures=["problems"])
    assert year["problems"] == 10
    [year_end] = statistics_table(
        in_year, figures=["problems"], on=datetime.date(found, 12, 31)
    )
    assert year_end["problems"] == 10


def as_of(day: datetime.date) -> dict[int, object]:
    """Each item's latest historical row before the end of ``day`` (Shanghai), by 序号."""
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), SHANGHAI)
    latest = {}
    for record in RectificationItem.history.filter(history_date__lt=end).order_by("history_date"):
        latest[record.id] = record
    numbers = dict(ImportedLedgerRow.objects.values_list("item_id", "number"))
    return {numbers[pk]: record for pk, record in latest.items() if record.history_type != "-"}


def figures_as_of(day: datetime.date) -> dict[str, int]:
    items = as_of(day).values()
    closed = [i for i in items if i.status == ItemStatus.CLOSED]
    open_ = ("pending", "in_progress", "returned")
    return {
        "items": len(items),
        "closed": len(closed),
        "closed_on_time": sum(
            i.closed_at.astimezone(SHANGHAI).date() <= i.deadline for i in closed
        ),
        "due": len(closed) + sum(i.deadline < day for i in items if i.status != ItemStatus.CLOSED),
        "overdue": sum(i.deadline < day and i.status in open_ for i in items),
    }


def test_the_history_says_what_the_ledger_said_on_past_days():
    registry()
    run(sample_rows(), office())

    # Items enter the ledger with their feedback; one finished on site (立行立改, closed
    # 2025-03-18) enters it closed, on time, its closing day kept.
    assert figures_as_of(datetime.date(2025, 4, 14)) == dict.fromkeys(
        ("items", "closed", "closed_on_time", "due", "overdue"), 0
    )
    assert figures_as_of(datetime.date(2025, 4, 15)) == {
        "items": 10, "closed": 1, "closed_on_time": 1, "due": 1, "overdue": 0,
    }  # fmt: skip
    assert as_of(datetime.date(2025, 4, 15))[10].closed_at.date() == datetime.date(2025, 3, 18)
    # 1 July 2025: 1 and 10 closed; 2, 3 and 4 overdue; 8 asked to close (not overdue).
    assert figures_as_of(datetime.date(2025, 7, 1)) == {
        "items": 10, "closed": 2, "closed_on_time": 2, "due": 6, "overdue": 3,
    }  # fmt: skip
    day = as_of(datetime.date(2025, 7, 1))
    assert day[8].status == ItemStatus.SUBMITTED and day[8].submitted_on_behalf
    assert day[2].status == ItemStatus.PENDING and day[2].closed_at is None
    assert day[3].status == ItemStatus.PENDING  # 整改中 is known from the import only
    # Today the history agrees with the records.
    assert figures_as_of(TODAY) == {
        "items": 10, "closed": 5, "closed_on_time": 4, "due": 8, "overdue": 2,
    }  # fmt: skip
    assert as_of(TODAY)[3].status == ItemStatus.IN_PROGRESS
    # The product's figures as of each day read the same history (reports.statistics.as_of).
    for day in (datetime.date(2025, 4, 14), datetime.date(2025, 4, 15), datetime.date(2025, 7, 1)):
        assert product_figures(day) == figures_as_of(day), day


def product_figures(day: datetime.date) -> dict[str, int]:
    from reports.statistics import StatisticsFilter, statistics_table

    row = statistics_table(StatisticsFilter(), figures=["rectification"], on=day)[0]
    return {
        "items": row["items"],
        "closed": row["items_closed"],
        "closed_on_time": row["items_closed_on_time"],
        "due": row["items_due"],
        "overdue": row["items_overdue"],
    }


def test_each_record_is_dated_as_the_ledger_says():
    registry()
    actor = office()
    run([row()], actor)  # closed on 2025-06-20, fed back 2025-04-15, on site 3-10 … 3-20
    item = RectificationItem.objects.get()
    problem = item.problem

    def moments(records):
        return [
            (
                r.history_type,
                r.status,
                r.history_date.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M"),
            )
            for r in records.order_by("history_date")
        ]

    assert moments(item.history.all()) == [
        ("+", "pending", "2025-04-15 10:00"),
        ("~", "closed", "2025-06-20 17:00"),
    ]
    assert moments(problem.history.all()) == [
        ("+", ProblemStatus.CONFIRMED, "2025-03-20 09:00"),
        ("~", ProblemStatus.FED_BACK, "2025-04-15 10:00"),
    ]
    assert moments(item.problem.assignment.round.history.all()) == [
        ("+", RoundStatus.ON_SITE, "2025-03-10 08:00"),
        ("~", RoundStatus.FEEDBACK, "2025-04-15 10:00"),
        ("~", RoundStatus.RECTIFICATION, "2025-04-15 18:00"),
    ]
    assert item.history.first().history_change_reason == "台账导入"
    assert item.history.first().history_user == actor
    assert item.feedback.fed_back_on == datetime.date(2025, 4, 15)
    assert item.issue.number == 1 and item.issue.title == "“三资”管理不规范"
    assert problem.number == "导入-甲1村-001" and problem.problem_class.code == "other"
    assert item.imported_row.source["具体表现"] == "村集体资产租赁合同未经民主程序"
    [note] = item.progress_updates.all()
    assert note.on_behalf and "整改进展：已召开村民代表会议" in note.text


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"状态": "乡镇已初审"}, "第2行「状态」：乡镇初审的时间和初审人无从证明"),
        ({"状态": "退回"}, "第2行「状态」：退回的理由和时间无从证明"),
        ({"销号日期": ""}, "第2行「销号日期」：状态为已销号时必填。"),
        ({"状态": "整改中"}, "第2行「销号日期」：只有状态为已销号时才填写。"),
        ({"状态": "申请销号", "销号日期": ""}, "第2行「申请销号日期」：状态为申请销号时必填。"),
        ({"村(社区)": "无名村"}, "第2行「村(社区)」：甲镇没有村(社区)“无名村”"),
        ({"巡察时间": "2025-03-20至2025-03-10"}, "第2行「巡察时间」：撤离日期不能早于进驻日期"),
        ({"反馈日期": "2025-03-19"}, "第2行「反馈日期」：反馈日期不能早于撤离日期（2025-03-20）。"),
        ({"轮次": "三轮巡察"}, "第2行「轮次」：应写明第几轮"),
        ({"问题类别": "不存在的类"}, "第2行「问题类别」：系统问题分类中没有“不存在的类”类。"),
        ({"销号日期": "2026-03-02"}, "第2行「销号日期」：不能晚于今天。"),
        ({"整改方式": "马上改"}, "第2行「整改方式」：应为“立行立改”“限期整改”或“长期整改”"),
        ({"具体表现": "=A1"}, "第2行「具体表现」：不能是公式"),
        ({"整改时限": "长期坚持"}, "第2行「整改时限」：整改时限须是日期，实际为“长期坚持”"),
    ],
)
def test_a_row_the_ledger_cannot_prove_is_refused_with_its_row_and_column(values, expected):
    registry()
    errors = refused([row(**values)], office())
    assert len(errors) == 1 and errors[0].startswith(expected), errors
    assert RectificationItem.objects.count() == 0


def test_rows_of_one_organisation_agree_and_number_once():
    registry()
    errors = refused(
        [row(), row(序号=1, 具体表现="另一条"), row(序号=2, 反馈日期="2025-04-16")], office()
    )
    assert errors == [
        "第3行「序号」：与第2行重复：同一巡察对象内序号不能重复。",
        "第4行「反馈日期」：与第2行（同一巡察对象）不一致，同一巡察对象只能有一个反馈日期。",
    ]


def test_a_round_the_product_runs_is_not_imported_into():
    registry()
    InspectionRoundFactory(term=TermFactory(), ordinal=3, title="第三轮")
    [error] = refused([row()], office())
    assert error.startswith(
        "第2行「轮次」：系统中已有2021—2026届第3轮“第三轮”，不是由台账导入建立的"
    )


def test_a_changed_row_is_refused_and_a_new_row_added_on_a_later_import():
    registry()
    actor = office()
    run([row()], actor)

    [error] = refused([row(整改措施="另写的措施")], actor)
    assert error.startswith(
        "第2行「序号」：序号1已于此前导入且内容不同。导入只新增，不修改已导入的条目"
    )

    result = run([row(), row(序号=2, 反馈问题="新问题", 具体表现="新的表现")], actor)
    assert (result.created, result.unchanged, result.organisations_created) == (1, 1, 0)
    assert list(FeedbackIssue.objects.values_list("number", "title")) == [
        (1, "“三资”管理不规范"),
        (2, "新问题"),
    ]
    assert Feedback.objects.count() == 1 and InspectionRound.objects.count() == 1


def test_a_town_committee_row_and_the_dry_run_and_the_preview_write_nothing():
    registry()
    actor = office()
    rows = [row(**{"村(社区)": "", "责任单位": "甲镇党委"})]
    before = counts()
    assert run(rows, actor, dry_run=True).created == 1
    preview = ledger_import_preview(
        file_obj=io.BytesIO(workbook(rows)), filename="a.xlsx", actor=actor
    )
    assert counts() == before
    assert [(r.number, r.organisation, r.status) for r in preview.rows] == [
        (2, "甲镇党委", "已销号")
    ]
    run(rows, actor)
    item = RectificationItem.objects.get()
    assert item.problem.assignment.village is None and item.responsible_unit_kind == "town_party"


def test_only_the_office_imports():
    registry()
    with pytest.raises(PermissionDeniedError):
        run([row()], UserFactory(role=UserRole.LEADERSHIP))
    assert RectificationItem.objects.count() == 0


def test_the_template_imports_as_its_sample_row():
    registry(villages_per_town=0, towns=0)  # the term, taxonomy and modes
    VillageFactory(town=TownFactory(name="西夏墅镇"), name="梅林村")
    result = ledger_import(
        file_obj=io.BytesIO(template_xlsx()), filename="模板.xlsx", actor=office(), dry_run=True
    )
    assert (result.created, result.rounds_created, result.organisations_created) == (1, 1, 1)


def test_the_command(tmp_path, capsys):
    registry()
    office(username="clerk")
    good = tmp_path / "台账.xlsx"
    good.write_bytes(workbook([row()]))
    call_command("import_ledger", str(good), "--user", "clerk")
    assert RectificationItem.objects.count() == 1
    bad = tmp_path / "错误.xlsx"
    bad.write_bytes(workbook([row(序号=2, 状态="退回")]))
    with pytest.raises(CommandError, match="导入失败：发现1处错误"):
        call_command("import_ledger", str(bad), "--user", "clerk")
    assert "第2行「状态」" in capsys.readouterr().err


def queries_to_import(rows, actor) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        run(rows, actor)
    return len(queries)


@pytest.mark.postgres  # SQLite splits a bulk insert in batches of its variable limit
def test_the_queries_grow_with_neither_rows_nor_organisations():
    registry()
    actor = office()
    few = queries_to_import(big_ledger(16), actor)
    # A later file: new rows for the same organisations, and as many again.
    more = [row | {"序号": row["序号"] + 1000} for row in big_ledger(400)]
    assert queries_to_import(more, actor) <= few + 2


def test_a_concurrent_import_of_the_same_round_is_refused_whole(monkeypatch):
    """Two imports read the registry before either writes: the second meets the unique
    round (term, ordinal) and is refused, writing nothing."""
    from inspection.village_import import VillageImportError
    from rectification.ledger_import.validation import Registry

    registry()
    actor = office()
    run([row()], actor)
    before = counts()
    load = Registry.load

    def stale(table):  # the registry as read before the first import committed
        loaded = load(table)
        loaded.rounds, loaded.imported_rounds, loaded.assignments = {}, set(), {}
        loaded.fingerprints = {}
        return loaded

    monkeypatch.setattr(Registry, "load", staticmethod(stale))
    with pytest.raises(VillageImportError, match="写入时与他人同时导入的数据冲突"):
        run([row()], actor)
    assert counts() == before
