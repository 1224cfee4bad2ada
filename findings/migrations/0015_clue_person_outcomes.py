"""Outcomes per person concerned (被反映人), and the clue's outcome made to agree with itself.

The clue's former counts become outcomes of its persons, assigned in the persons' order
(ClueSubject id), then the counts are derived again from the persons:

- 立案人数: the first persons are 立案, only in a clue whose outcome is 立案;
- 党纪政务处分人数 and 移送司法人数: the first of those filed (a 处分 follows a 立案); the kind
  of a sanction was never recorded, so it is marked ``sanction_unsplit`` (it counts in
  处分人数 and 处理处分人数, in neither 党纪 nor 政务 alone);
- 诫勉/批评教育人数: the persons not sanctioned first, then the others, marked
  ``Admonition.UNSPLIT`` (诫勉 or 批评教育, never told apart);
- nothing in a clue concluded 了结 (no issue): no person measure and no funds recovered.

Where a count exceeds what fits (more persons than the clue has, more sanctioned than
filed, any measure or money under 了结), what fits is kept and the rest is no longer
counted; the clue's 办结情况 gains a line saying what was recorded before, so the figure
that changed can be traced. The clue's history rows of its concluded state get the same
counts, so a figure read as of a past day agrees with today's. A 组织处理 clue that named
nobody keeps naming nobody (the rule that one person be handled is the service's).
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Q

COUNTS = ("persons_case_filed", "persons_sanctioned", "persons_admonished", "persons_to_judiciary")


def _kept(clue, subjects) -> dict:
    """{subject id: its outcome fields} from the clue's counts, as far as they fit."""
    if clue.outcome == "no_issue":
        return {}
    filed = subjects[: clue.persons_case_filed] if clue.outcome == "case_filed" else []
    sanctioned = filed[: clue.persons_sanctioned]
    judiciary = filed[: clue.persons_to_judiciary]
    order = [s for s in subjects if s not in sanctioned] + sanctioned
    admonished = order[: clue.persons_admonished]
    outcomes = {}
    for subject in subjects:
        values = {
            "case_filed": subject in filed,
            "sanction_unsplit": subject in sanctioned,
            "to_judiciary": subject in judiciary,
            "admonition": "unsplit" if subject in admonished else "",
        }
        if any(values.values()):
            outcomes[subject.pk] = values
    return outcomes


def _migration_note(clue, counts: dict, funds) -> str:
    before = (
        f"立案{clue.persons_case_filed}人、党纪政务处分{clue.persons_sanctioned}人、"
        f"诫勉/批评教育{clue.persons_admonished}人、移送司法{clue.persons_to_judiciary}人、"
        f"追回资金{clue.funds_recovered}元"
    )
    after = (
        f"立案{counts['persons_case_filed']}人、党纪政务处分{counts['persons_sanctioned']}人、"
        f"诫勉/批评教育{counts['persons_admonished']}人、"
        f"移送司法{counts['persons_to_judiciary']}人、追回资金{funds}元"
    )
    return (
        f"（系统迁移说明：原登记{before}，与办结结果或被反映人数不符；"
        f"按被反映人逐人登记后计为{after}。）"
    )


def person_outcomes_from_counts(apps, schema_editor):
    Clue = apps.get_model("findings", "Clue")
    HistoricalClue = apps.get_model("findings", "HistoricalClue")
    ClueSubject = apps.get_model("findings", "ClueSubject")
    counted = Q()
    for name in COUNTS:
        counted |= Q(**{f"{name}__gt": 0})
    clues = Clue.objects.filter(counted | Q(outcome="no_issue", funds_recovered__gt=0))
    for clue in clues.order_by("id").iterator():
        subjects = list(ClueSubject.objects.filter(clue_id=clue.pk).order_by("id"))
        outcomes = _kept(clue, subjects)
        for subject in subjects:
            if subject.pk in outcomes:
                ClueSubject.objects.filter(pk=subject.pk).update(**outcomes[subject.pk])
        chosen = outcomes.values()
        counts = {
            "persons_case_filed": sum(o["case_filed"] for o in chosen),
            "persons_sanctioned": sum(o["sanction_unsplit"] for o in chosen),
            "persons_admonished": sum(bool(o["admonition"]) for o in chosen),
            "persons_to_judiciary": sum(o["to_judiciary"] for o in chosen),
        }
        funds = 0 if clue.outcome == "no_issue" else clue.funds_recovered
        changed = {**counts, "funds_recovered": funds}
        if all(getattr(clue, name) == value for name, value in changed.items()):
            continue
        note = "\n".join(filter(None, [clue.outcome_note, _migration_note(clue, counts, funds)]))
        Clue.objects.filter(pk=clue.pk).update(**changed, outcome_note=note)
        HistoricalClue.objects.filter(id=clue.pk, status="concluded").update(**changed)
    if schema_editor.connection.vendor == "postgresql":
        # The updates left deferred trigger events on the tables the constraints alter.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("findings", "0014_department_matters"),
        ("rounds", "0011_data_requests_and_briefs"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="cluesubject",
            name="admonition",
            field=models.CharField(
                blank=True,
                choices=[
                    ("admonishment", "诫勉"),
                    ("criticism", "批评教育"),
                    ("unsplit", "诫勉或批评教育（原登记未区分）"),
                ],
                max_length=12,
                verbose_name="诫勉/批评教育",
            ),
        ),
        migrations.AddField(
            model_name="cluesubject",
            name="case_filed",
            field=models.BooleanField(default=False, verbose_name="立案"),
        ),
        migrations.AddField(
            model_name="cluesubject",
            name="government_sanction",
            field=models.CharField(
                blank=True,
                choices=[
                    ("warning", "警告"),
                    ("demerit", "记过"),
                    ("major_demerit", "记大过"),
                    ("demotion", "降级"),
                    ("dismissal_from_post", "撤职"),
                    ("expulsion", "开除"),
                ],
                max_length=20,
                verbose_name="政务处分",
            ),
        ),
        migrations.AddField(
            model_name="cluesubject",
            name="organisational",
            field=models.CharField(
                blank=True,
                choices=[
                    ("suspension", "停职检查"),
                    ("reassignment", "调整职务"),
                    ("ordered_resignation", "责令辞职"),
                    ("removal", "免职"),
                    ("demotion", "降职"),
                ],
                max_length=20,
                verbose_name="组织处理",
            ),
        ),
        migrations.AddField(
            model_name="cluesubject",
            name="party_sanction",
            field=models.CharField(
                blank=True,
                choices=[
                    ("warning", "警告"),
                    ("serious_warning", "严重警告"),
                    ("removal_from_post", "撤销党内职务"),
                    ("probation", "留党察看"),
                    ("expulsion", "开除党籍"),
                ],
                max_length=20,
                verbose_name="党纪处分",
            ),
        ),
        migrations.AddField(
            model_name="cluesubject",
            name="sanction_unsplit",
            field=models.BooleanField(default=False, verbose_name="党纪政务处分（原登记未区分）"),
        ),
        migrations.AddField(
            model_name="cluesubject",
            name="to_judiciary",
            field=models.BooleanField(default=False, verbose_name="移送司法"),
        ),
        migrations.AlterField(
            model_name="clue",
            name="persons_sanctioned",
            field=models.PositiveIntegerField(
                default=0,
                help_text="受党纪处分或政务处分的人数，每人计一次。",
                verbose_name="党纪政务处分人数",
            ),
        ),
        migrations.AlterField(
            model_name="historicalclue",
            name="persons_sanctioned",
            field=models.PositiveIntegerField(
                default=0,
                help_text="受党纪处分或政务处分的人数，每人计一次。",
                verbose_name="党纪政务处分人数",
            ),
        ),
        migrations.RunPython(person_outcomes_from_counts, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="clue",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("persons_case_filed", 0), ("outcome", "case_filed"), _connector="OR"
                ),
                name="clue_persons_filed_only_in_a_case",
                violation_error_message="有被反映人立案时，办结结果应为立案。",
            ),
        ),
        migrations.AddConstraint(
            model_name="clue",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("outcome", "no_issue"), _negated=True),
                    models.Q(
                        ("funds_recovered", 0),
                        ("persons_admonished", 0),
                        ("persons_sanctioned", 0),
                        ("persons_to_judiciary", 0),
                    ),
                    _connector="OR",
                ),
                name="clue_no_issue_has_no_measures",
                violation_error_message="办结结果为了结时，不能有处分、诫勉/批评教育、移送司法或追回资金。",
            ),
        ),
        migrations.AddConstraint(
            model_name="clue",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("persons_sanctioned__lte", models.F("persons_case_filed")),
                    ("persons_to_judiciary__lte", models.F("persons_case_filed")),
                ),
                name="clue_sanctions_within_cases",
                violation_error_message="处分人数和移送司法人数不能超过立案人数。",
            ),
        ),
        migrations.AddConstraint(
            model_name="cluesubject",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("case_filed", True),
                    models.Q(
                        ("government_sanction", ""),
                        ("party_sanction", ""),
                        ("sanction_unsplit", False),
                        ("to_judiciary", False),
                    ),
                    _connector="OR",
                ),
                name="clue_subject_sanction_after_case",
                violation_error_message="被反映人受处分或移送司法，须先立案。",
            ),
        ),
    ]
