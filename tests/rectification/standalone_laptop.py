"""A team's laptop for the standalone round trip: ``manage.py`` in processes of their own on
the embedded default (SQLite and files in a temporary directory, no Redis, tasks in the
process), the server ``manage.py serve`` and a browser that signs in through the real form
and posts the pages' forms with their CSRF and submission tokens."""

import html
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
HIDDEN = re.compile(r"<input\b[^>]*>")


class Laptop:
    def __init__(self, directory: Path, passphrase: str):
        self.directory = directory
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key
            not in {"REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_MEDIA_ROOT"}
        }
        self.env.update(
            DJANGO_DEBUG="false",
            INSPECTION_VAR_DIR=str(directory),
            DATABASE_URL=f"sqlite:///{directory / 'db.sqlite3'}",
            INSPECTION_STANDALONE="True",
            XUNCHA_PASSPHRASE=passphrase,
        )
        self.timings: dict[str, float] = {}

    def manage(self, *args: str, fails: bool = False, **env: str) -> subprocess.CompletedProcess:
        """One ``manage.py`` command (``env`` added to the laptop's), expected to succeed
        unless ``fails``; its duration kept in ``timings`` (reported, not asserted)."""
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=600,
        )
        self.timings[args[0]] = round(time.monotonic() - started, 1)
        assert (done.returncode != 0) == fails, done.stdout + done.stderr
        return done

    def serve(self):
        """The server, as a context manager yielding its base URL."""
        return _Served(self)


class _Served:
    def __init__(self, laptop: Laptop):
        self.laptop = laptop

    def __enter__(self) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.log = (self.laptop.directory / "serve.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "serve", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=self.laptop.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120  # readiness, not timing
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{url}/healthz", timeout=5)
                return url
            except httpx.TransportError:
                assert self.process.poll() is None, self.logged()
                time.sleep(0.3)
        raise AssertionError(f"the laptop's server never answered:\n{self.logged()}")

    def logged(self) -> str:
        return (self.laptop.directory / "serve.log").read_text()

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


class Browser:
    """One person's browser on the laptop's pages."""

    def __init__(self, url: str):
        self.client = httpx.Client(base_url=url, timeout=30)

    def get(self, path: str) -> httpx.Response:
        return self.client.get(path)

    def form(self, path: str) -> dict[str, str]:
        """The hidden fields of the page's form (CSRF token, submission token)."""
        page = self.get(path)
        assert page.status_code == 200, (path, page.status_code)
        fields = {}
        for tag in HIDDEN.findall(page.text):
            if 'type="hidden"' in tag:
                name = re.search(r'name="([^"]+)"', tag)
                value = re.search(r'value="([^"]*)"', tag)
                if name:
                    fields[name.group(1)] = html.unescape(value.group(1) if value else "")
        return fields

    def submit(self, path: str, data: dict, files=None, page: str | None = None) -> httpx.Response:
        """Fill the form of ``page`` (default: ``path``) and send it to ``path``."""
        fields = {**self.form(page or path), **data}
        answer = self.client.post(path, data=fields, files=files)
        assert answer.status_code == 302, (path, answer.status_code, _errors(answer.text))
        return answer

    def sign_in(self, username: str, password: str) -> None:
        self.submit(
            "/accounts/login/", {"username": username, "password": password, "next": "/team/"}
        )


def _errors(text: str) -> list[str]:
    return re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)<', text)[:5]
