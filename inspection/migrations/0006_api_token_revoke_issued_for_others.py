"""Revoke the tokens that break the issuing rule of issue #14: a token acts as its user,
so one issued by somebody else for anyone but a statistics client let the issuer act as
that person. revoked_by stays empty: nobody revoked them by hand, this migration did."""

from django.db import migrations
from django.db.models import F
from django.utils import timezone

STATISTICS_CLIENT = "statistics_client"  # inspection.choices.UserRole, as stored


def revoke_tokens_issued_for_others(apps, schema_editor):
    ApiToken = apps.get_model("inspection", "ApiToken")
    ApiToken.objects.filter(revoked_at__isnull=True).exclude(user__role=STATISTICS_CLIENT).exclude(
        user_id=F("issued_by_id")
    ).update(revoked_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("inspection", "0005_api_token_access_log"),
    ]

    operations = [
        migrations.RunPython(revoke_tokens_issued_for_others, migrations.RunPython.noop),
    ]
