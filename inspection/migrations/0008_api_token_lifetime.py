"""Every token expires: the tokens issued without an expiry get the default lifetime
(``INSPECTION_API_TOKEN_DAYS``) from the day of this migration, then the column is
required. Counting from the migration, not from the issue, keeps a client that works
today working until its owner can replace the key."""

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import inspection.models.tokens


def give_every_token_an_expiry(apps, schema_editor):
    ApiToken = apps.get_model("inspection", "ApiToken")
    expires_at = django.utils.timezone.now() + inspection.models.tokens.lifetime()
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=expires_at)


class Migration(migrations.Migration):
    dependencies = [
        ("inspection", "0007_accesslog_query"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(give_every_token_an_expiry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                default=inspection.models.tokens.default_expiry, verbose_name="到期时间"
            ),
        ),
    ]
