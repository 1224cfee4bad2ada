"""Seeds the shipped taxonomy (findings.catalogue) and files every problem, and every
version of it in its history, under the class of its category: the twelve categories
are classes of the same code, so nothing is lost (a value outside them, which no form
could write, becomes a class of its own under 其他's aspect). The reverse writes the
category back from the class's code (other for a class that was never a category)."""

from django.db import migrations

from findings.catalogue import LEGACY_CLASSES, seed_catalogue


def classify(apps, schema_editor):
    focus, aspect, klass = (
        apps.get_model("findings", name)
        for name in ("ProblemFocus", "ProblemAspect", "ProblemClass")
    )
    seed_catalogue(focus, aspect, klass)
    classes = {c.code: c for c in klass.objects.filter(code__in=LEGACY_CLASSES)}
    for name in ("Problem", "HistoricalProblem"):
        model = apps.get_model("findings", name)
        for value in model.objects.order_by().values_list("category", flat=True).distinct():
            if value not in classes:
                classes[value] = klass.objects.create(
                    aspect=classes["other"].aspect, name=value or "未分类", order=99
                )
            model.objects.filter(category=value).update(problem_class=classes[value])


def declassify(apps, schema_editor):
    for name in ("Problem", "HistoricalProblem"):
        model = apps.get_model("findings", name)
        model.objects.update(category="other")
        for code in LEGACY_CLASSES:
            model.objects.filter(problem_class__code=code).update(category=code)


class Migration(migrations.Migration):
    dependencies = [("findings", "0007_taxonomy")]

    operations = [migrations.RunPython(classify, declassify)]
