"""The office's own 问责 records become 提请 → 决定, or 第一种形态 for 约谈 (rectification
0014): every old row is accounted for, with its person, reason, date and recorder; the
decisions say they were migrated (no document, no signer); history is kept as one row
dated as the old record's."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from rectification.models import AccountabilityDecision, AccountabilityProposal, FirstFormMeasure
from tests import factories as f

MIGRATION = ("rectification", "0014_accountability_and_evaluation")


def before() -> tuple[str, str]:
    """The rectification migration 0014 follows (whatever its number once merged)."""
    graph = MigrationExecutor(connection).loader.graph
    parents = graph.node_map[MIGRATION].parents
    (parent,) = [node.key for node in parents if node.key[0] == "rectification"]
    return parent


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)


def migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_old_accountability_rows_become_proposals_decisions_or_first_form():
    day = datetime.date(2026, 5, 6)
    office, clerk = f.UserFactory(), f.UserFactory()
    item = f.RectificationItemFactory()
    assignment = item.problem.assignment
    other = f.AssignmentFactory()
    target = before()
    try:
        executor = migrate([target])
        apps = executor.loader.project_state([target]).apps
        old = apps.get_model("rectification", "Accountability")
        old_history = apps.get_model("rectification", "HistoricalAccountability")
        rows = {
            measure: old.objects.create(
                assignment_id=assignment.pk if measure != "disciplinary" else other.pk,
                item_id=item.pk if measure == "circulated_criticism" else None,
                person_name=f"人{n}",
                person_post="村党总支书记",
                measure=measure,
                reason=f"事由{n}",
                decided_on=day + datetime.timedelta(days=n),
                recorded_by_id=office.pk if n % 2 else clerk.pk,
            )
            for n, measure in enumerate(
                ("talk", "circulated_criticism", "admonishment", "disciplinary")
            )
        }
        recorded_at = timezone.make_aware(datetime.datetime(2026, 5, 8, 9, 30))
        admonished = rows["admonishment"]
        old_history.objects.create(
            id=admonished.pk,
            assignment_id=admonished.assignment_id,
            item_id=None,
            person_name=admonished.person_name,
            person_post=admonished.person_post,
            measure="admonishment",
            reason=admonished.reason,
            decided_on=admonished.decided_on,
            recorded_by_id=admonished.recorded_by_id,
            history_date=recorded_at,
            history_type="+",
            history_user_id=clerk.pk,
        )

        migrate_forward()

        assert FirstFormMeasure.objects.count() == 1
        assert AccountabilityProposal.objects.count() == 3
        assert AccountabilityDecision.objects.count() == 3
        talk = FirstFormMeasure.objects.get()
        assert (talk.kind, talk.person_name, talk.reason, talk.conducted_on) == (
            "talk",
            "人0",
            "事由0",
            day,
        )
        assert (talk.recorded_by, talk.assignment_id, talk.body) == (clerk, assignment.pk, "")
        forms = {
            d.proposal.person_name: d
            for d in AccountabilityDecision.objects.select_related("proposal")
        }
        assert {name: d.form for name, d in forms.items()} == {
            "人1": "circulated",
            "人2": "admonishment",
            "人3": "disciplinary",
        }
        for n, (_name, decision) in enumerate(sorted(forms.items()), start=1):
            proposal = decision.proposal
            assert decision.migrated and not decision.document and decision.signed_by is None
            assert decision.decided_on == proposal.proposed_on == day + datetime.timedelta(days=n)
            assert proposal.facts == f"事由{n}" and proposal.status == "decided"
            assert proposal.target_kind == "person" and proposal.person_post == "村党总支书记"
            assert decision.recorded_by == proposal.proposed_by == (office if n % 2 else clerk)
        assert list(forms["人1"].proposal.items.all()) == [item]
        assert forms["人3"].proposal.assignment_id == other.pk
        (history,) = forms["人2"].history.all()
        assert (history.history_date, history.history_user) == (recorded_at, clerk)
        assert history.history_change_reason == "迁移自原问责登记"
        (history,) = forms["人1"].proposal.history.all()
        assert history.history_user == office
    finally:
        migrate_forward()
