"""What the document tests share: an interview of team A and its generated record."""

import io

import pytest
from docx import Document as open_docx

from tests import factories as f


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def interview_of_team_a(world, **fields):
    interview = f.InterviewFactory(
        assignment=world.assignment_a,
        recorded_by=world.member_a,
        interviewee_name="王建国",
        place="村党群服务中心谈话室",
        record="反映鱼塘承包未公开招标。\n村务公开栏长期未更新。",
        **fields,
    )
    interview.interviewers.set([world.leader_a, world.member_a])
    return interview


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a .docx, one a line."""
    document = open_docx(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)
