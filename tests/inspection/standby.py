"""A throwaway PostgreSQL primary and its hot standby, for the replica tests.

Both clusters live under one temporary folder, on free ports of 127.0.0.1, made with the
server's own tools: ``initdb`` for the primary, ``pg_basebackup -R`` for the standby
(streaming replication, ``standby.signal`` and ``primary_conninfo`` written by it). The
server refuses to run as root: as root the tools run as the ``postgres`` user, which owns
the folder. Made for speed, not safety: no fsync, small buffers, no autovacuum.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import closing
from pathlib import Path

import psycopg2

CONFIG = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{sockets}'
fsync = off
full_page_writes = off
shared_buffers = 16MB
max_connections = 30
autovacuum = off
wal_keep_size = 256MB
hot_standby = on
hot_standby_feedback = on
"""


def server_bin() -> Path | None:
    """The newest PostgreSQL server's programs on this machine (Debian's layout), or the
    folder ``PG_BIN`` names; None when there is none."""
    if os.environ.get("PG_BIN"):
        folders = [Path(os.environ["PG_BIN"])]
    else:
        folders = sorted(
            Path("/usr/lib/postgresql").glob("*/bin"),
            key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
            reverse=True,
        )
    for folder in folders:
        if all((folder / name).exists() for name in ("initdb", "pg_ctl", "pg_basebackup")):
            return folder
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Pair:
    """``with Pair(bin) as pair:`` a primary (``pair.primary_port``) streaming to a hot
    standby (``pair.standby_port``), both with user ``postgres`` and trust on loopback."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.runner = []
        self.owner = None
        if os.geteuid() == 0:
            self.owner = pwd.getpwnam("postgres")  # KeyError: no such user
            self.runner = ["runuser", "-u", "postgres", "--"]
        self.root = Path(tempfile.mkdtemp(prefix="replica-test-"))
        if self.owner:
            os.chown(self.root, self.owner.pw_uid, self.owner.pw_gid)
        self.primary, self.standby = self.root / "primary", self.root / "standby"
        self.primary_port, self.standby_port = free_port(), free_port()

    def run(self, program: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.runner, str(self.bin / program), *args],
            check=True,
            capture_output=True,
            text=True,
            **kwargs,
        )

    def url(self, port: int, name: str = "inspection") -> str:
        return f"postgres://postgres@127.0.0.1:{port}/{name}"

    def connect(self, port: int, name: str = "inspection"):
        """An autocommit connection (psycopg2's ``with`` would open a transaction: close
        it with ``contextlib.closing``)."""
        connection = psycopg2.connect(self.url(port, name))
        connection.autocommit = True
        return connection

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def start(self) -> None:
        self.run("initdb", "-D", str(self.primary), "-U", "postgres", "--auth=trust",
                 "--no-sync", "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
        self._configure(self.primary, self.primary_port)
        self.run("pg_ctl", "-D", str(self.primary), "-l", str(self.root / "primary.log"),
                 "-w", "start")  # fmt: skip
        with closing(self.connect(self.primary_port, "postgres")) as connection:
            connection.cursor().execute("CREATE DATABASE inspection")

    def load(self, dump: Path) -> None:
        """Restore a ``pg_dump -Fc`` file into the primary's database ``inspection``."""
        subprocess.run(
            [str(self.bin / "pg_restore"), "--no-owner", "-h", "127.0.0.1",
             "-p", str(self.primary_port), "-U", "postgres", "-d", "inspection", str(dump)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip

    def start_standby(self) -> None:
        """Copy the primary with ``pg_basebackup -R`` and start the copy as its standby."""
        self.run("pg_basebackup", "-h", "127.0.0.1", "-p", str(self.primary_port),
                 "-U", "postgres", "-D", str(self.standby), "-R", "-X", "stream",
                 "-c", "fast", "--no-sync")  # fmt: skip
        self._configure(self.standby, self.standby_port)
        self.run("pg_ctl", "-D", str(self.standby), "-l", str(self.root / "standby.log"),
                 "-w", "start")  # fmt: skip
        deadline = time.monotonic() + 30
        with closing(self.connect(self.standby_port)) as connection:
            cursor = connection.cursor()
            while time.monotonic() < deadline:
                cursor.execute("SELECT status FROM pg_stat_wal_receiver")
                row = cursor.fetchone()
                if row and row[0] == "streaming":
                    return
                time.sleep(0.1)
        raise RuntimeError("the standby does not stream from the primary")

    def stop_command(self, which: str) -> list[str]:
        """The command that stops the ``which`` cluster at once ("standby", "primary")."""
        folder = self.standby if which == "standby" else self.primary
        return [*self.runner, str(self.bin / "pg_ctl"), "-D", str(folder), "-m", "immediate",
                "-w", "stop"]  # fmt: skip

    def _configure(self, folder: Path, port: int) -> None:
        sockets = self.root / "sockets"
        sockets.mkdir(exist_ok=True)
        if self.owner:
            os.chown(sockets, self.owner.pw_uid, self.owner.pw_gid)
        with (folder / "postgresql.conf").open("a") as conf:
            conf.write(CONFIG.format(port=port, sockets=sockets))

    def __exit__(self, *exc) -> None:
        for folder in (self.standby, self.primary):
            if (folder / "postmaster.pid").exists():
                subprocess.run(
                    [*self.runner, str(self.bin / "pg_ctl"), "-D", str(folder), "-m",
                     "immediate", "-w", "stop"],
                    capture_output=True,
                )  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)
