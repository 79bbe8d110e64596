"""The deployment examples (docker-compose.yml, the nginx and systemd files, the environment
file) cannot run here; these tests read them and check that they agree with the code: the
variables they set are the ones the settings and the gunicorn configuration read, the files
they name exist, and the proxy reaches every app server."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
READERS = [ROOT / "config/settings/base.py", ROOT / "config/gunicorn.conf.py"]
# Set in every deployment: without them the app server refuses to start or serves no host.
REQUIRED = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SITE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "GUNICORN_BIND",
}


def variables_read_by_code() -> set[str]:
    pattern = re.compile(
        r"""(?:os\.environ\.get|env_bool|env_list|os\.environ\[)\(?\s*["']([A-Z0-9_]+)["']"""
    )
    names = {"DJANGO_SETTINGS_MODULE"}  # read by Django itself
    for path in READERS:
        names.update(pattern.findall(path.read_text()))
    return names


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def app_services() -> dict[str, dict]:
    services = compose()["services"]
    return {
        name: service
        for name, service in services.items()
        if "gunicorn" in " ".join(service.get("command", []))
    }


def _group(pattern: str, text: str, flags: int = 0) -> str:
    """The first group of the pattern's match in the text; a missing match fails the test."""
    match = re.search(pattern, text, flags)
    assert match is not None, f"{pattern} not found"
    return match.group(1)


def systemd_unit(name: str) -> dict[str, dict[str, list[str]]]:
    """A unit file as {section: {key: [values]}}; keys may repeat, as systemd allows."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for line in (ROOT / "deploy/systemd" / name).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        assert current is not None, f"{name}: {line} is outside a section"
        current.setdefault(key, []).append(value)
    return sections


def environment_file() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / "deploy/guildhall.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs[key] = value
    return pairs


def test_code_reads_the_variables_these_tests_expect():
    assert REQUIRED <= variables_read_by_code()


def test_compose_runs_postgres_redis_two_app_servers_and_nginx():
    services = compose()["services"]

    assert (sorted(app_services()), {"postgres", "redis", "nginx"} <= set(services)) == (
        ["app1", "app2"],
        True,
    )


@pytest.mark.parametrize("name", ["app1", "app2", "migrate"])
def test_compose_app_environment_names_only_variables_the_code_reads(name):
    environment = set(compose()["services"][name]["environment"])

    assert (environment - variables_read_by_code(), REQUIRED - environment) == (set(), set())


def test_compose_app_servers_use_the_shared_postgres_and_redis_services():
    environment = compose()["services"]["app1"]["environment"]

    assert (
        _group(r"@(\w+):5432/", environment["DATABASE_URL"]),
        _group(r"redis://(\w+):", environment["REDIS_URL"]),
        environment["DJANGO_SETTINGS_MODULE"],
    ) == ("postgres", "redis", "config.settings.production")


def test_compose_commands_and_mounts_name_files_in_the_repository():
    services = compose()["services"]
    config_files = {
        argument
        for service in app_services().values()
        for argument in service["command"]
        if argument.endswith(".py")
    }
    mounts = [volume.split(":")[0] for volume in services["nginx"]["volumes"]]

    assert config_files == {"config/gunicorn.conf.py"}
    assert (ROOT / "config/gunicorn.conf.py").exists()
    assert (ROOT / mounts[0]).exists()
    assert (ROOT / "Dockerfile").exists()


def test_nginx_balances_over_every_app_server_on_its_port():
    nginx = (ROOT / "deploy/nginx.conf").read_text()
    upstream = _group(r"upstream guildhall \{(.*?)\}", nginx, re.S)
    port = compose()["services"]["app1"]["environment"]["GUNICORN_BIND"].rsplit(":", 1)[1]

    assert sorted(re.findall(r"server (\S+);", upstream)) == [
        f"{name}:{port}" for name in sorted(app_services())
    ]
    assert "proxy_set_header X-Forwarded-Proto https;" in nginx


def test_nginx_header_matches_the_proxy_header_production_trusts():
    production = (ROOT / "config/settings/production.py").read_text()

    assert 'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")' in production
    assert "X-Forwarded-Proto https" in (ROOT / "deploy/nginx.conf").read_text()


def test_systemd_unit_starts_gunicorn_with_repo_config_and_environment_file():
    service = systemd_unit("guildhall.service")["Service"]

    assert (
        service["ExecStart"][0].endswith("gunicorn -c config/gunicorn.conf.py"),
        service["EnvironmentFile"],
    ) == (True, ["/etc/guildhall/guildhall.env"])


def test_one_beat_queues_the_periodic_jobs_in_compose_and_systemd():
    services = compose()["services"]
    beats = [
        name
        for name, service in services.items()
        if service.get("command", [])[:4] == ["celery", "-A", "config", "beat"]
    ]
    unit = systemd_unit("guildhall-beat.service")["Service"]

    assert (beats, services["beat"]["environment"]) == (
        ["beat"],
        services["worker"]["environment"],
    )
    assert (unit["ExecStart"][0].split()[1:4], unit["EnvironmentFile"]) == (
        ["-A", "config", "beat"],
        ["/etc/guildhall/guildhall.env"],
    )


def test_systemd_backup_unit_dumps_the_database_the_app_uses():
    backup = systemd_unit("guildhall-backup.service")["Service"]
    timer = systemd_unit("guildhall-backup.timer")

    assert "pg_dump" in backup["ExecStart"][0]
    assert "$DATABASE_URL" in backup["ExecStart"][0]
    assert timer["Timer"]["OnCalendar"]
    assert timer["Install"]["WantedBy"] == ["timers.target"]


def test_environment_file_names_only_variables_the_code_reads():
    names = set(environment_file())

    assert (names - variables_read_by_code(), REQUIRED - names) == (set(), set())


def test_environment_file_leaves_secret_key_empty():
    assert environment_file()["SECRET_KEY"] == ""


def test_readme_documents_every_variable_the_code_reads():
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", readme, re.M))

    assert variables_read_by_code() - documented == set()
