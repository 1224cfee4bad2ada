"""The floor of each statistic: hand-written SQL computing the same numbers, with the
fewest joins the grouping needs. The benchmark runs it on the same data, in the same
run, and checks that it answers exactly what the endpoint answers."""

import datetime

OPEN = "('pending', 'in_progress', 'returned')"
TRANSFERRED = "('transferred', 'received', 'disposing', 'concluded')"
ON_SITE_OR_LATER = "('on_site', 'reporting', 'feedback', 'rectification', 'closed')"

# Where each grouping's key is, for rows that reach an assignment ``a`` (and round ``r``).
ASSIGNMENT_KEYS = {
    "term": "r.term_id",
    "round": "a.round_id",
    "town": "a.town_id",
    "village": "a.village_id",
    "team": "a.team_id",
}


def _assignment_sql(table: str, alias: str, fk: str, group: str | None, problem_class: str | None):
    """FROM/GROUP parts for a table whose rows have an assignment at ``alias.fk``."""
    if group is None:
        return f"{table} {alias}", None
    if group == "class":
        return f"{table} {alias}", problem_class
    joins = f"{table} {alias} JOIN rounds_assignment a ON a.id = {alias}.{fk}"
    if group == "term":
        joins += " JOIN rounds_inspectionround r ON r.id = a.round_id"
    return joins, ASSIGNMENT_KEYS[group]


def _round_level_sql(table: str, alias: str, group: str | None):
    """Petitions and clues: term and round through their own round, places through the
    (optional) assignment."""
    if group is None:
        return f"{table} {alias}", None
    if group == "round":
        return f"{table} {alias}", f"{alias}.round_id"
    if group == "term":
        return (
            f"{table} {alias} JOIN rounds_inspectionround r ON r.id = {alias}.round_id",
            "r.term_id",
        )
    joins = f"{table} {alias} LEFT JOIN rounds_assignment a ON a.id = {alias}.assignment_id"
    return joins, ASSIGNMENT_KEYS[group]


def _select(source: tuple[str, str | None], columns: str, where: str = "") -> str:
    tables, key = source
    where = f" WHERE {where}" if where else ""
    if key is None:
        return f"SELECT NULL AS key, {columns} FROM {tables}{where}"
    return f"SELECT {key} AS key, {columns} FROM {tables}{where} GROUP BY {key}"


def coverage(group: str | None, on: datetime.date) -> str:
    key = "v.town_id" if group == "town" else "NULL"
    inspected = (
        "SELECT a.village_id FROM rounds_assignment a "
        "JOIN rounds_inspectionround r ON r.id = a.round_id "
        "JOIN inspection_term t ON t.id = r.term_id "
        "JOIN rounds_inspectionmode m ON m.id = a.mode_id "
        f"WHERE r.status IN {ON_SITE_OR_LATER} AND a.village_id IS NOT NULL AND t.is_current "
        "AND m.counts_toward_coverage"
    )
    sql = (
        f"SELECT {key} AS key, count(*) AS villages, "
        f"count(*) FILTER (WHERE v.id IN ({inspected})) AS inspected "
        "FROM inspection_village v WHERE v.is_active"
    )
    return sql + (" GROUP BY v.town_id" if group == "town" else "")


def interviews(group, on) -> str:
    return _select(
        _assignment_sql("rounds_interview", "i", "assignment_id", group, None),
        "count(*) AS interviews",
    )


def activities(group, on) -> str:
    visits = "('household_visit', 'poor_household_visit')"
    columns = (
        "coalesce(sum(x.questionnaires_distributed), 0) AS questionnaires_distributed, "
        "coalesce(sum(x.questionnaires_returned), 0) AS questionnaires_returned, "
        "count(*) FILTER (WHERE x.kind = 'symposium') AS symposia, "
        "count(*) FILTER (WHERE x.kind = 'research') AS research_activities, "
        "count(*) FILTER (WHERE x.kind = 'document_review') AS document_reviews, "
        "count(*) FILTER (WHERE x.kind = 'night_visit') AS night_visits, "
        f"coalesce(sum(x.households) FILTER (WHERE x.kind IN {visits}), 0) AS households_visited, "
        "coalesce(sum(x.households) FILTER (WHERE x.kind = 'poor_household_visit'), 0) "
        "AS poor_households_visited, "
        "coalesce(sum(x.people_reached), 0) AS people_reached"
    )
    return _select(_assignment_sql("rounds_activity", "x", "assignment_id", group, None), columns)


def petitions(group, on) -> str:
    columns = (
        "count(*) AS petitions, count(*) FILTER (WHERE p.disposition <> '') AS petitions_disposed"
    )
    return _select(_round_level_sql("rounds_petition", "p", group), columns)


def problems(group, on) -> str:
    tables, key = _assignment_sql(
        "findings_problem", "p", "assignment_id", group, "p.problem_class_id"
    )
    tables += " LEFT JOIN rectification_rectificationitem ri ON ri.problem_id = p.id"
    columns = (
        "count(*) AS problems, count(*) FILTER (WHERE ri.mode = 'immediate' "
        "OR (ri.id IS NULL AND p.fix_immediately)) AS immediate_fixes, "
        "coalesce(sum(p.amount), 0) AS amount_involved"
    )
    return _select((tables, key), columns, "p.status <> 'draft'")


def clues(group, on) -> str:
    columns = (
        "count(*) AS clues_transferred, "
        "count(*) FILTER (WHERE c.transferred_on_site) AS clues_transferred_on_site, "
        "count(*) FILTER (WHERE c.outcome <> '') AS clues_concluded, "
        "count(*) FILTER (WHERE c.outcome = 'case_filed') AS cases_filed, "
        "coalesce(sum(c.funds_recovered), 0) AS funds_recovered"
    )
    return _select(
        _round_level_sql("findings_clue", "c", group), columns, f"c.status IN {TRANSFERRED}"
    )


def rectification(group, on) -> str:
    if group in (None, "class"):
        tables = "rectification_rectificationitem ri"
        if group == "class":
            tables += " JOIN findings_problem p ON p.id = ri.problem_id"
        key = "p.problem_class_id" if group else None
    else:
        tables = (
            "rectification_rectificationitem ri JOIN findings_problem p ON p.id = ri.problem_id "
            "JOIN rounds_assignment a ON a.id = p.assignment_id"
        )
        if group == "term":
            tables += " JOIN rounds_inspectionround r ON r.id = a.round_id"
        key = ASSIGNMENT_KEYS[group]
    day = f"DATE '{on.isoformat()}'"
    columns = (
        "count(*) AS items, count(*) FILTER (WHERE ri.status = 'closed') AS items_closed, "
        "count(*) FILTER (WHERE ri.status = 'closed' AND "
        "(ri.closed_at AT TIME ZONE 'Asia/Shanghai')::date <= ri.deadline) "
        "AS items_closed_on_time, "
        f"count(*) FILTER (WHERE ri.status = 'closed' OR ri.deadline < {day}) AS items_due, "
        f"count(*) FILTER (WHERE ri.deadline < {day} AND ri.status IN {OPEN}) AS items_overdue, "
        "count(*) FILTER (WHERE ri.status = 'submitted' AND NOT ri.submitted_on_behalf) "
        "AS items_submitted, "
        "count(*) FILTER (WHERE ri.status = 'submitted' AND ri.submitted_on_behalf) "
        "AS items_submitted_by_proxy"
    )
    return _select((tables, key), columns)


FLOORS = {
    "coverage": coverage,
    "interviews": interviews,
    "activities": activities,
    "petitions": petitions,
    "problems": problems,
    "clues": clues,
    "rectification": rectification,
}
CATEGORY_FIGURES = ("problems", "rectification")


def groupings_of(endpoint: str) -> list[str | None]:
    """The groupings an endpoint answers (``table`` is all figures at once)."""
    if endpoint == "coverage":
        return [None, "town"]
    groupings = [None, "term", "round", "town", "village", "team"]
    if endpoint in CATEGORY_FIGURES:
        groupings.append("class")
    return groupings


def figures_of(endpoint: str, group: str | None) -> list[str]:
    """The figures an endpoint computes for a grouping (the table: as statistics_table)."""
    if endpoint != "table":
        return [endpoint]
    return [name for name in FLOORS if not (name == "coverage" and group not in (None, "town"))]
