"""Ledger files for the import tests: a registry of towns and villages, and rows."""

import io

import openpyxl

from inspection.choices import UserRole
from rectification.ledger_import import COLUMNS, SHEET_NAME
from tests.factories import (
    TermFactory,
    TownFactory,
    UserFactory,
    VillageFactory,
    catalogue_class,
    mode_of,
)

HEADERS = [column.header for column in COLUMNS]


def registry(villages_per_town: int = 4, towns: int = 2):
    """The county's registry, term (2021-10-01 … 2026-12-31) and problem taxonomy (its
    其他 class, which a blank 问题类别 stands for) and modes; towns 甲镇, 乙镇 …"""
    catalogue_class("other")  # seeded again if a flush removed it, as the modes are
    mode_of("regular")
    TermFactory()
    made = []
    for t in range(towns):
        town = TownFactory(name=f"{'甲乙丙丁戊'[t]}镇")
        made += [
            VillageFactory(town=town, name=f"{town.name[0]}{v + 1}村")
            for v in range(villages_per_town)
        ]
    return made


def office(**kwargs):
    return UserFactory(role=UserRole.OFFICE_STAFF, **kwargs)


def row(**values) -> dict:
    base = {
        "轮次": "十四届县委第三轮巡察",
        "乡镇": "甲镇",
        "村(社区)": "甲1村",
        "巡察时间": "2025-03-10至2025-03-20",
        "反馈日期": "2025-04-15",
        "序号": 1,
        "反馈问题": "“三资”管理不规范",
        "具体表现": "村集体资产租赁合同未经民主程序",
        "问题类别": "",
        "整改目标": "规范合同管理",
        "整改措施": "重新履行民主程序",
        "责任领导": "王建国",
        "责任单位": "甲1村党支部",
        "责任人": "李明",
        "整改方式": "限期整改",
        "整改时限": "2025-06-30",
        "状态": "已销号",
        "申请销号日期": "",
        "销号日期": "2025-06-20",
        "整改进展": "已召开村民代表会议",
        "完成情况": "已完成",
        "佐证材料": "会议记录",
        "备注": "",
    }
    return base | values


def workbook(rows: list[dict], headers=HEADERS) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_NAME)
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(header, "") for header in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def big_ledger(count: int = 2000, villages: int = 8) -> list[dict]:
    """``count`` rows over ``villages`` villages of two towns (4 each), two rounds."""
    rows = []
    for n in range(count):
        v = n % villages
        town = "甲镇" if v < villages // 2 else "乙镇"
        round_ = "十四届县委第三轮巡察" if n % 2 == 0 else "十四届县委第四轮巡察"
        period, fed = (
            ("2025-03-10至2025-03-20", "2025-04-15")
            if n % 2 == 0
            else ("2025-09-01至2025-09-12", "2025-10-20")
        )
        status = ("已销号", "整改中", "待整改", "申请销号")[n % 4]
        rows.append(
            row(
                轮次=round_,
                乡镇=town,
                **{"村(社区)": f"{town[0]}{v % (villages // 2) + 1}村"},
                巡察时间=period,
                反馈日期=fed,
                序号=n + 1,
                反馈问题=f"反馈问题{n % 7 + 1}",
                具体表现=f"具体表现第{n + 1}条",
                整改时限="2025-12-31" if n % 2 else "2025-06-30",
                状态=status,
                申请销号日期="2025-11-01" if status == "申请销号" else "",
                销号日期=("2025-11-20" if n % 2 else "2025-06-20") if status == "已销号" else "",
            )
        )
    return rows
