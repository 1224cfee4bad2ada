"""The columns of the roster file, their parsers and explanations."""

from __future__ import annotations

import datetime
import re
import unicodedata

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.choices import RosterBody
from inspection.village_import.columns import (
    Column,
    _choice_parser,
    _parse_name,
    _parse_yes_no,
    parse_code,
)
from inspection.village_import.errors import Invalid, shown

SHEET_NAME = "两委及村务监督委员会名册"
CODE, VILLAGE, NAME, BODY, POST, STARTED, ENDED, PARTY = (
    "村代码",
    "村(社区)",
    "姓名",
    "所属组织",
    "职务",
    "任职起始",
    "任职截止",
    "党员",
)

_BODIES = {
    "村党组织": RosterBody.PARTY,
    "党组织": RosterBody.PARTY,
    "村党委": RosterBody.PARTY,
    "村党总支": RosterBody.PARTY,
    "村党支部": RosterBody.PARTY,
    "村民委员会": RosterBody.VILLAGERS,
    "村委会": RosterBody.VILLAGERS,
    "居民委员会": RosterBody.VILLAGERS,
    "居委会": RosterBody.VILLAGERS,
    "村务监督委员会": RosterBody.SUPERVISION,
    "监委会": RosterBody.SUPERVISION,
    "村务监督委员会(居务监督委员会)": RosterBody.SUPERVISION,
    "居务监督委员会": RosterBody.SUPERVISION,
}
_parse_body = _choice_parser(_BODIES, _lazy("“村党组织”“村民委员会”或“村务监督委员会”"))

_DATE_PATTERNS = (
    r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})( 00:00:00)?",
    r"(?P<y>[0-9]{4})/(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})",
    r"(?P<y>[0-9]{4})\.(?P<m>[0-9]{1,2})\.(?P<d>[0-9]{1,2})",
    r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日",
    r"(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})",
    r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月",
)


def parse_date(text: str) -> datetime.date:
    """2021-01-05, 2021/1/5, 2021.1.5, 2021年1月5日, or a month (2021-01, 2021年1月: its
    first day); an Excel date cell reads as 2021-01-05 00:00:00."""
    value = unicodedata.normalize("NFKC", text).strip()
    for pattern in _DATE_PATTERNS:
        match = re.fullmatch(pattern, value)
        if match:
            parts = match.groupdict()
            try:
                return datetime.date(int(parts["y"]), int(parts["m"]), int(parts.get("d") or 1))
            except ValueError:
                break
    raise Invalid(
        _("应为日期（如 2021-01-05、2021/1/5 或 2021年1月），实际为“%(value)s”。")
        % {"value": shown(text)}
    )


# fmt: off
COLUMNS: tuple[Column, ...] = (
    Column(CODE, "code", parse_code, "320411102201", required=True, accepted=_lazy(
        "12位村代码，须是系统中已有的村(社区)")),
    Column(VILLAGE, "village_name", _parse_name, "梅林村", blank="", accepted=_lazy(
        "村(社区)名称，便于核对；填写时须与村代码对应的名称一致")),
    Column(NAME, "name", _parse_name, "王建国", required=True, accepted=_lazy(
        "姓名，不超过50个字")),
    Column(BODY, "body", _parse_body, "村党组织", required=True, accepted=_lazy(
        "村党组织、村民委员会或村务监督委员会（也可写村委会、监委会）")),
    Column(POST, "post", _parse_name, "书记", required=True, accepted=_lazy(
        "职务，如书记、副书记、委员、主任、副主任、主任委员，不超过50个字")),
    Column(STARTED, "started_on", parse_date, "2021-01-05", required=True, accepted=_lazy(
        "任职起始日期，如 2021-01-05、2021/1/5 或 2021年1月（按当月1日）")),
    Column(ENDED, "ended_on", parse_date, "", blank=None, accepted=_lazy(
        "任职截止日期；空白表示现任，不能早于任职起始")),
    Column(PARTY, "is_party_member", _parse_yes_no, "是", blank=False, accepted=_lazy(
        "是否中共党员：是/否（也可填 Y/N、1/0、true/false），空白视为否")),
)
# fmt: on
COLUMNS_BY_HEADER = {column.header: column for column in COLUMNS}
