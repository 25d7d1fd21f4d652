#!/usr/bin/env bash
# Several instances on this machine, as production runs them on several: PostgreSQL from Debian's packages, INSTANCES
# `tongban serve` processes on their own ports sharing one data directory (uploads, keys), and nginx in front as the
# load balancer — all on 127.0.0.1.
#
#   scripts/deploy-local.sh start     # installs nothing; needs postgresql and nginx-light (apt-get install -y ...)
#   scripts/deploy-local.sh status
#   scripts/deploy-local.sh stop      # stops everything; the data stays in $DEPLOY_DIR
#   scripts/deploy-local.sh kill N    # kill -9 instance N (failure drills)
#   scripts/deploy-local.sh restart N # start instance N again
#   scripts/deploy-local.sh pg-restart # restart PostgreSQL under the instances (they must reconnect by themselves)
#
# Environment: BIN (default .build/release/tongban), INSTANCES (2), PORT (nginx, 8080), BASE_PORT (first instance,
# 8081), PGPORT (55440), DEPLOY_DIR (/tmp/tongban-deploy), REPLICA (1: also a streaming replica on PGPORT+1, which
# the instances read dashboards from through DATABASE_READ_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath -m "${BIN:-.build/release/tongban}")
INSTANCES=${INSTANCES:-2}
PORT=${PORT:-8080}
BASE_PORT=${BASE_PORT:-8081}
PGPORT=${PGPORT:-55440}
DEPLOY_DIR=${DEPLOY_DIR:-/tmp/tongban-deploy}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/tongban"
export TONGBAN_DATA_DIR="$DEPLOY_DIR/shared" LOG_LEVEL=${LOG_LEVEL:-warning}
REPLICA=${REPLICA:-0}
[ "$REPLICA" = 1 ] && export DATABASE_READ_URL="postgres://postgres@127.0.0.1:$((PGPORT + 1))/tongban"

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_instance() {
  local n=$1 port=$((BASE_PORT + $1 - 1))
  TONGBAN_AUTO_MIGRATE=false nohup "$BIN" serve --hostname 127.0.0.1 --port "$port" >>"$DEPLOY_DIR/logs/instance-$n.log" 2>&1 &
  echo $! >"$DEPLOY_DIR/instance-$n.pid"
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0; sleep 1; done
  echo "instance $n did not answer on $port; see $DEPLOY_DIR/logs/instance-$n.log" >&2
  return 1
}

nginx_conf() {
  local servers=""
  for n in $(seq 1 "$INSTANCES"); do servers+="    server 127.0.0.1:$((BASE_PORT + n - 1)) max_fails=1 fail_timeout=5s;"$'\n'; done
  cat <<EOF
worker_processes 2;
pid $DEPLOY_DIR/nginx/nginx.pid;
error_log $DEPLOY_DIR/logs/nginx-error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $DEPLOY_DIR/nginx/body;
  proxy_temp_path $DEPLOY_DIR/nginx/proxy;
  fastcgi_temp_path $DEPLOY_DIR/nginx/fastcgi;
  uwsgi_temp_path $DEPLOY_DIR/nginx/uwsgi;
  scgi_temp_path $DEPLOY_DIR/nginx/scgi;
  # Materials are uploaded up to the platform's own limit; nginx must not refuse them first.
  client_max_body_size 25m;
  upstream tongban {
    least_conn;
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$PORT;
    location / {
      proxy_pass http://tongban;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      # Replaced, not appended: the platform rate-limits by the first hop, which must be the real client.
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # A dead instance's GET goes to the other; a POST is never sent twice (nginx does not retry non-idempotent
      # requests), so a submission is answered once or not at all.
      proxy_next_upstream error timeout http_502 http_503;
      # Server-sent events (live interviews) must reach the browser as they are written.
      proxy_buffering off;
      proxy_read_timeout 3600s;
    }
  }
}
EOF
}

case "${1:-}" in
start)
  [ -x "$BIN" ] || { echo "build first: swift build -c release (or set BIN)" >&2; exit 1; }
  [ -n "$PGBIN" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }
  command -v nginx >/dev/null || { echo "nginx is not installed: apt-get install -y nginx-light" >&2; exit 1; }
  mkdir -p "$DEPLOY_DIR"/{logs,nginx,shared}
  if [ ! -d "$DEPLOY_DIR/pg" ]; then
    mkdir -p "$DEPLOY_DIR/pg"
    [ "$(id -u)" = 0 ] && chown postgres "$DEPLOY_DIR/pg"
    as_postgres "$PGBIN/initdb" -D "$DEPLOY_DIR/pg" -A trust -U postgres -E UTF8 >/dev/null
  fi
  as_postgres "$PGBIN/pg_ctl" -D "$DEPLOY_DIR/pg" -l "$DEPLOY_DIR/pg/server.log" -w \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=400" start >/dev/null
  as_postgres "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'tongban'" | grep -q 1 \
    || as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres tongban
  if [ "$REPLICA" = 1 ]; then
    # A hot standby streaming from the primary: pg_basebackup -R writes the standby's connection settings.
    if [ ! -f "$DEPLOY_DIR/pg-replica/PG_VERSION" ]; then
      mkdir -p "$DEPLOY_DIR/pg-replica" && chmod 700 "$DEPLOY_DIR/pg-replica"
      [ "$(id -u)" = 0 ] && chown postgres "$DEPLOY_DIR/pg-replica"
      as_postgres "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PGPORT" -U postgres -D "$DEPLOY_DIR/pg-replica" -R -X stream
    fi
    as_postgres "$PGBIN/pg_ctl" -D "$DEPLOY_DIR/pg-replica" -l "$DEPLOY_DIR/pg-replica/server.log" -w \
      -o "-p $((PGPORT + 1)) -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=400 -c hot_standby=on" start >/dev/null
  fi
  # One process migrates and seeds (and creates the shared keys) before any instance serves.
  "$BIN" migrate --yes >>"$DEPLOY_DIR/logs/migrate.log" 2>&1
  "$BIN" seed >>"$DEPLOY_DIR/logs/migrate.log" 2>&1
  for n in $(seq 1 "$INSTANCES"); do start_instance "$n"; done
  nginx_conf >"$DEPLOY_DIR/nginx/nginx.conf"
  nginx -c "$DEPLOY_DIR/nginx/nginx.conf" -p "$DEPLOY_DIR/nginx"
  for _ in $(seq 1 20); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
  echo "Tongban on http://127.0.0.1:$PORT — $INSTANCES instances on ports $BASE_PORT…$((BASE_PORT + INSTANCES - 1)), PostgreSQL on $PGPORT, data in $DEPLOY_DIR"
  ;;
stop)
  [ -f "$DEPLOY_DIR/nginx/nginx.pid" ] && nginx -c "$DEPLOY_DIR/nginx/nginx.conf" -p "$DEPLOY_DIR/nginx" -s stop 2>/dev/null || true
  for pid in "$DEPLOY_DIR"/instance-*.pid; do [ -f "$pid" ] && { kill "$(cat "$pid")" 2>/dev/null || true; rm -f "$pid"; }; done
  [ -n "$PGBIN" ] && [ -d "$DEPLOY_DIR/pg-replica" ] && as_postgres "$PGBIN/pg_ctl" -D "$DEPLOY_DIR/pg-replica" -m fast stop >/dev/null 2>&1 || true
  [ -n "$PGBIN" ] && [ -d "$DEPLOY_DIR/pg" ] && as_postgres "$PGBIN/pg_ctl" -D "$DEPLOY_DIR/pg" -m fast stop >/dev/null 2>&1 || true
  echo "stopped; data kept in $DEPLOY_DIR"
  ;;
status)
  for n in $(seq 1 "$INSTANCES"); do
    port=$((BASE_PORT + n - 1))
    printf 'instance %s (:%s): %s\n' "$n" "$port" "$(curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && echo up || echo down)"
  done
  [ "$REPLICA" = 1 ] && printf 'replica (:%s): %s\n' "$((PGPORT + 1))" \
    "$(as_postgres "$PGBIN/psql" -h 127.0.0.1 -p $((PGPORT + 1)) -U postgres -Atc "SELECT 'in recovery: ' || pg_is_in_recovery() || ', replayed ' || pg_last_wal_replay_lsn()" 2>&1)"
  printf 'nginx (:%s): %s\n' "$PORT" "$(curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && echo up || echo down)"
  ;;
kill)
  kill -9 "$(cat "$DEPLOY_DIR/instance-${2:?which instance}.pid")" && echo "instance $2 killed (-9)"
  ;;
restart)
  start_instance "${2:?which instance}" && echo "instance $2 started"
  ;;
pg-restart)
  as_postgres "$PGBIN/pg_ctl" -D "$DEPLOY_DIR/pg" -m fast -w restart -l "$DEPLOY_DIR/pg/server.log" \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=400" >/dev/null && echo "PostgreSQL restarted"
  ;;
*)
  sed -n '2,14p' "$0"; exit 2
  ;;
esac
