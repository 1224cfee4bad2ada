"""Two generations of one kind in one year at the same moment (PostgreSQL): two different
numbers, and no gap. The counter row is locked by the first; the second waits for its
commit and takes the next number."""

import threading

import pytest
from django.db import connection

from inspection.documents.models import Document, DocumentCounter
from inspection.documents.services import document_generate
from tests.inspection.documents import interview_of_team_a, media_root  # noqa: F401
from tests.world import build_world

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]

THREADS = 6


def test_simultaneous_generations_take_different_numbers_without_a_gap(on_postgres):
    world = build_world()
    interviews = [interview_of_team_a(world) for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    outcomes = []

    def generate(interview, actor):
        try:
            barrier.wait(timeout=30)
            document = document_generate(
                actor=actor, kind="interview_record", subject_id=interview.pk
            )
            outcomes.append(document.sequence)
        except Exception as error:  # anything else is a failure of the test
            outcomes.append(repr(error))
        finally:
            connection.close()

    actors = [world.member_a, world.leader_a, world.office]
    threads = [
        threading.Thread(target=generate, args=(interview, actors[index % len(actors)]))
        for index, interview in enumerate(interviews)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == list(range(1, THREADS + 1))
    numbers = set(Document.objects.values_list("number", flat=True))
    assert len(numbers) == THREADS
    assert DocumentCounter.objects.get(kind="interview_record").last == THREADS
