"""The sealed files of the standalone copy: authenticated encryption, written once.

A package (office → team) and a bundle (team → office) are each one file::

    XUNCHA-PACKAGE-1\n            (or XUNCHA-BUNDLE-1)
    {"package": "…", "team": 7, …}\n   the header: JSON, readable without the key
    gAAAAAB…                           a Fernet token of the body (JSON, UTF-8)

Fernet (AES-128-CBC with an HMAC-SHA256 over the whole token) both hides the body and
proves it unaltered: a changed byte, or another key, fails to open. The header is bound
to the body too: the body repeats it and ``open_sealed`` refuses a mismatch, so a header
edited to name another package or team is refused like an altered body.

The package's key is derived from a passphrase the office hands the team leader apart from
the file (scrypt); the bundle's key is a random secret the package carries and the office
keeps (``bundle_key``).
"""

import base64
import hashlib
import json
import secrets

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.utils.translation import gettext as _

PACKAGE = "XUNCHA-PACKAGE-1"
BUNDLE = "XUNCHA-BUNDLE-1"


class SealError(ValueError):
    """A sealed file that cannot be opened: its message says why, in the user's language."""


def new_passphrase() -> str:
    """Twenty characters in four groups a team leader can type: ``K7Q2-M9XD-…``."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(20))
    return "-".join(raw[i : i + 5] for i in range(0, 20, 5))


def new_bundle_key() -> str:
    """A random Fernet key (URL-safe base64 text) for one package's bundles."""
    return Fernet.generate_key().decode()


def passphrase_key(passphrase: str, salt: bytes) -> bytes:
    """The Fernet key a passphrase opens (scrypt, n=2**15: a fraction of a second)."""
    normal = passphrase.strip().upper().replace(" ", "").encode()
    derived = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(normal)
    return base64.urlsafe_b64encode(derived)


def seal(magic: str, header: dict, body: dict, key: bytes | str) -> bytes:
    """The file: magic line, header line, the token of ``body`` (which repeats ``header``)."""
    plain = json.dumps({"header": header, "body": body}, ensure_ascii=False).encode()
    token = Fernet(key).encrypt(plain)
    head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode()
    return magic.encode() + b"\n" + head + b"\n" + token


def read_header(data: bytes, magic: str) -> dict:
    """The header of a sealed file, without opening it; ``SealError`` if it is not one."""
    parts = data.split(b"\n", 2)
    if len(parts) != 3 or parts[0] != magic.encode():
        raise SealError(_("文件不是巡察系统的单机版数据包。"))
    try:
        header = json.loads(parts[1])
    except (ValueError, RecursionError) as error:
        raise SealError(_("数据包的文件头已损坏。")) from error
    if not isinstance(header, dict):
        raise SealError(_("数据包的文件头已损坏。"))
    return header


def open_sealed(data: bytes, magic: str, key: bytes | str) -> tuple[dict, dict]:
    """``(header, body)`` of a sealed file; ``SealError`` if it was altered, made with
    another key, or its header does not match the body it sealed."""
    header = read_header(data, magic)
    try:
        plain = Fernet(key).decrypt(data.split(b"\n", 2)[2])
    except (InvalidToken, ValueError) as error:
        raise SealError(_("数据包校验失败：文件已被改动，或不是用本组的密钥生成的。")) from error
    try:
        sealed = json.loads(plain)
    except (ValueError, RecursionError) as error:  # sealed by a key holder, still checked
        raise SealError(_("数据包的内容不是有效的数据。")) from error
    if not isinstance(sealed, dict) or not isinstance(sealed.get("body"), dict):
        raise SealError(_("数据包的内容不是有效的数据。"))
    if sealed.get("header") != header:
        raise SealError(_("数据包校验失败：文件头已被改动。"))
    return header, sealed["body"]


def digest(data: bytes) -> str:
    """The SHA-256 of a whole file: what makes an import happen once."""
    return hashlib.sha256(data).hexdigest()
