"""On the embedded default (no broker) an export builds in a background thread of the
served process, as a worker would build it: the request answers at once, saying the
export was submitted, and the job goes from queued to done. Where tasks run inside the
request ("eager"), the message says the file is ready: it tells the truth either way."""

import pytest
from django.test import Client

from inspection import embedded
from reports.models import ExportJob, ExportStatus
from tests.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def office():
    world = build_world()
    world.export_records()
    client = Client()
    client.force_login(world.office)
    return client


def message_after(client, answer) -> str:
    assert answer.status_code == 302
    return client.get(answer["Location"]).content.decode()


def test_in_the_background_the_request_answers_submitted_and_the_job_completes(office, settings):
    settings.INSPECTION_TASKS_IN_PROCESS = "thread"
    answer = office.post("/reports/", {})
    job = ExportJob.objects.get()
    page = message_after(office, answer)
    assert "已提交导出申请，生成完成后即可下载。" in page
    embedded.background_tasks_finished()
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.progress == 100
    assert job.file and job.size > 0


def test_built_inside_the_request_the_message_says_it_is_ready(office, settings):
    settings.INSPECTION_TASKS_IN_PROCESS = "eager"
    page = message_after(office, office.post("/reports/", {}))
    assert ExportJob.objects.get().status == ExportStatus.DONE
    assert "汇总表已生成，可以下载。" in page
    assert "已提交导出申请" not in page
