from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "REST API"

    def ready(self) -> None:
        # Registers the token's security scheme with drf-spectacular.
        import api.schema  # noqa: F401
