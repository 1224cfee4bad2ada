"""A web worker collects garbage after its responses (inspection/serving.py): checked in a
process of its own, as gunicorn's hook would set it up."""

import subprocess
import sys

from django.conf import settings

PROBE = """
import gc, weakref
import django
django.setup()
from django.core.signals import request_finished
from inspection.serving import FULL_EVERY, collect_after_responses

collect_after_responses()
assert not gc.isenabled(), "automatic collection stays off in a worker"
assert gc.get_freeze_count() > 10_000, "the loaded application is frozen"

class Node:
    pass

def cycle():
    a, b = Node(), Node()
    a.other, b.other = b, a
    return a

young = weakref.ref(cycle())
garbage = [[] for _ in range(100_000)]  # far past the collector's usual threshold
del garbage
assert young() is not None, "no collection runs while a request is being answered"
request_finished.send(sender=None)
assert young() is None, "the response's end frees the young cycles"

held = cycle()
old = weakref.ref(held)
gc.collect(1)  # it survives, held: now in the oldest generation
del held
request_finished.send(sender=None)
assert old() is not None, "an answer collects the young generations only"
for _ in range(FULL_EVERY):
    request_finished.send(sender=None)
assert old() is None, "every FULL_EVERY responses, a full collection"
print("ok")
"""


def test_a_worker_collects_after_its_responses_not_during_them():
    output = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "inspection.settings", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert output.returncode == 0, output.stderr[-2000:]
    assert output.stdout.strip().endswith("ok")


def test_gunicorn_workers_are_set_up_by_the_config_file():
    config = (settings.BASE_DIR / "gunicorn.conf.py").read_text()
    assert "def post_worker_init(worker):" in config
    assert "collect_after_responses()" in config
