"""The floors of the Excel exports: the same rows read with a plain server-side cursor and
written, as they come, with no styles and no per-cell work — by each library's plain loop:
openpyxl's write-only sheets (``append``), and XlsxWriter's constant_memory sheets
(``write_row``), the library the product writes with (issue 23).

Labels, progress text and overdue days are computed in SQL, so Python only passes rows
through. The rows are those of ``reports.exports`` for the office over the whole data
set (or one round)."""

import datetime

import xlsxwriter
from django.db import connection
from openpyxl import Workbook

from findings.choices import ProblemNature, ProblemSource, ProblemStatus, Severity
from findings.models import ProblemFocus
from inspection.choices import AlertStage
from rectification.choices import ItemStatus, RectificationMode

SHANGHAI = "AT TIME ZONE 'Asia/Shanghai'"
# The resident memory is read once at this row (``MEMORY["at_row"]``): flat memory is the
# same there as at the end.
MEMORY_AT = 50_000
MEMORY: dict[str, float] = {}


def label(column: str, choices) -> str:
    whens = " ".join(f"WHEN '{value}' THEN '{text}'" for value, text in _labels(choices))
    return f"(CASE {column} {whens} ELSE '' END)"


def _labels(choices):
    from django.utils import translation

    with translation.override("zh-hans"):
        return [(value, str(text)) for value, text in choices.choices]


def ledger_sql(today: datetime.date, round_id: int | None) -> str:
    day = f"DATE '{today.isoformat()}'"
    where = f"WHERE a.round_id = {int(round_id)}" if round_id else ""
    return f"""
        SELECT row_number() OVER (ORDER BY t.code, v.code, ri.deadline, ri.id),
          pcl.name, p.facts, ri.measures, ri.responsible_unit,
          ri.responsible_person, ri.deadline,
          CASE WHEN pu.text IS NULL THEN NULL ELSE pu.percent || '%：' || pu.text END,
          CASE WHEN ri.status = 'closed' AND ri.closed_at IS NOT NULL
               THEN '已销号（' || to_char(ri.closed_at {SHANGHAI}, 'YYYY-MM-DD') || '）'
               WHEN ri.deadline < {day}
                AND ri.status NOT IN ('submitted', 'town_reviewed', 'closed')
               THEN {label("ri.status", ItemStatus)} || '（逾期' || ({day} - ri.deadline) || '天）'
               ELSE {label("ri.status", ItemStatus)} END,
          t.name, coalesce(v.name, t.name || '党委'), {label("ri.mode", RectificationMode)},
          ri.supervising_leader, ri.closed_at {SHANGHAI}
        FROM rectification_rectificationitem ri
        JOIN findings_problem p ON p.id = ri.problem_id
        LEFT JOIN findings_problemclass pcl ON pcl.id = p.problem_class_id
        JOIN rounds_assignment a ON a.id = p.assignment_id
        JOIN inspection_town t ON t.id = a.town_id
        LEFT JOIN inspection_village v ON v.id = a.village_id
        LEFT JOIN LATERAL (
          SELECT u.text, u.percent FROM rectification_progressupdate u
          WHERE u.item_id = ri.id ORDER BY u.created_at DESC, u.id DESC LIMIT 1) pu ON true
        {where}
        ORDER BY t.code, v.code, ri.deadline, ri.id"""


def problems_sql() -> str:
    return f"""
        SELECT row_number() OVER (ORDER BY t.code, v.code, p.created_at, p.id), t.name,
          coalesce(v.name, t.name || '党委'), r.title,
          CASE WHEN tm.number IS NULL THEN NULL ELSE '第' || tm.number || '巡察组' END,
          pf.name, pa.name, pcl.name, {label("p.nature", ProblemNature)}, p.facts,
          CASE WHEN si.id IS NULL THEN NULL ELSE si.code || ' ' || si.title END,
          {label("p.source", ProblemSource)}, p.amount, {label("p.severity", Severity)},
          CASE WHEN p.is_common THEN '是' ELSE '否' END,
          CASE WHEN coalesce(ri.mode = 'immediate', p.fix_immediately) THEN '是' ELSE '否' END,
          {label("p.status", ProblemStatus)}, p.created_at {SHANGHAI}
        FROM findings_problem p
        LEFT JOIN findings_problemclass pcl ON pcl.id = p.problem_class_id
        LEFT JOIN findings_problemaspect pa ON pa.id = pcl.aspect_id
        LEFT JOIN findings_problemfocus pf ON pf.id = pa.focus_id
        JOIN rounds_assignment a ON a.id = p.assignment_id
        JOIN rounds_inspectionround r ON r.id = a.round_id
        JOIN inspection_town t ON t.id = a.town_id
        LEFT JOIN inspection_village v ON v.id = a.village_id
        LEFT JOIN rounds_team tm ON tm.id = a.team_id
        LEFT JOIN rounds_supervisionitem si ON si.id = p.supervision_item_id
        LEFT JOIN rectification_rectificationitem ri ON ri.problem_id = p.id
        WHERE p.status <> 'draft'
        ORDER BY t.code, v.code, p.created_at, p.id"""


def clues_sql() -> str:
    return """
        SELECT row_number() OVER (ORDER BY c.transferred_on, c.id), r.title, t.name,
          coalesce(v.name, t.name || '党委'), c.summary,
          (SELECT string_agg(s.name || '（' || s.post || '）', '；' ORDER BY s.id)
             FROM findings_cluesubject s WHERE s.clue_id = c.id),
          c.amount, c.receiving_body, c.letter_number, c.transferred_on,
          CASE WHEN c.transferred_on_site THEN '是' ELSE '否' END, c.status,
          c.disposition_method, c.outcome, c.concluded_on, c.persons_case_filed,
          c.persons_sanctioned, c.funds_recovered, c.result_due_on
        FROM findings_clue c JOIN rounds_inspectionround r ON r.id = c.round_id
        LEFT JOIN rounds_assignment a ON a.id = c.assignment_id
        LEFT JOIN inspection_town t ON t.id = a.town_id
        LEFT JOIN inspection_village v ON v.id = a.village_id
        WHERE c.status IN ('transferred', 'received', 'disposing', 'concluded')
        ORDER BY c.transferred_on, c.id"""


def overdue_sql(today: datetime.date) -> str:
    day = f"DATE '{today.isoformat()}'"
    return f"""
        SELECT row_number() OVER (ORDER BY ri.deadline, t.code, v.code, ri.id), t.name,
          coalesce(v.name, t.name || '党委'), pcl.name, p.facts,
          ri.responsible_unit, ri.responsible_person, ri.supervising_leader, ri.deadline,
          {day} - ri.deadline, {label("ri.status", ItemStatus)},
          {label("al.stage", AlertStage)}, al.created_at {SHANGHAI}
        FROM rectification_rectificationitem ri
        JOIN findings_problem p ON p.id = ri.problem_id
        LEFT JOIN findings_problemclass pcl ON pcl.id = p.problem_class_id
        JOIN rounds_assignment a ON a.id = p.assignment_id
        JOIN inspection_town t ON t.id = a.town_id
        LEFT JOIN inspection_village v ON v.id = a.village_id
        LEFT JOIN LATERAL (SELECT x.stage, x.created_at FROM rectification_alert x
          WHERE x.item_id = ri.id ORDER BY x.created_at DESC, x.id DESC LIMIT 1) al ON true
        WHERE ri.deadline < {day} AND ri.status IN ('pending', 'in_progress', 'returned')
        ORDER BY ri.deadline, t.code, v.code, ri.id"""


def summary_sql(today: datetime.date) -> str:
    """One row a village: the counts of the 汇总 sheet, one grouped subquery a table."""
    day = f"DATE '{today.isoformat()}'"
    # One column a focus (the county's), then one a nature: as the 汇总 sheet.
    keys = [
        *(
            f"pa.focus_id = {pk}"
            for pk in ProblemFocus.objects.order_by("order", "id").values_list("pk", flat=True)
        ),
        *(f"p.nature = '{value}'" for value in ProblemNature.values),
    ]
    per_category = ", ".join(f"coalesce(pc.c{n}, 0)" for n in range(len(keys)))
    named = ", ".join(
        f"count(*) FILTER (WHERE {condition}) AS c{n}" for n, condition in enumerate(keys)
    )
    return f"""
        WITH iv AS (SELECT a.village_id, count(*) n FROM rounds_interview i
                      JOIN rounds_assignment a ON a.id = i.assignment_id GROUP BY 1),
             ac AS (SELECT a.village_id, sum(x.questionnaires_distributed) d,
                      sum(x.questionnaires_returned) r FROM rounds_activity x
                      JOIN rounds_assignment a ON a.id = x.assignment_id GROUP BY 1),
             pc AS (SELECT a.village_id, count(*) n, {named},
                      count(*) FILTER (WHERE ri.mode = 'immediate') im
                      FROM findings_problem p JOIN rounds_assignment a ON a.id = p.assignment_id
                      LEFT JOIN findings_problemclass pcl ON pcl.id = p.problem_class_id
                      LEFT JOIN findings_problemaspect pa ON pa.id = pcl.aspect_id
                      LEFT JOIN rectification_rectificationitem ri ON ri.problem_id = p.id
                      WHERE p.status <> 'draft' GROUP BY 1),
             cl AS (SELECT a.village_id, count(*) n FROM findings_clue c
                      JOIN rounds_assignment a ON a.id = c.assignment_id
                      WHERE c.status IN ('transferred', 'received', 'disposing', 'concluded')
                      GROUP BY 1),
             it AS (SELECT a.village_id, count(*) n,
                      count(*) FILTER (WHERE ri.status = 'closed') closed,
                      count(*) FILTER (WHERE ri.deadline < {day}
                        AND ri.status IN ('pending', 'in_progress', 'returned')) overdue
                      FROM rectification_rectificationitem ri
                      JOIN findings_problem p ON p.id = ri.problem_id
                      JOIN rounds_assignment a ON a.id = p.assignment_id GROUP BY 1)
        SELECT t.name, v.name, NULL, coalesce(iv.n, 0), coalesce(ac.d, 0), coalesce(ac.r, 0),
          {per_category}, coalesce(pc.n, 0), coalesce(cl.n, 0), coalesce(pc.im, 0),
          coalesce(it.n, 0), coalesce(it.closed, 0),
          round(it.closed::numeric / nullif(it.n, 0), 4), coalesce(it.overdue, 0)
        FROM inspection_village v JOIN inspection_town t ON t.id = v.town_id
        LEFT JOIN iv ON iv.village_id = v.id LEFT JOIN ac ON ac.village_id = v.id
        LEFT JOIN pc ON pc.village_id = v.id LEFT JOIN cl ON cl.village_id = v.id
        LEFT JOIN it ON it.village_id = v.id
        WHERE v.id IN (SELECT village_id FROM rounds_assignment)
        ORDER BY t.code, v.code"""


def _rows(sql: str, name: str):
    """The rows of ``sql`` through a server-side cursor, and the process's resident memory
    at row 50,000 (``memory``, MiB) once there."""
    with connection.connection.cursor(name=f"bare_{name}") as cursor:
        cursor.itersize = 2000
        cursor.execute(sql)
        for number, row in enumerate(cursor, start=1):
            if number == MEMORY_AT:
                MEMORY["at_row"] = resident_mib()
            yield row


def resident_mib() -> float:
    """This process's resident memory now (VmRSS), MiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _write_openpyxl(path: str, sheets) -> int:
    workbook = Workbook(write_only=True)
    rows = 0
    for title, sql in sheets:
        sheet = workbook.create_sheet(title)
        for row in _rows(sql, f"{rows}_{id(sheet)}"):
            sheet.append(row)
            rows += 1
    workbook.save(path)
    return rows


def _write_xlsxwriter(path: str, sheets) -> int:
    # Strings are written as strings (no formula, number or link guessed from a text),
    # as the product writes them.
    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(path, options)
    rows = 0
    for title, sql in sheets:
        sheet = workbook.add_worksheet(title)
        for number, row in enumerate(_rows(sql, f"{rows}_{id(sheet)}")):
            sheet.write_row(number, 0, row)
            rows += 1
    workbook.close()
    return rows


LIBRARIES = {"openpyxl": _write_openpyxl, "xlsxwriter": _write_xlsxwriter}


def bare_workbook(scope: str, path: str, round_id: int | None, library: str = "openpyxl") -> int:
    from django.db import transaction
    from django.utils import timezone

    today = timezone.localdate()
    if scope == "ledger":
        sheets = [("整改台账", ledger_sql(today, round_id))]
    else:
        sheets = [
            ("汇总", summary_sql(today)),
            ("问题清单", problems_sql()),
            ("整改台账", ledger_sql(today, None)),
            ("线索移交", clues_sql()),
            ("逾期预警", overdue_sql(today)),
        ]
    with transaction.atomic():  # a named (server-side) cursor lives in a transaction
        connection.ensure_connection()
        return LIBRARIES[library](path, sheets)
