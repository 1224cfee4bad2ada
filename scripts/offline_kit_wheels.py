"""The offline kit's wheels and the helpers its steps share (scripts/offline_kit.py)."""

import hashlib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"wheels-runtime": "requirements.txt", "wheels-test": "requirements-dev.txt"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)


def say(text: str) -> None:
    print(f"==> {text}", flush=True)


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, text=True, capture_output=True, **kwargs)


def pip_download(lock: Path, dest: Path, target: list[str]) -> str:
    """Every pin of ``lock`` as a wheel in ``dest``, each checked against the lock's hashes;
    a pin with no wheel for the target is built from its hash-checked sdist. Returns the
    lock as the kit ships it: a built wheel's hash added to its pin."""
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    text = lock.read_text()
    pins = {normalized(name): version for name, version in PIN.findall(text)}
    checked = ["--require-hashes", "--no-deps"]
    binary = [*pip, "download", "--only-binary=:all:", *checked, *target, "-d", str(dest)]
    done = run([*binary, "-r", str(lock)])
    if done.returncode == 0:
        return text
    # One pin at a time: which have no wheel for the target.
    single = dest.parent / ".pin.txt"
    for name, version in pins.items():
        if wheel_names(dest).get(name) == version:
            continue
        block = requirement_block(text, name)
        single.write_text(block)
        if run([*binary, "-r", str(single)]).returncode == 0:
            continue
        if target:
            sys.exit(f"{name}=={version} has no wheel for {' '.join(target)}: build one there")
        say(f"{name}=={version} has no wheel: building one from its hash-checked sdist")
        sdists = dest.parent / "sdist"
        got = run(
            [*pip, "download", "--no-binary=:all:", *checked, "-d", str(sdists), "-r", str(single)]
        )
        if got.returncode != 0:
            sys.exit(got.stdout + got.stderr)
        sdist = next(p for p in sdists.iterdir() if normalized(p.name).startswith(name))
        built = run([*pip, "wheel", "--no-deps", "-w", str(dest), str(sdist)])
        if built.returncode != 0:
            sys.exit(built.stdout + built.stderr)
        wheel = next(p for p in dest.glob("*.whl") if wheel_name(p) == (name, version))
        first = re.escape(block.splitlines()[0])
        text = re.sub(
            rf"(?m)^({first}\n)", rf"\1    --hash=sha256:{sha256(wheel)} \\\n", text, count=1
        )
    single.unlink(missing_ok=True)
    missing = [f"{n}=={v}" for n, v in pins.items() if wheel_names(dest).get(n) != v]
    if missing:
        sys.exit(f"no wheel for {', '.join(missing)}:\n{done.stdout}{done.stderr}")
    return text


def wheel_name(path: Path) -> tuple[str, str]:
    name, version = path.name.split("-")[:2]
    return normalized(name), version


def wheel_names(folder: Path) -> dict[str, str]:
    return dict(wheel_name(path) for path in folder.glob("*.whl"))


def requirement_block(text: str, name: str) -> str:
    """The pin's lines (name==version and its hashes) from a lock."""
    lines, inside = [], False
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            inside = normalized(match.group(1)) == name
        elif not line.startswith("    --hash"):
            inside = False
        if inside:
            lines.append(line)
    return "\n".join(lines).rstrip(" \\") + "\n"


def step_wheels(out: Path, step: str, target: list[str]) -> str:
    lock = ROOT / LOCKS[step]
    dest = out / "wheels" / step.removeprefix("wheels-")
    dest.mkdir(parents=True, exist_ok=True)
    say(f"{step}: every pin of {lock.name} as a wheel, hash-checked, into {dest}")
    shipped = pip_download(lock, dest, target)
    (out / "lock").mkdir(exist_ok=True)
    (out / "lock" / lock.name).write_text(shipped)
    count = len(list(dest.glob("*.whl")))
    return f"{step}: {count} wheels for {lock.name}"
