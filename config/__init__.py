"""The project's configuration. The Celery app is loaded with Django, so that tasks queued by
the web processes and run by the worker use the same application and settings."""

from config.celery import app as celery_app

__all__ = ["celery_app"]
