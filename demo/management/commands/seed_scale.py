"""``manage.py seed_scale --preset county|province|tiny``: a large data set for the benchmark.

Writes into whatever DATABASE_URL names, which must be empty (no villages, no terms):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_province \\
        python manage.py migrate && python manage.py seed_scale --preset province
Every scale user's password is ``scale-bench-2026``: never run it on a real database.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.scale import PRESETS, scale_seed, scale_seeded
from inspection.errors import ApplicationError


class Command(BaseCommand):
    help = "生成规模测试数据（性能基准用）：province 省级、county 县级、tiny 测试用。"

    def add_arguments(self, parser):
        parser.add_argument("--preset", choices=sorted(PRESETS), default="county")
        parser.add_argument(
            "--if-missing", action="store_true", help="数据已存在时不报错，直接返回"
        )
        parser.add_argument("--force", action="store_true", help="DEBUG=False 时也运行")

    def handle(self, *args, preset: str, if_missing: bool, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_scale 只用于测试数据库（DEBUG=False 时请加 --force）。")
        if if_missing and scale_seeded(PRESETS[preset]):
            self.stdout.write(f"{preset}: 已有规模测试数据，未作改动。")
            return
        started = time.monotonic()
        self.stdout.write(f"seed_scale --preset {preset}")
        try:
            counts = scale_seed(preset_name=preset, report=self.stdout.write)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        for table, count in counts.items():
            self.stdout.write(f"  {table:36} {count:>9,}")
        self.stdout.write(
            self.style.SUCCESS(f"完成：{preset}，用时 {time.monotonic() - started:.0f} 秒。")
        )
