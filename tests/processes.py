"""Processes the tests start and stop themselves: a free loopback port, stopping by PID, and
a Redis server (CI's, named by GUILDHALL_TEST_REDIS_URL, or one of our own on a free port).
Used by the tests that run real servers and workers against Redis."""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis

STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Stop a process we started, by its PID: TERM, then KILL if it lingers."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture
def redis_url(tmp_path):
    """CI's Redis (GUILDHALL_TEST_REDIS_URL), or a redis-server of our own on a free port."""
    given = os.environ.get("GUILDHALL_TEST_REDIS_URL")
    if given:
        yield given
        return
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip(
            "redis-server not found: apt install redis-server, or set GUILDHALL_TEST_REDIS_URL"
        )
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - fixed executable and arguments
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        stop(process)
