"""The twelve former categories become classes of the taxonomy by a data migration that
loses nothing (findings 0007–0009): a database holding problems of every category, and
their history, is migrated forward and each problem (and each version of it) is filed
under the class of its category; migrating back writes the categories back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from findings.catalogue import CATALOGUE, LEGACY_CLASSES
from findings.models import Problem, ProblemClass
from tests import factories as f

BEFORE = ("findings", "0006_submission_token")
# The labels of the twelve categories before the taxonomy (findings.choices as it was).
FORMER_LABELS = {
    "leadership": "党的领导/决策部署落实",
    "collective_assets": '"三资"管理',
    "welfare_funds": "惠民惠农资金",
    "land_acquisition": "征地拆迁",
    "projects": "工程项目",
    "petty_corruption": "侵害群众利益/微腐败",
    "formalism": "形式主义官僚主义",
    "conduct": "违反八项规定精神/作风",
    "party_organisation": "基层党组织建设",
    "cadres": "村干部队伍建设",
    "prior_rectification": "上轮整改不到位",
    "other": "其他",
}


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)  # a fresh loader sees the state just reached


def migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_every_problem_of_the_twelve_categories_gets_the_class_of_its_category():
    world_problems = [f.ProblemFactory() for _ in LEGACY_CLASSES]
    try:
        executor = migrate([BEFORE])
        old = executor.loader.project_state([BEFORE]).apps
        old_problem = old.get_model("findings", "Problem")
        old_history = old.get_model("findings", "HistoricalProblem")
        for problem, category in zip(world_problems, LEGACY_CLASSES, strict=True):
            old_problem.objects.filter(pk=problem.pk).update(category=category)
            old_history.objects.filter(id=problem.pk).update(category=category)
        assert set(old_problem.objects.values_list("category", flat=True)) == set(LEGACY_CLASSES)

        migrate_forward()

        for problem, category in zip(world_problems, LEGACY_CLASSES, strict=True):
            migrated = Problem.objects.select_related("problem_class").get(pk=problem.pk)
            assert migrated.problem_class.code == category
            # The same name (the quotes now the Chinese ones).
            name = migrated.class_name.replace("“", '"').replace("”", '"')
            assert name == FORMER_LABELS[category]
            versions = migrated.history.values_list("problem_class_id", flat=True)
            assert set(versions) == {migrated.problem_class_id}
        shipped = sum(len(classes) for _, _, aspects in CATALOGUE for _, classes in aspects)
        assert ProblemClass.objects.count() == shipped

        # And back: the category each problem had, from its class.
        executor = migrate([BEFORE])
        old_problem = executor.loader.project_state([BEFORE]).apps.get_model("findings", "Problem")
        assert dict(old_problem.objects.values_list("pk", "category")) == {
            problem.pk: category
            for problem, category in zip(world_problems, LEGACY_CLASSES, strict=True)
        }
    finally:
        migrate_forward()
