"""Loading a team's package into the laptop's empty database (docs/DOMAIN.md
"Confidentiality": the 单机版).

The rows keep their central pks (a record made on the laptop then gets a pk above every
packaged one: that is how the bundle tells them apart); the files are written where the
rows say; each account is put in its role's group; the state (``state.py``) is written last.
"""

import base64
import secrets
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.errors import ConflictError
from inspection.roles import assign_role_group, sync_role_groups
from rectification.standalone import envelope
from rectification.standalone.state import StandaloneState, read_state, write_state
from rounds.models import Team


def _check_empty() -> None:
    if read_state() is not None or apps.get_model("inspection", "User").objects.exists():
        raise ConflictError(
            _("这个单机版已装入过数据包：新的数据包请另用一个目录（standalone.sh 会这样做）。")
        )


@transaction.atomic
def team_package_load(*, data: bytes, passphrase: str) -> StandaloneState:
    """Open the package ``data`` with ``passphrase`` and load it; ``SealError`` with the
    reason if the passphrase is wrong or the file altered."""
    header = envelope.read_header(data, envelope.PACKAGE)
    key = envelope.passphrase_key(passphrase, bytes.fromhex(header.get("salt", "")))
    header, body = envelope.open_sealed(data, envelope.PACKAGE, key)
    _check_empty()
    with connection.constraint_checks_disabled():
        _clear_seeded({apps.get_model(row["model"]) for row in body["rows"]})
        loaded = set()
        for obj in serializers.deserialize("python", body["rows"]):
            obj.save()
            loaded.add(type(obj.object))
    connection.check_constraints()
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(loaded)):
            cursor.execute(statement)
    _write_files(body.get("files", {}))
    sync_role_groups()
    for user in apps.get_model("inspection", "User").objects.all():
        assign_role_group(user)
    team = Team.objects.get(pk=header["team"])
    state = StandaloneState(
        package=header["package"],
        team=team.pk,
        team_name=team.name,
        round=header["round"],
        made_at=header["made_at"],
        loaded_at=timezone.now().isoformat(),
        bundle_key=body["bundle_key"],
        max_pks=_max_pks(),
        laptop=secrets.token_hex(4),
    )
    transaction.on_commit(lambda: write_state(state))
    return state


def _clear_seeded(packaged) -> None:
    """Empty the tables the package fills that migrate seeded (the must-lists, the taxonomy,
    the modes): the office's rows, with the office's pks, replace the shipped defaults, which
    the office may have edited since (a class deleted and made again: the same code under
    another pk)."""
    with connection.cursor() as cursor:
        for model in packaged:
            tables = [model._meta.db_table] + [
                field.remote_field.through._meta.db_table
                for field in model._meta.many_to_many
                if field.remote_field.through._meta.auto_created
            ]
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def _write_files(files: dict[str, str]) -> None:
    root = Path(settings.MEDIA_ROOT).resolve()
    for name, data in files.items():
        path = (root / name).resolve()
        if root not in path.parents:  # a name is the storage's own, never a way out
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))


def _max_pks() -> dict[str, int]:
    """The highest pk of every model with an integer pk (0 for an empty table)."""
    found = {}
    for model in apps.get_models():
        integer = isinstance(model._meta.pk, models.AutoField | models.BigAutoField)
        if model._meta.proxy or not integer:
            continue
        top = model._default_manager.aggregate(top=models.Max("pk"))["top"]
        found[model._meta.label_lower] = top or 0
    return found
