"""巡前准备 in the demo county (demo/county/requests.py): the round on site today wrote to
the seven bodies before going on site, six replied, the seventh is overdue, and each team's
first village has its checklist and outline, drafted from the replies about it."""

import pytest
from django.utils import timezone

from inspection.documents.models import Document
from rounds.models import AssignmentBrief, DataRequest, DataRequestReply
from rounds.request_choices import DataRequestStatus

pytestmark = pytest.mark.django_db


def test_the_round_on_site_has_its_letters_replies_and_briefs(seeded):
    requests = DataRequest.objects.select_related("round", "body")
    assert requests.count() == 7
    inspection_round = requests.first().round
    assert {request.round for request in requests} == {inspection_round}
    for request in requests:
        assert request.sent_on < inspection_round.on_site_from
        assert Document.objects.filter(kind="data_request_letter", object_id=request.pk).exists()
    assert list(DataRequest.objects.overdue().values_list("body__name", flat=True)) == [
        "县公检法机关"
    ]
    assert requests.filter(status=DataRequestStatus.REPLIED).count() == 6
    for reply in DataRequestReply.objects.prefetch_related("villages"):
        assert reply.request.sent_on <= reply.received_on < timezone.localdate()
        asked = set(reply.request.villages.all())
        assert set(reply.villages.all()) <= asked
    briefs = AssignmentBrief.objects.select_related("assignment__village")
    assert briefs.count() == 2 * inspection_round.teams.count()
    for brief in briefs.filter(kind="checklist"):
        village = brief.assignment.village
        replies = DataRequestReply.objects.filter(request__round=inspection_round, villages=village)
        lines = [line for section in brief.sections for line in section["lines"]]
        assert len(lines) >= 5
        assert all(any(r.request.body.name in line for line in lines) for r in replies)
