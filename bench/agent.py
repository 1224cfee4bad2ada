"""One simulated user's HTTP side: its own connection, cookies and CSRF token, and the
record of every request it made (``Sample``: name, status, milliseconds, error).

What counts as an error: no answer, a status of 400 or more, or an answer other than
the one the journey expects (a form that comes back instead of redirecting was not
saved).
"""

import http.client
import random
import re
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Done(Exception):
    """The run's time is up: the user stops at their next pause."""


@dataclass(frozen=True)
class Sample:
    journey: str
    name: str
    status: int
    ms: float
    error: str  # "" when the request went as expected
    at: float  # seconds since the run started


class Recorder:
    """Samples of every user, appended from their threads."""

    def __init__(self):
        self.samples: list[Sample] = []
        self.lock = threading.Lock()
        self.started = time.monotonic()

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


class Agent:
    """A browser (or REST client) of one user, driven by its journey."""

    def __init__(self, base_url: str, journey: str, recorder: Recorder, *, think=(1.0, 3.0)):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.journey, self.recorder, self.think = journey, recorder, think
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        self.cookies: dict[str, str] = {}
        self.headers: dict[str, str] = {}
        self.csrf = ""
        self.deadline = float("inf")
        self.rng = random.Random()

    # ------------------------------------------------------------------ pacing

    def pause(self) -> None:
        """Think for 1–3 s (the user reads the page); stop when the run is over."""
        if time.monotonic() >= self.deadline:
            raise Done
        time.sleep(self.rng.uniform(*self.think))
        if time.monotonic() >= self.deadline:
            raise Done

    # ---------------------------------------------------------------- requests

    def get(self, name: str, path: str, *, accept: str = "text/html", expect=None) -> str:
        return self.call(name, "GET", path, accept=accept, expect=expect)

    def post(self, name: str, path: str, fields: dict, *, expect=(302,)) -> str:
        """A form post with the CSRF token of the last page; answers the Location."""
        body = urlencode({**fields, "csrfmiddlewaretoken": self.csrf}, doseq=True)
        return self.call(name, "POST", path, body=body, expect=expect)

    def call(self, name, method, path, *, body=None, accept="text/html", expect=None) -> str:
        """Send, time, record; answers the page's text (or the Location of a redirect)."""
        headers = {**self.headers, "Accept": accept, "Accept-Language": "zh-hans"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        started = time.perf_counter()
        try:
            status, response, text = self._send(method, path, body, headers)
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self._record(name, 0, started, f"{type(error).__name__}: {error}")
            return ""
        error = ""
        if status >= 400:
            error = f"{status} {method} {path}"
        elif expect is not None and status not in expect:
            error = f"{status} instead of {'/'.join(map(str, expect))}: {method} {path}"
        self._record(name, status, started, error)
        self._keep_cookies(response)
        found = CSRF_FIELD.search(text)
        if found:
            self.csrf = found.group(1)
        return response.getheader("Location", "") if 300 <= status < 400 else text

    def _send(self, method, path, body, headers):
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # A kept-alive connection the server closed while we were thinking.
                self.connection.close()
                if attempt == 2:
                    raise
        text = response.read().decode("utf-8", "replace")
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, response, text

    def _record(self, name: str, status: int, started: float, error: str) -> None:
        now = time.perf_counter()
        self.recorder.add(
            Sample(
                journey=self.journey,
                name=name,
                status=status,
                ms=(now - started) * 1000,
                error=error,
                at=time.monotonic() - self.recorder.started,
            )
        )

    def _keep_cookies(self, response) -> None:
        for header in response.msg.get_all("Set-Cookie") or ():
            pair, _, attributes = header.partition(";")
            key, _, value = pair.strip().partition("=")
            if not value or "max-age=0" in attributes.lower().replace(" ", ""):
                self.cookies.pop(key, None)
            else:
                self.cookies[key] = value.strip('"')

    # ----------------------------------------------------------------- sign-in

    def sign_in(self, username: str, password: str) -> bool:
        """The sign-in form, as a person fills it in; True when signed in."""
        self.get("sign in: GET /accounts/login/", "/accounts/login/")
        location = self.post(
            "sign in: POST /accounts/login/",
            "/accounts/login/",
            {"username": username, "password": password},
        )
        return bool(location) and "/accounts/login/" not in location
