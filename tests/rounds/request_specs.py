# ruff: noqa: E501 (the permission matrix is a table: one action a line, one persona a column)
"""The permission matrix rows of the work before a round (tests/permission_matrix.py): the
函调 letters and their replies, and the per-village 个性监督清单 and 谈话提纲. Joined into
``tests/rounds/action_specs.py``. Targets are in scope A, the round being prepared."""

from django.core.files.uploadedfile import SimpleUploadedFile

from inspection.documents.downloads import document_download
from inspection.documents.services import document_generate
from rounds.choices import RoundStatus as S
from rounds.request_choices import BriefKind
from rounds.services.briefs import assignment_brief_draft, assignment_brief_save
from rounds.services.requests import (
    data_request_create,
    data_request_reply_record,
    data_request_send,
    data_request_update,
)
from tests.factories import usual_request_body
from tests.permission_matrix import ActionSpec


def _bureau():
    return usual_request_body()


def _draft(world):
    return data_request_create(actor=world.office, round_id=world.round.pk, body_id=_bureau().pk)


def _sent(world):
    return data_request_send(actor=world.office, request_id=_draft(world).pk)


def _letter(world):
    return document_generate(
        actor=world.office, kind="data_request_letter", subject_id=_sent(world).pk
    )


def _brief(world):
    return assignment_brief_draft(
        actor=world.member_a, assignment_id=world.assignment_a.pk, kind=BriefKind.CHECKLIST
    )


def _checklist(world):
    _brief(world)
    return document_generate(
        actor=world.member_a, kind="supervision_checklist", subject_id=world.assignment_a.pk
    )


def _reply(actor, request, world):
    return data_request_reply_record(
        actor=actor,
        request_id=request.pk,
        file=SimpleUploadedFile("回复.pdf", b"%PDF-1.4 reply"),
        summary="该村近三年信访2件。",
        village_ids=[world.assignment_a.village_id],
    )


SPECS = {
    "data_request_create": ActionSpec(
        build=lambda w: w.round,
        perform=lambda actor, t, w: data_request_create(
            actor=actor, round_id=t.pk, body_id=_bureau().pk
        ),
        round_status=S.PREPARATION,
    ),
    "data_request_update": ActionSpec(
        build=_draft,
        perform=lambda actor, t, w: data_request_update(
            actor=actor,
            request_id=t.pk,
            village_ids=[w.assignment_a.village_id],
            asked="请提供该村低保审批情况。",
        ),
        round_status=S.PREPARATION,
    ),
    "data_request_send": ActionSpec(
        build=_draft,
        perform=lambda actor, t, w: data_request_send(actor=actor, request_id=t.pk),
        round_status=S.PREPARATION,
    ),
    "data_request_reply_record": ActionSpec(
        build=_sent, perform=_reply, round_status=S.PREPARATION
    ),
    "data_request_document_generate": ActionSpec(
        build=_sent,
        perform=lambda actor, t, w: document_generate(
            actor=actor, kind="data_request_letter", subject_id=t.pk
        ),
        round_status=S.PREPARATION,
    ),
    "data_request_document_read": ActionSpec(
        build=_letter,
        perform=lambda actor, t, w: document_download(user=actor, pk=t.pk),
        round_status=S.PREPARATION,
    ),
    "assignment_brief_draft": ActionSpec(
        build=lambda w: w.assignment_a,
        perform=lambda actor, t, w: assignment_brief_draft(
            actor=actor, assignment_id=t.pk, kind=BriefKind.OUTLINE
        ),
        round_status=S.PREPARATION,
    ),
    "assignment_brief_save": ActionSpec(
        build=_brief,
        perform=lambda actor, t, w: assignment_brief_save(
            actor=actor, brief_id=t.pk, sections=[{"title": "村情重点", "lines": ["查账。"]}]
        ),
        round_status=S.PREPARATION,
    ),
    "assignment_brief_document_generate": ActionSpec(
        build=lambda w: (_brief(w), w.assignment_a)[1],
        perform=lambda actor, t, w: document_generate(
            actor=actor, kind="supervision_checklist", subject_id=t.pk
        ),
        round_status=S.PREPARATION,
    ),
    "assignment_brief_document_read": ActionSpec(
        build=_checklist,
        perform=lambda actor, t, w: document_download(user=actor, pk=t.pk),
        round_status=S.PREPARATION,
    ),
}

MATRIX = """
# action                            off   lead  ldr_a mem_a ldr_b liais l_org ofc_a ofc_b ldshp stats  rev_a rev_b sup_a sup_b
data_request_create                 ok    ok    403   403   403   404   404   403   403   403   403  403   403   403   403
data_request_update                 ok    ok    403   403   403   404   404   404   404   403   404  404   404   404   404
data_request_send                   ok    ok    403   403   403   404   404   404   404   403   404  404   404   404   404
data_request_reply_record           ok    ok    403   403   403   404   404   404   404   403   404  404   404   404   404
data_request_document_generate      ok    ok    403   403   403   404   404   404   404   403   404  404   404   404   404
data_request_document_read          ok    ok    404   404   404   404   404   404   404   ok    404  404   404   404   404
assignment_brief_draft              403   403   ok    ok    404   404   404   403   404   403   404  403   404   403   404
assignment_brief_save               403   403   ok    ok    404   404   404   404   404   403   404  404   404   404   404
assignment_brief_document_generate  ok    ok    ok    ok    404   404   404   403   404   403   404  403   404   403   404
assignment_brief_document_read      ok    ok    ok    ok    404   404   404   404   404   ok    404  404   404   404   404
"""
