"""Permission matrix rows for the actions of the inspection app (API tokens)."""

from inspection.services import api_token_issue, api_token_revoke
from tests.permission_matrix import ActionSpec


def _token(world):
    token, _key = api_token_issue(actor=world.office, user_id=world.stats.pk, name="统计平台")
    return token


SPECS = {
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
# action          office lead leader_a member_a leader_b liaison liaison_org officer_a officer_b leadership stats
api_token_issue   ok     ok   404      404      404      404     404         404       404       404        403
api_token_revoke  ok     ok   404      404      404      404     404         404       404       404        403
"""
