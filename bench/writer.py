"""The benchmark's writer: a process of its own making ``--rate`` writes a second (10 by
default) through the product's services while the statistics are measured.

The writes (``bench/writes.py``) are interviews, progress reports and requests to close,
and verifications, drawn at random over the whole database, each by the user the rules
expect, so that history rows and triggers fire as in life. They are paced, one every
``1/rate`` seconds, one at a time (never several at once): after a write slower than its
slot the next follow at once until the writer is back on time, at most ``MAX_LAG``
behind; the rate actually achieved is reported. A write a rule refuses is counted
(``refused``), as is one that fails for another reason (``failed``: the database, say);
neither stops the writer.

It is a process, not a thread, so that it does not take the measuring process's GIL, and
``Writer`` pins it to the load core, as wrk is. It starts paused and is driven over its
standard input, one command a line, answering each with one JSON line on its output:
``resume``, ``pause`` (answered once the write under way has committed: nothing writes
until ``resume``), ``stop`` (its summary). ``python -m bench.writer --seconds N`` instead
writes for N seconds and prints the summary.

Its rows stay in the database (the benchmark's data grows by them, as a province's
would); its evidence files go to ``var/bench/media`` by default.
"""

import argparse
import json
import os
import random
import select
import subprocess
import sys
import time
import traceback
from collections import Counter

from bench.dbs import ROOT, django_env
from bench.http import percentile
from bench.server import pin

MEDIA = ROOT / "var" / "bench" / "media"
MAX_LAG = 1.0


class Loop:
    """Writes paced at ``rate`` a second while running; counts what happened."""

    def __init__(self, world, rate: float, seed: int | None = None):
        self.world, self.period = world, 1 / rate
        self.rng = random.Random(seed)
        self.done = Counter()
        self.refused, self.failed = Counter(), Counter()
        self.milliseconds = []
        self.active = 0.0
        self.resumed_at = None

    def write_one(self) -> None:
        from django.db import connection

        from bench.writes import kinds
        from inspection.errors import ApplicationError
        from inspection.files import discard_rolled_back_files

        write = self.rng.choice(kinds(self.world))
        started = time.perf_counter()
        try:
            self.done[write(self.world, self.rng)] += 1
        except ApplicationError as error:  # a rule refused it: counted, never fatal
            self.refused[error.message[:80]] += 1
            self._drop_item()
        except Exception as error:  # the database or a bug: counted, reported, never fatal
            self.failed[f"{type(error).__name__}: {str(error)[:120]}"] += 1
            if sum(self.failed.values()) <= 3:
                traceback.print_exc(file=sys.stderr)
            self._drop_item()
            connection.close()  # a broken connection is opened again by the next write
        finally:
            discard_rolled_back_files()  # as at the end of a request
            self.milliseconds.append((time.perf_counter() - started) * 1000)

    def _drop_item(self) -> None:
        if self.world.item is not None:
            self.world.forget(self.world.item)

    def resume(self) -> None:
        if self.resumed_at is None:
            self.resumed_at = time.monotonic()

    def pause(self) -> None:
        if self.resumed_at is not None:
            self.active += time.monotonic() - self.resumed_at
            self.resumed_at = None

    def seconds(self) -> float:
        running = time.monotonic() - self.resumed_at if self.resumed_at is not None else 0.0
        return self.active + running

    def counts(self) -> dict:
        done, seconds = sum(self.done.values()), self.seconds()
        return {
            "writes": done,
            "refused": sum(self.refused.values()),
            "failed": sum(self.failed.values()),
            "seconds": seconds,
            "rate": done / seconds if seconds else 0.0,
        }

    def summary(self) -> dict:
        ms = self.milliseconds or [0.0]
        return {
            **self.counts(),
            "target_rate": 1 / self.period,
            "by_kind": dict(self.done.most_common()),
            "refusals": dict(self.refused.most_common(5)),
            "failures": dict(self.failed.most_common(5)),
            "write_p50_ms": percentile(ms, 50),
            "write_p95_ms": percentile(ms, 95),
        }

    def next_slot(self, last: float) -> float:
        """The time of the next write: one period after the last one's slot. Behind it (a
        slow write), the writes follow one another at once, one at a time, until back on
        time; slots more than ``MAX_LAG`` seconds late are given up (the rate says so)."""
        return max(last + self.period, time.monotonic() - MAX_LAG)

    def run_for(self, seconds: float) -> None:
        """Write, paced, for ``seconds`` (without commands)."""
        self.resume()
        next_at = time.monotonic() + self.period
        while self.seconds() < seconds:
            time.sleep(max(0.0, next_at - time.monotonic()))
            self.write_one()
            next_at = self.next_slot(next_at)
        self.pause()

    def serve(self, commands: int = 0, answer=print) -> None:
        """Obey the commands read from file descriptor ``commands``, writing while running."""
        buffered, next_at = b"", None
        while True:
            timeout = None if self.resumed_at is None else max(0.0, next_at - time.monotonic())
            readable, _, _ = select.select([commands], [], [], timeout)
            if not readable:
                self.write_one()
                next_at = self.next_slot(next_at)
                continue
            chunk = os.read(commands, 4096)
            buffered += chunk if chunk else b"stop\n"  # the benchmark went away: stop
            while b"\n" in buffered:
                line, buffered = buffered.split(b"\n", 1)
                command = line.decode().strip()
                if command == "resume":
                    self.resume()
                    next_at = time.monotonic() + self.period  # N periods, N writes
                    answer(json.dumps({"state": "running", **self.counts()}))
                elif command == "pause":
                    self.pause()
                    answer(json.dumps({"state": "paused", **self.counts()}))
                elif command == "stop":
                    self.pause()
                    answer(json.dumps({"state": "stopped", **self.summary()}))
                    return


class Writer:
    """``with Writer(database_url) as writer:`` the writer process, paused until
    ``resume()``; ``pause()`` and ``resume()`` answer the counts so far, ``summary`` is
    set once the block is left."""

    def __init__(
        self, database_url: str, rate: float = 10.0, cores: str | None = None, media=MEDIA
    ):
        self.url, self.rate, self.cores, self.media = database_url, rate, cores, media
        self.process, self.sizes, self.summary = None, {}, {}

    def __enter__(self):
        self.media.mkdir(parents=True, exist_ok=True)
        env = django_env("", DATABASE_URL=self.url, DJANGO_MEDIA_ROOT=str(self.media))
        command = [*pin(self.cores), sys.executable, "-m", "bench.writer", "--rate", str(self.rate)]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.sizes = self._answer("ready")["sizes"]
        return self

    def _answer(self, state: str) -> dict:
        for line in self.process.stdout:
            if line.startswith("{"):
                answer = json.loads(line)
                if answer.get("state") == state:
                    return answer
        raise RuntimeError(f"bench.writer ended without answering {state!r}")

    def _send(self, command: str, state: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self._answer(state)

    def resume(self) -> dict:
        return self._send("resume", "running")

    def pause(self) -> dict:
        return self._send("pause", "paused")

    def __exit__(self, *exc) -> None:
        if self.process.poll() is None:
            try:
                self.summary = self._send("stop", "stopped")
            except (OSError, RuntimeError):
                self.process.kill()
        self.process.wait(timeout=60)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.writer", description=__doc__)
    parser.add_argument("--rate", type=float, default=10.0, help="writes a second")
    parser.add_argument("--seconds", type=float, help="write this long, then print the summary")
    parser.add_argument("--seed", type=int)
    args = parser.parse_args(argv)
    import django

    django.setup()
    from bench.writes import World

    loop = Loop(World().load(), args.rate, args.seed)
    if args.seconds is not None:
        loop.run_for(args.seconds)
        print(json.dumps({"state": "stopped", **loop.summary()}, ensure_ascii=False))
        return
    print(json.dumps({"state": "ready", "sizes": loop.world.sizes()}), flush=True)
    loop.serve(sys.stdin.fileno(), answer=lambda line: print(line, flush=True))


if __name__ == "__main__":
    main()
