"""gunicorn on loopback, on the benchmark's database, pinned to its own core(s)."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time

from bench.dbs import ROOT, django_env

# The served application's Redis (its cache; no task is queued by a read). Kept apart from
# the tests' databases (15 and below).
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/9")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pin(cores: str | None) -> list[str]:
    """``taskset -c cores`` when there is more than one core to share, else nothing."""
    if cores and shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        return ["taskset", "-c", cores]
    return []


class Server:
    """``with Server(db) as server:`` — a gunicorn serving the project on ``server.port``."""

    def __init__(
        self,
        database: str,
        workers: int = 2,
        threads: int = 4,
        cores: str | None = None,
        worker_class: str = "gthread",
    ):
        self.database = database
        self.port = free_port()
        self.workers, self.threads, self.cores = workers, threads, cores
        self.worker_class = worker_class
        self.process = None

    def __enter__(self):
        gunicorn = [sys.executable, "-m", "gunicorn", "bench.wsgi:application", "--preload"]
        options = [
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            f"--threads={self.threads}",
            f"--worker-class={self.worker_class}",
            "--keep-alive=30",
            "--timeout=600",
            "--log-level=warning",
        ]
        # As deployed: the statistics cache in Redis, shared by the workers (with each
        # worker's own memory as the cache, every worker would answer cold once).
        env = django_env(self.database, DATABASE_CONN_MAX_AGE="600", REDIS_URL=REDIS)
        self.process = subprocess.Popen(
            [*pin(self.cores), *gunicorn, *options], cwd=ROOT, env=env, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
