# The app server image that docker-compose.yml runs twice (docs/deployment.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

WORKDIR /app
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir -r requirements/base.txt
COPY . .
# Static files are collected into the image; whitenoise serves them. The key below exists
# only for this build step; the containers get the real one from the environment.
RUN SECRET_KEY=collectstatic-only-build-key python manage.py collectstatic --noinput -v 0 \
    && useradd --system --home /app guildhall \
    && install -d -o guildhall -g guildhall /app/media
USER guildhall
EXPOSE 8000
CMD ["gunicorn", "-c", "config/gunicorn.conf.py"]
