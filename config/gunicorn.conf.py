"""gunicorn's configuration for every deployment: `make serve`, the systemd unit and the
docker-compose app servers all start `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Each app server is stateless (sessions, cache and login attempts live in PostgreSQL and
Redis), so any number of them can stand behind the proxy. These variables belong to the
server process, not to Django, whose environment is read in config/settings/base.py.
"""

import multiprocessing
import os

# Where to listen: a loopback address behind a proxy on the same host, or 0.0.0.0:8000 in a
# container that the proxy reaches over a private network.
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]

# Sync workers with a few threads each: the pages are short database reads. WEB_CONCURRENCY
# is gunicorn's usual name for the worker count.
workers = int(os.environ.get("WEB_CONCURRENCY", str(min(multiprocessing.cpu_count() * 2 + 1, 8))))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"

# Kill a request stuck for 30 s; give running requests 20 s to finish on a restart (SIGTERM).
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak never takes a server down.
max_requests = 2000
max_requests_jitter = 200

# The proxy's addresses, whose X-Forwarded-* headers gunicorn believes.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs to stdout and stderr, for journald or docker to collect.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# Write the master's pid where a supervisor (or a test) can find it to stop the server.
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
wsgi_app = "config.wsgi:application"
# No control socket: one path per user would be shared by every server on the host; servers
# are stopped by signals to the pid above (systemd, docker and the tests do).
control_socket_disable = True
