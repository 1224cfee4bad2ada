"""gunicorn's settings, read from the working directory (the Dockerfile's /app, the
benchmark's server): each worker collects garbage after its responses, not during them
(inspection/serving.py)."""


def post_worker_init(worker):
    from inspection.serving import collect_after_responses

    collect_after_responses()
