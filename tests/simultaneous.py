"""The same form sent several times at once, as a phone resending a draft does: each
sending from its own thread, with its own database connection, released together."""

import threading

from django.db import connection
from django.test import Client


def post_at_once(user, url: str, data_for, times: int) -> list:
    """``times`` POSTs of ``data_for()`` to ``url`` as ``user``, released by one barrier:
    each answer, or the exception its thread met (the outcome is what a test looks at)."""
    barrier = threading.Barrier(times)
    answers = []

    def send():
        try:
            client = Client()
            client.force_login(user)
            data = data_for()
            barrier.wait(timeout=30)
            answers.append(client.post(url, data))
        except Exception as error:
            answers.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers
