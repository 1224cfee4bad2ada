"""``manage.py serve``: the embedded default's server (``scripts/serve.sh`` runs it).

Django's development server in one process — no autoreloader, which would start a second
one — and, without a broker (no REDIS_URL), the periodic jobs of the Celery beat schedule
in a thread of that process (inspection/embedded.py); queued tasks run in a background
thread as well. With REDIS_URL the workers and the one beat do both, as deployed.
Debug is whatever DJANGO_DEBUG says; serve.sh turns it off. WhiteNoise serves the static
files straight from the apps' static folders (its finders mode), so no collectstatic is
needed — with debug off as with it on.
"""

from django.conf import settings
from django.core.management.commands.runserver import Command as RunserverCommand

from inspection.embedded import start_scheduler, tasks_in_background


class Command(RunserverCommand):
    help = "Serve the application in one process, with the periodic jobs when there is no Redis."

    def handle(self, *args, **options):
        options["use_reloader"] = False
        # Read by WhiteNoise's middleware when the server loads the application, below.
        settings.WHITENOISE_USE_FINDERS = True
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # else WhiteNoise warns
        if settings.REDIS_URL:
            self.stdout.write("Periodic jobs: Celery beat (REDIS_URL is set).")
        else:
            from inspection.celery import app

            start_scheduler(settings.VAR_DIR)
            self.stdout.write(
                f"Periodic jobs run in this process ({', '.join(app.conf.beat_schedule)}); "
                f"last runs in {settings.VAR_DIR / 'scheduler.json'}."
            )
            if tasks_in_background():
                self.stdout.write("Queued tasks (exports, deliveries) run in a background thread.")
        super().handle(*args, **options)
