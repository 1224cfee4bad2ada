"""Who sees and handles 交办事项, 专题报告 and 巡察建议书 (findings.models.matters).

The office hands matters on, writes the thematic reports and records replies; leadership
reads them all and writes none. A department's liaison (a liaison account whose receiving
body is 职能部门) reads every matter and records the department's reply: the department
body is one receiving body, as the commission is one, and a matter names no person
concerned. Nobody else sees them: a matter outside a user's scope is absent (404).
"""

import rules
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import ThematicReportKind
from findings.models import DepartmentMatter, ThematicReport
from inspection.attachments import evidence_kind
from inspection.choices import ReceivingBody
from inspection.permissions import action, is_liaison, is_office, reads_all, scope_of


@rules.predicate
def is_department_liaison(user) -> bool:
    return is_liaison(user) and user.receiving_body == ReceivingBody.DEPARTMENT


@scope_of(DepartmentMatter)
def visible_department_matters(user):
    if reads_all(user) or is_department_liaison(user):
        return DepartmentMatter.objects.all()
    return DepartmentMatter.objects.none()


@scope_of(ThematicReport)
def visible_thematic_reports(user):
    if reads_all(user):
        return ThematicReport.objects.all()
    return ThematicReport.objects.none()


# The department's reply file is served to whoever sees the matter.
evidence_kind("matter_reply", DepartmentMatter, field="reply_file")

action("department_matter_create", _lazy("登记交办事项"), is_office)
action("department_matter_reply", _lazy("登记交办事项回复"), is_office | is_department_liaison)
action("thematic_report_create", _lazy("登记专题报告或巡察建议书"), is_office)
action("thematic_report_reply", _lazy("登记巡察建议书回复"), is_office)
# 专题报告 and 巡察建议书 documents, one kind each: generated (and edited copies uploaded)
# by the office, read by the office and leadership; each kind only of its own records.


@rules.predicate
def is_thematic_report(user, report) -> bool:
    return report is not None and report.kind == ThematicReportKind.THEMATIC_REPORT


@rules.predicate
def is_recommendation(user, report) -> bool:
    return report is not None and report.kind == ThematicReportKind.RECOMMENDATION


action("thematic_report_generate", _lazy("生成专题报告"), is_office & is_thematic_report)
action("thematic_report_read", _lazy("查阅专题报告"), reads_all & is_thematic_report)
action("recommendation_letter_generate", _lazy("生成巡察建议书"), is_office & is_recommendation)
action("recommendation_letter_read", _lazy("查阅巡察建议书"), reads_all & is_recommendation)
