"""The columns of a county's ledger file (整改台账), their parsers and explanations.

The first thirteen are the 整改台账 of docs/DOMAIN.md ("The Excel summary"); the others say
what a past round needs: its round, organisation, dates, mode, status and closing day.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.village_import.columns import StrOrPromise
from inspection.village_import.errors import Invalid, shown
from rectification.choices import ItemStatus, RectificationMode

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip


def _text(limit: int) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if len(text) > limit:
            raise Invalid(
                _("不能超过%(limit)s个字，实际为%(length)s个字。")
                % {"limit": limit, "length": len(text)}
            )
        return text

    return parse


def _chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十五 → 25, 3 → 3 (up to 99); None if not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in CHINESE_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return CHINESE_DIGITS[text] if len(text) == 1 else None
    tens, _sep, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return CHINESE_DIGITS.get(tens, 1) * 10 + CHINESE_DIGITS.get(units, 0)


def parse_round(text: str) -> tuple[str, int]:
    """The round's title as written, and its number read from “第X轮”."""
    _text(100)(text)
    match = re.search(
        r"第\s*([0-9一二两三四五六七八九十零〇]+)\s*轮", unicodedata.normalize("NFKC", text)
    )
    ordinal = _chinese_number(match.group(1)) if match else None
    if not ordinal:
        raise Invalid(
            _("应写明第几轮，如“十四届县委第三轮巡察”或“第3轮”，实际为“%(value)s”。")
            % {"value": shown(text)}
        )
    return text, ordinal


_DATE_PATTERNS = (
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?: 00:00:00)?",
    r"(\d{4})/(\d{1,2})/(\d{1,2})",
    r"(\d{4})\.(\d{1,2})\.(\d{1,2})",
    r"(\d{4})年(\d{1,2})月(\d{1,2})日?",
)


def parse_date(text: str, *, year: int | None = None) -> datetime.date:
    value = unicodedata.normalize("NFKC", text).replace(" ", "") if "年" in text else text
    value = unicodedata.normalize("NFKC", value).strip()
    patterns = _DATE_PATTERNS
    if year is not None:  # the end of a range may leave out its year: 至3月20日
        patterns += (r"()(\d{1,2})月(\d{1,2})日?",)
    for pattern in patterns:
        match = re.fullmatch(pattern, value)
        if match:
            try:
                return datetime.date(
                    int(match.group(1) or year), int(match.group(2)), int(match.group(3))
                )
            except ValueError:
                break
    raise Invalid(
        _("应为日期，如 2025-03-10 或 2025年3月10日，实际为“%(value)s”。") % {"value": shown(text)}
    )


def parse_deadline(text: str) -> datetime.date:
    if "长期" in text or "持续" in text:
        raise Invalid(
            _("整改时限须是日期，实际为“%(value)s”：长期整改请填最后一个阶段的时限。")
            % {"value": shown(text)}
        )
    return parse_date(text)


def parse_period(text: str) -> tuple[datetime.date, datetime.date]:
    """巡察时间: “2025-03-10至2025-03-20” (also 2025年3月10日至3月20日, or ~ for 至)."""
    parts = re.split(r"\s*(?:至|~|～|—|–)\s*", unicodedata.normalize("NFKC", text).strip())
    if len(parts) != 2 or not all(parts):
        raise Invalid(
            _("应为进驻至撤离的日期，如“2025-03-10至2025-03-20”，实际为“%(value)s”。")
            % {"value": shown(text)}
        )
    start = parse_date(parts[0])
    end = parse_date(parts[1], year=start.year)
    if end < start:
        raise Invalid(_("撤离日期不能早于进驻日期，实际为“%(value)s”。") % {"value": shown(text)})
    return start, end


def parse_number(text: str) -> int:
    value = unicodedata.normalize("NFKC", text)
    if not re.fullmatch(r"[0-9]{1,6}(\.0+)?", value) or int(value.split(".")[0]) == 0:
        raise Invalid(_("应为正整数，实际为“%(value)s”。") % {"value": shown(text)})
    return int(value.split(".")[0])


def _choices(labels: dict[str, str], expected: StrOrPromise) -> Callable[[str], str]:
    def parse(text: str) -> str:
        try:
            return labels[unicodedata.normalize("NFKC", text)]
        except KeyError:
            raise Invalid(
                _("应为%(expected)s，实际为“%(value)s”。")
                % {"expected": expected, "value": shown(text)}
            ) from None

    return parse


MODES = {
    "立行立改": RectificationMode.IMMEDIATE,
    "限期整改": RectificationMode.TIME_LIMITED,
    "长期整改": RectificationMode.LONG_TERM,
    "长期坚持": RectificationMode.LONG_TERM,
}
# The statuses a file can prove; see the package's docstring for those it cannot.
STATUSES = {
    "待整改": ItemStatus.PENDING,
    "未整改": ItemStatus.PENDING,
    "整改中": ItemStatus.IN_PROGRESS,
    "正在整改": ItemStatus.IN_PROGRESS,
    "申请销号": ItemStatus.SUBMITTED,
    "已销号": ItemStatus.CLOSED,
    "销号": ItemStatus.CLOSED,
}
REFUSED_STATUSES = {
    "乡镇已初审": _lazy(
        "乡镇初审的时间和初审人无从证明：请按“申请销号”并填写申请销号日期导入，由乡镇在系统中重新初审。"
    ),
    "退回": _lazy(
        "退回的理由和时间无从证明：请按“整改中”导入（同为未完成，统计口径相同），退回意见写入备注。"
    ),
}


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    parse: Callable[[str], Any]
    example: str
    accepted: StrOrPromise
    required: bool = False


# fmt: off
COLUMNS: tuple[Column, ...] = (
    Column("轮次", "round", parse_round, "十四届县委第三轮巡察", required=True, accepted=_lazy(
        "轮次名称，须写明“第X轮”；同一届次（按进驻日期确定）内轮次相同即为同一轮次。"
        "系统中已有且非导入建立的轮次不能导入")),
    Column("乡镇", "town", _text(50), "西夏墅镇", required=True, accepted=_lazy(
        "巡察对象所在乡镇(街道)全称，须与村(社区)名册一致")),
    Column("村(社区)", "village", _text(50), "梅林村", accepted=_lazy(
        "巡察对象村(社区)全称，须已在村(社区)名册中；留空表示巡察对象为乡镇党委本身")),
    Column("巡察时间", "period", parse_period, "2025-03-10至2025-03-20", required=True,
           accepted=_lazy("进驻至撤离日期，如 2025-03-10至2025-03-20 或 2025年3月10日至3月20日；"
                          "同一巡察对象各行须一致")),
    Column("反馈日期", "fed_back_on", parse_date, "2025-04-15", required=True, accepted=_lazy(
        "巡察反馈日期，不早于撤离日期、不晚于今天；同一巡察对象各行须一致")),
    Column("序号", "sequence", parse_number, "1", required=True, accepted=_lazy(
        "该巡察对象台账内的序号（正整数，同一巡察对象内不重复）；轮次、巡察对象和序号确定一条台账，"
        "重复导入同一行不会重复写入")),
    Column("反馈问题", "issue", _text(200), "“三资”管理不规范", required=True, accepted=_lazy(
        "反馈意见中的问题；同一巡察对象内文字相同的行归入同一反馈问题，按出现顺序编号")),
    Column("具体表现", "facts", _text(5000), "村集体资产租赁合同未经民主程序", required=True,
           accepted=_lazy("该问题的具体表现，每行一条，即一份问题底稿")),
    Column("问题类别", "problem_class", _text(100), "其他", accepted=_lazy(
        "四个聚焦 → 方面 → 类中“类”的名称，须是系统问题分类中的类；留空为“其他”")),
    Column("整改目标", "target", _text(5000), "规范合同管理", accepted=_lazy("选填")),
    Column("整改措施", "measures", _text(5000), "重新履行民主程序，清理合同",
           accepted=_lazy("选填")),
    Column("责任领导", "supervising_leader", _text(50), "王建国",
           accepted=_lazy("选填，不超过50个字")),
    Column("责任单位", "unit", _text(100), "梅林村党支部", required=True, accepted=_lazy(
        "不超过100个字")),
    Column("责任人", "person", _text(50), "李明", accepted=_lazy("选填，不超过50个字")),
    Column("整改方式", "mode", _choices(MODES, _lazy("“立行立改”“限期整改”或“长期整改”")),
           "限期整改", accepted=_lazy("立行立改、限期整改、长期整改；留空为限期整改")),
    Column("整改时限", "deadline", parse_deadline, "2025-06-30", required=True, accepted=_lazy(
        "日期，不早于进驻日期；长期整改填最后一个阶段的时限")),
    Column("状态", "status", _choices(STATUSES, _lazy("“待整改”“整改中”“申请销号”或“已销号”")),
           "已销号", required=True, accepted=_lazy(
        "待整改、整改中、申请销号（须填申请销号日期）、已销号（须填销号日期）；"
        "“乡镇已初审”“退回”无法从台账证明，不能导入")),
    Column("申请销号日期", "submitted_on", parse_date, "", accepted=_lazy(
        "状态为申请销号时必填；该申请记为巡察办代录，不算责任单位本人的申请")),
    Column("销号日期", "closed_on", parse_date, "2025-06-20", accepted=_lazy(
        "状态为已销号时必填，不早于进驻日期、不晚于今天；其他状态须留空")),
    Column("整改进展", "progress", _text(5000), "已召开村民代表会议重新表决", accepted=_lazy(
        "选填；与完成情况、佐证材料、备注一并记为一条代录的整改进展")),
    Column("完成情况", "completion", _text(5000), "已完成", accepted=_lazy("选填")),
    Column("佐证材料", "evidence", _text(5000), "会议记录、新合同", accepted=_lazy(
        "选填，材料名称（文件本身请在系统中上传）")),
    Column("备注", "note", _text(5000), "", accepted=_lazy("选填")),
)
# fmt: on
COLUMNS_BY_HEADER = {column.header: column for column in COLUMNS}
SHEET_NAME = "整改台账"
