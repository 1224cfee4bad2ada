"""The columns of the registry file: their headers, parsers and explanations."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.choices import AttentionClass, VillageKind
from inspection.village_import.errors import Invalid, shown

StrOrPromise = str | Promise  # a text marked ``_lazy``, translated when shown
NAME_MAX_LENGTH = 50
KEEP = object()  # a blank optional cell: keep the stored value (or the model default)
# Control, format (zero-width, direction marks), surrogate, private-use and unassigned
# characters, and line or paragraph separators: a name holding one looks like another name.
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _parse_name(text: str) -> str:
    if len(text) > NAME_MAX_LENGTH:
        raise Invalid(
            _("不能超过%(limit)s个字，实际为%(length)s个字。")
            % {"limit": NAME_MAX_LENGTH, "length": len(text)}
        )
    if text.startswith(("+", "-", "@")):
        # "=" is refused in every column; these three start a formula in a spreadsheet too.
        raise Invalid(
            _("名称不能以“%(first)s”开头（会被表格软件当作公式），实际为“%(value)s”。")
            % {"first": text[0], "value": shown(text)}
        )
    hidden = sorted(
        {f"U+{ord(c):04X}" for c in text if unicodedata.category(c) in INVISIBLE_CATEGORIES}
    )
    if hidden:
        raise Invalid(
            _(
                "含有看不见的字符（%(characters)s，如零宽空格、换行或文字方向控制符），"
                "请删除后重新填写。"
            )
            % {"characters": _("、").join(hidden[:3])}
        )
    return text


def parse_code(text: str) -> str:
    code = unicodedata.normalize("NFKC", text)
    if re.fullmatch(r"[0-9]{12}", code):
        return code
    if re.fullmatch(r"[0-9.]+[eE][+]?[0-9]+", code):
        message = _(
            "应为12位数字，实际为“%(value)s”。"
            "Excel 以科学计数法显示的长数字已丢失位数，请把该列设为文本后重新填写。"
        )
    else:
        message = _("应为12位数字，实际为“%(value)s”。")
    raise Invalid(message % {"value": shown(text)})


def _parse_count(text: str) -> int:
    value = unicodedata.normalize("NFKC", text)
    if re.fullmatch(r"-\s*[0-9][0-9,]*(\.0+)?", value):
        raise Invalid(_("不能为负数，实际为“%(value)s”。") % {"value": shown(text)})
    if not re.fullmatch(r"([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.0+)?", value):
        raise Invalid(_("应为非负整数，实际为“%(value)s”。") % {"value": shown(text)})
    number = int(value.replace(",", "").split(".")[0])
    if number > 2_147_483_647:
        raise Invalid(_("数值过大，实际为“%(value)s”。") % {"value": shown(text)})
    return number


def _parse_amount(text: str) -> Decimal:
    value = unicodedata.normalize("NFKC", text).removesuffix("元").strip()
    if re.fullmatch(r"-\s*[0-9][0-9,]*(\.[0-9]*)?", value):
        raise Invalid(_("不能为负数，实际为“%(value)s”。") % {"value": shown(text)})
    match = re.fullmatch(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?", value)
    if not match:
        raise Invalid(
            _("应为以元为单位的金额（如 1234.50 或 1,234.50），实际为“%(value)s”。")
            % {"value": shown(text)}
        )
    if match.group(2) and len(match.group(2).rstrip("0")) > 2:
        raise Invalid(_("金额最多保留两位小数，实际为“%(value)s”。") % {"value": shown(text)})
    amount = Decimal(value.replace(",", "")).quantize(Decimal("0.01"))
    if amount >= Decimal("1e12"):
        raise Invalid(_("金额过大，实际为“%(value)s”。") % {"value": shown(text)})
    return amount


_YES = {"是", "y", "yes", "1", "true"}
_NO = {"否", "n", "no", "0", "false"}


def _parse_yes_no(text: str) -> bool:
    value = unicodedata.normalize("NFKC", text).lower()
    if value in _YES | _NO:
        return value in _YES
    raise Invalid(
        _("应为“是”或“否”（也可填 Y/N、1/0、true/false），实际为“%(value)s”。")
        % {"value": shown(text)}
    )


def _choice_parser(labels: dict[str, str], expected: StrOrPromise) -> Callable[[str], str]:
    def parse(text: str) -> str:
        try:
            return labels[unicodedata.normalize("NFKC", text)]
        except KeyError:
            raise Invalid(
                _("应为%(expected)s，实际为“%(value)s”。")
                % {"expected": expected, "value": shown(text)}
            ) from None

    return parse


_VILLAGE_KINDS = {
    "行政村": VillageKind.VILLAGE,
    "村": VillageKind.VILLAGE,
    "社区": VillageKind.COMMUNITY,
}
_ATTENTION_CLASSES = {
    "一般关注类": AttentionClass.GENERAL,
    "一般关注": AttentionClass.GENERAL,
    "一般": AttentionClass.GENERAL,
    "风险关注类": AttentionClass.RISK,
    "风险关注": AttentionClass.RISK,
    "风险": AttentionClass.RISK,
    "重点隐患类": AttentionClass.KEY_HAZARD,
    "重点隐患": AttentionClass.KEY_HAZARD,
    "重点": AttentionClass.KEY_HAZARD,
}


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    parse: Callable[[str], Any]
    example: str
    accepted: StrOrPromise  # explained in the template's second sheet and on the import page
    required: bool = False
    blank: Any = KEEP  # what an empty cell means


_parse_village_kind = _choice_parser(_VILLAGE_KINDS, _lazy("“行政村”“村”或“社区”"))
_parse_attention = _choice_parser(
    _ATTENTION_CLASSES, _lazy("“一般关注类”“风险关注类”或“重点隐患类”")
)

# fmt: off
COLUMNS: tuple[Column, ...] = (
    Column("乡镇", "town", _parse_name, "西夏墅镇", required=True, accepted=_lazy(
        "乡镇(街道)全称；系统中没有的乡镇将自动新建，名称须以“镇”“乡”或“街道”结尾")),
    Column("村(社区)", "name", _parse_name, "梅林村", required=True, accepted=_lazy(
        "村(社区)全称，同一乡镇内不能重复，不超过50个字")),
    Column("村代码", "code", parse_code, "320411102201", required=True, accepted=_lazy(
        "12位统计用区划代码，前9位须与乡镇区划代码一致；已有的村代码更新该村，新的村代码新增")),
    Column("类型", "kind", _parse_village_kind, "行政村", accepted=_lazy(
        "行政村（或“村”）、社区；新增时默认行政村")),
    Column("人口", "population", _parse_count, "2680", accepted=_lazy("非负整数")),
    Column("户数", "households", _parse_count, "812", accepted=_lazy("非负整数")),
    Column("党员数", "party_members", _parse_count, "96", accepted=_lazy("非负整数")),
    Column("集体经济收入", "collective_income", _parse_amount, "1,234,500.50", accepted=_lazy(
        "上年村集体经济收入，单位元，非负，最多两位小数，可带千分位逗号")),
    Column("信访量", "petitions_last_year", _parse_count, "3", accepted=_lazy(
        "上年信访件数，非负整数")),
    Column("一肩挑", "secretary_is_director", _parse_yes_no, "是", blank=False, accepted=_lazy(
        "书记、主任是否“一肩挑”：是/否（也可填 Y/N、1/0、true/false），空白视为否")),
    Column("关注类别", "attention_class", _parse_attention, "风险关注类", accepted=_lazy(
        "一般关注类、风险关注类、重点隐患类（可简写为一般/风险/重点）；新增时默认一般关注类")),
)
# fmt: on
COLUMNS_BY_HEADER = {column.header: column for column in COLUMNS}
TOWN, NAME, CODE = "乡镇", "村(社区)", "村代码"
