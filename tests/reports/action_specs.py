"""The reports actions in the permission matrix (tests/permission_matrix.py): 统计报送.

The office prepares, reviews and sends; the reviewer is another office account than the
one who prepared and submitted the table (office prepares here, so office's approval is
403 and the lead's ok). A table is the office's: every other role is refused the uploads
(403, no record) and does not see a table (404; the statistics client reads sent ones
only). Templates and tables are filed under a temporary media root.
"""

import tempfile

from django.test import override_settings

from reports.upward import services
from reports.upward.sample import sample_template
from tests.permission_matrix import ActionSpec
from tests.reports.upward_kit import xlsx

PERIOD = "2025"  # a year that has ended: the table may be sent
MEDIA_ROOT = tempfile.mkdtemp(prefix="upward-matrix-")


def _media(function):
    def wrapped(*args):
        with override_settings(MEDIA_ROOT=MEDIA_ROOT):
            return function(*args)

    return wrapped


def _upload(actor, world):
    content = sample_template([world.town_a, world.town_b])
    return services.statistics_template_upload(
        actor=actor, name="市委巡察办统计表", file=xlsx(content)
    )


@_media
def _template(world):
    return _upload(world.office, world)


@_media
def _draft(world):
    template = _upload(world.office, world)
    return services.statistics_report_create(
        actor=world.office, template_id=template.pk, period=PERIOD
    )


@_media
def _pending(world):
    report = _draft(world)
    return services.statistics_report_submit(actor=world.office, report_id=report.pk)


@_media
def _approved(world):
    report = _pending(world)
    return services.statistics_report_approve(actor=world.lead, report_id=report.pk)


SPECS = {
    "statistics_template_upload": ActionSpec(
        build=lambda w: None, perform=_media(lambda a, t, w: _upload(a, w))
    ),
    "statistics_report_create": ActionSpec(
        build=_template,
        perform=lambda a, t, w: services.statistics_report_create(
            actor=a, template_id=t.pk, period=PERIOD
        ),
    ),
    "statistics_report_submit": ActionSpec(
        build=_draft,
        perform=lambda a, t, w: services.statistics_report_submit(actor=a, report_id=t.pk),
    ),
    "statistics_report_approve": ActionSpec(
        build=_pending,
        perform=lambda a, t, w: services.statistics_report_approve(actor=a, report_id=t.pk),
    ),
    "statistics_report_return": ActionSpec(
        build=_pending,
        perform=lambda a, t, w: services.statistics_report_return(
            actor=a, report_id=t.pk, note="数字待核"
        ),
    ),
    "statistics_report_send": ActionSpec(
        build=_approved,
        perform=_media(lambda a, t, w: services.statistics_report_send(actor=a, report_id=t.pk)),
    ),
}

MATRIX = """
# Columns in the order of tests/world.PERSONAS:
#   office lead leader_a member_a leader_b liaison liaison_org officer_a officer_b leadership stats rev_a rev_b sup_a sup_b
# action                    off  lead ldr_a mem_a ldr_b liais l_org ofc_a ofc_b ldshp stats rev_a rev_b sup_a sup_b
statistics_template_upload  ok   ok   403   403   403   403   403   403   403   403   403   403   403   403   403
statistics_report_create    ok   ok   403   403   403   403   403   403   403   403   403   403   403   403   403
statistics_report_submit    ok   ok   404   404   404   404   404   404   404   404   404   404   404   404   404
statistics_report_approve   403  ok   404   404   404   404   404   404   404   404   404   404   404   404   404
statistics_report_return    403  ok   404   404   404   404   404   404   404   404   404   404   404   404   404
statistics_report_send      ok   ok   404   404   404   404   404   404   404   404   404   404   404   404   404
"""
