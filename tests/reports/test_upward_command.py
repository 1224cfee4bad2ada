"""``manage.py statistics_report --period 2026Q3 --template FILE --out FILE``."""

import json

import pytest
from django.core.management import CommandError, call_command

from reports.upward.sample import sample_template
from tests.clock import today_is
from tests.reports.upward_kit import (
    AFTER_Q3,
    cells,
    media_root,  # noqa: F401
    third_quarter,
)

pytestmark = pytest.mark.django_db


def test_the_command_fills_the_template_for_the_period(tmp_path):
    world = third_quarter()
    template = tmp_path / "市统计表.xlsx"
    template.write_bytes(sample_template([world.town_a, world.town_b]))
    out, figures = tmp_path / "2026Q3.xlsx", tmp_path / "2026Q3.json"
    with today_is(AFTER_Q3):
        call_command(
            "statistics_report",
            "--period=2026Q3",
            f"--template={template}",
            f"--out={out}",
            f"--json={figures}",
            "--user=office",
        )
        filled = cells(out.read_bytes())
        assert (filled["B6"], filled["C6"], filled["D6"], filled["B12"]) == (4, 3, 1, 1)
        answer = json.loads(figures.read_text(encoding="utf-8"))
        assert answer["as_of"] == "2026-09-30"
        assert answer["figures"]["items_overdue"]["ids"] == [world.q3_item.pk]
        with pytest.raises(CommandError, match="不是巡察办账号"):
            call_command(
                "statistics_report", "--period=2026Q3", f"--template={template}",
                f"--out={out}", "--user=officer_a",
            )  # fmt: skip
        with pytest.raises(CommandError, match="2026Q5"):
            call_command(
                "statistics_report", "--period=2026Q5", f"--template={template}", f"--out={out}"
            )
