#!/usr/bin/env bash
# `make loadtest`: the production app server under a bounded load, on 127.0.0.1 only.
#
# Starts a throwaway PostgreSQL and Redis (as .ci/run does), migrates, fills the database
# with the benchmark's users' group (bench/dataset.py), then gunicorn with two workers and
# the production settings over plain HTTP. Three wrk processes, one per URL, then run side
# by side for 30 s; bench/loadtest_report.py prints the table and writes bench/loadtest.json.
# Fails when any request failed or gunicorn did not come up. Everything it started is
# stopped by PID on the way out, and its temporary directory removed.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
port=${LOADTEST_PORT:-8150}
pg_port=${LOADTEST_PG_PORT:-8151}
redis_port=${LOADTEST_REDIS_PORT:-8152}
duration=${LOADTEST_DURATION:-30s}
# Per URL: 3 x 2 connections keep both workers busy, and each request finds a free thread
# (2 workers x 4 threads), so the latencies are the server's work, not a queue in front of it.
connections=${LOADTEST_CONNECTIONS:-2}
workers=2
urls=(
  "/api/v1/sessions/?conference=benchmark-summit"
  "/conferences/benchmark-summit/schedule.ics"
  "/conferences/benchmark-summit/schedule/"
)

packages=(postgresql redis-server wrk curl)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "loadtest: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# A port someone else listens on would be measured instead of ours.
for used in "$port" "$pg_port" "$redis_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$used") 2>/dev/null; then
    echo "loadtest: port $used on 127.0.0.1 is taken (LOADTEST_PORT, _PG_PORT, _REDIS_PORT)" >&2
    exit 1
  fi
done

tmp=$(mktemp -d)
chmod 755 "$tmp"
pg_pid=""
redis_pid=""
gunicorn_pid=""
wrk_pids=()
# Our own children are reaped with wait; PostgreSQL's server is pg_ctl's, so it is polled.
stop() {
  local pid=$1 signal=$2
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill "-$signal" "$pid"
    wait "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
}
cleanup() {
  local status=$?
  if ((status != 0)) && [[ -s "$tmp/gunicorn.log" ]]; then
    echo "loadtest: the end of gunicorn's log:" >&2
    tail -n 20 "$tmp/gunicorn.log" >&2
  fi
  for pid in "${wrk_pids[@]}"; do stop "$pid" TERM; done
  stop "$gunicorn_pid" TERM
  stop "$redis_pid" TERM
  stop "$pg_pid" INT
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
# Without these a non-interactive bash lets an interrupt wait for the children to finish.
trap "exit 130" INT
trap "exit 143" TERM

as_postgres=()
if ((EUID == 0)); then as_postgres=(runuser -u postgres --); fi
mkdir "$tmp/pg"
if ((EUID == 0)); then chown postgres:postgres "$tmp/pg"; fi
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
"${as_postgres[@]}" "$pg_bin/initdb" -D "$tmp/pg/data" -U postgres --auth=trust \
  -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$tmp/pg/data" -l "$tmp/pg/server.log" -w start \
  -o "-p $pg_port -k $tmp/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  >/dev/null
pg_pid=$(head -n 1 "$tmp/pg/data/postmaster.pid")
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE guildhall" >/dev/null
pg_version=$(psql -h 127.0.0.1 -p "$pg_port" -U postgres -Atc "SHOW server_version")

# In the foreground of a background job, so its PID is ours.
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
  --dir "$tmp" --logfile "$tmp/redis.log" &
redis_pid=$!
for _ in $(seq 50); do
  redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG && break
  sleep 0.2
done
redis-cli -h 127.0.0.1 -p "$redis_port" ping | grep -q PONG

# The production settings, over plain HTTP on loopback, with the API's throttles (which
# count per client address, and every request here comes from one) out of the way.
export DJANGO_SETTINGS_MODULE=config.settings.production
SECRET_KEY=$("$PY" -c "import secrets; print(secrets.token_urlsafe(50))")
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1
export SITE_URL="http://127.0.0.1:$port"
export DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/guildhall"
export REDIS_URL="redis://127.0.0.1:$redis_port/0"
export SECURE_SSL_REDIRECT=0
export API_THROTTLE_ANON=100000000/minute
export API_THROTTLE_USER=100000000/minute
export STATIC_ROOT="$tmp/static"
export WEB_CONCURRENCY=$workers
export GUNICORN_BIND="127.0.0.1:$port"
export GUNICORN_PIDFILE="$tmp/gunicorn.pid"

echo "loadtest: migrating and filling PostgreSQL $pg_version"
"$PY" manage.py migrate --noinput -v 0
"$PY" -m bench.loadtest_data
"$PY" manage.py collectstatic --noinput -v 0

.venv/bin/gunicorn -c config/gunicorn.conf.py >"$tmp/gunicorn.log" 2>&1 &
gunicorn_pid=$!
ready=""
for _ in $(seq 150); do
  if ! kill -0 "$gunicorn_pid" 2>/dev/null; then break; fi
  if curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port/" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.2
done
if [[ -z "$ready" ]] || [[ "$(cat "$GUNICORN_PIDFILE" 2>/dev/null)" != "$gunicorn_pid" ]]; then
  echo "loadtest: gunicorn did not answer on 127.0.0.1:$port (it exited, or 30 s passed)" >&2
  exit 1
fi
# Each URL twice before the clock starts: it must answer 200, and the caches are then warm.
for url in "${urls[@]}" "${urls[@]}"; do
  read -r code seconds < <(curl -sS -o /dev/null --max-time 30 \
    -w "%{http_code} %{time_total}\n" "http://127.0.0.1:$port$url")
  if [[ "$code" != 200 ]]; then
    echo "loadtest: $url answered $code, not 200" >&2
    exit 1
  fi
  echo "loadtest: $url: 200 in $seconds s, alone"
done

# wrk gives up on a request after 30 s, when gunicorn would also have killed its worker.
echo "loadtest: $duration, $connections connections per URL, gunicorn $workers workers"
for n in "${!urls[@]}"; do
  LOADTEST_OUT="$tmp/wrk-$n.json" wrk --threads 1 --connections "$connections" \
    --duration "$duration" --timeout 30s --script bench/loadtest.lua \
    "http://127.0.0.1:$port${urls[$n]}" >"$tmp/wrk-$n.txt" &
  wrk_pids+=($!)
done
for pid in "${wrk_pids[@]}"; do wait "$pid"; done
wrk_pids=()

results=()
for n in "${!urls[@]}"; do results+=(--result "${urls[$n]}" "$tmp/wrk-$n.json"); done
"$PY" -m bench.loadtest_report --out bench/loadtest.json "${results[@]}" \
  --machine cores "$(nproc)" \
  --machine cpu "$(grep -m 1 "model name" /proc/cpuinfo | cut -d: -f2 | xargs)" \
  --machine python "$("$PY" -c "import platform; print(platform.python_version())")" \
  --machine postgresql "$pg_version" \
  --machine redis "$(redis-server --version | grep -o "v=[^ ]*" | cut -d= -f2)" \
  --machine wrk "$(wrk --version 2>&1 | head -n 1 | cut -d" " -f2)" \
  --machine commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  --machine date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  --setup gunicorn "$workers workers x ${GUNICORN_THREADS:-4} threads (gthread)" \
  --setup duration "$duration" \
  --setup connections "$connections per URL, one wrk process per URL, side by side"
