"""Who sees and moves the upward tables (统计报送).

The office prepares, reviews and sends them: it is the office's own table (docs/DOMAIN.md
"Who does what": office staff report upward; the office lead approves), not a decision
of the leading group. The reviewer is never the one who prepared or submitted it. A
statistics client (a city-level system) reads sent tables only, through the API; every
other role sees none (a table is answered as if it did not exist).
"""

import rules
from django.utils.translation import gettext_lazy as _lazy

from inspection.choices import UserRole
from inspection.permissions import action, is_office, role_of, scope_of
from reports.upward.models import ReportStatus, StatisticsReport, StatisticsTemplate


@rules.predicate
def prepared_the_report(user, report) -> bool:
    return report is not None and user.pk in (report.prepared_by_id, report.submitted_by_id)


@scope_of(StatisticsTemplate)
def visible_statistics_templates(user):
    if is_office(user):
        return StatisticsTemplate.objects.all()
    return StatisticsTemplate.objects.none()


@scope_of(StatisticsReport)
def visible_statistics_reports(user):
    if is_office(user):
        return StatisticsReport.objects.all()
    if role_of(user) == UserRole.STATISTICS_CLIENT:
        return StatisticsReport.objects.filter(status=ReportStatus.SENT)
    return StatisticsReport.objects.none()


action("statistics_template_upload", _lazy("上传报送模板"), is_office)
action("statistics_report_create", _lazy("新建统计报送"), is_office)
action("statistics_report_submit", _lazy("提交报送审核"), is_office)
action("statistics_report_approve", _lazy("审核通过统计报送"), is_office & ~prepared_the_report)
action("statistics_report_return", _lazy("退回统计报送"), is_office & ~prepared_the_report)
action("statistics_report_send", _lazy("报送"), is_office)
