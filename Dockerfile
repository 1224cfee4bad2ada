# One image for the web, worker and beat services (they differ by command).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=inspection.settings.production

WORKDIR /app
# The runtime lock only, every file checked against its hash; the test and tool lock
# (requirements-dev.txt), the tests, the benchmark, the demo app and the screenshots stay
# out of the image (.dockerignore).
COPY requirements.txt .
RUN pip install --no-cache-dir --require-hashes -r requirements.txt
COPY . .
# collectstatic needs settings, not secrets: a throwaway key for the build step only.
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
 && useradd --system --uid 1000 --home /app inspection \
 && mkdir -p /app/var/media && chown -R inspection /app/var
USER inspection
EXPOSE 8000
CMD ["gunicorn", "inspection.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
