"""Permission matrix rows for the actions of the inspection app (API tokens)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from inspection.documents.services import document_template_upload
from inspection.services import api_token_issue, api_token_revoke
from inspection.services.profile import village_finance_record
from rounds.document_kinds import INTERVIEW_RECORD
from tests.permission_matrix import ActionSpec


def _token(world):
    token, _key = api_token_issue(actor=world.office, user_id=world.stats.pk, name="统计平台")
    return token


def _shipped_template(world):
    return SimpleUploadedFile("本县谈话记录.docx", INTERVIEW_RECORD.template.read_bytes())


SPECS = {
    "document_template_manage": ActionSpec(
        build=_shipped_template,
        perform=lambda actor, upload, world: document_template_upload(
            actor=actor, kind="interview_record", file=upload
        ),
    ),
    # The village profile (三资 here; the roster, projects and party organisation alike).
    "village_profile_edit": ActionSpec(
        build=lambda world: world.assignment_a.village,
        perform=lambda actor, village, world: village_finance_record(
            actor=actor,
            village_id=village.pk,
            year=2025,
            assets=8_800_000,
            debts=120_000,
            operating_income=560_000,
        ),
    ),
    "api_token_issue": ActionSpec(
        build=lambda world: world.stats,
        perform=lambda actor, user, world: api_token_issue(
            actor=actor, user_id=user.pk, name="统计平台"
        ),
    ),
    "api_token_revoke": ActionSpec(
        build=_token,
        perform=lambda actor, token, world: api_token_revoke(actor=actor, token_id=token.pk),
    ),
}

MATRIX = """
# action          office lead leader_a member_a leader_b liaison liaison_org officer_a officer_b leadership stats rev_a rev_b sup_a sup_b
document_template_manage  ok  ok  403  403  403  403  403  403  403  403  403  403   403   403   403
village_profile_edit  ok  ok  403  403  403  403  403  403  403  403  403  403   403   403   403
api_token_issue   ok     ok   404      404      404      404     404         404       404       404        403  404   404   404   404
api_token_revoke  ok     ok   404      404      404      404     404         404       404       404        403  404   404   404   404
"""
