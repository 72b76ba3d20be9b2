#!/usr/bin/env bash
# Installs missing system packages and starts project-local PostgreSQL and Redis (data under ./var,
# non-default ports) unless DATABASE_URL / REDIS_URL point elsewhere. Idempotent: running services are reused.
# Writes the resulting URLs to var/services.env for the other scripts to source.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="${DATA_ROOT:-$ROOT/var}"
mkdir -p "$VAR"
PG_PORT="${LOCAL_PG_PORT:-54329}"
REDIS_PORT="${LOCAL_REDIS_PORT:-63799}"

need=()
command -v prosody >/dev/null || need+=(prosody prosody-modules)
[ -d /usr/lib/prosody/modules ] && [ ! -d /usr/lib/prosody/modules/mod_invites_page ] && need+=(prosody-modules)
[ -x /usr/sbin/ejabberdctl ] || need+=(ejabberd)
command -v openssl >/dev/null || need+=(openssl)
command -v pebble >/dev/null || need+=(pebble)
[ -x /usr/sbin/named ] || need+=(bind9)
# Calls (TURN) and the IRC gateway; ngircd is the IRC server the tests talk to.
command -v turnserver >/dev/null || need+=(coturn)
command -v biboumi >/dev/null || need+=(biboumi)
[ -x /usr/sbin/ngircd ] || need+=(ngircd)
# jemalloc keeps shared Prosody servers (hundreds of hosts each) smaller than the C library's malloc does.
compgen -G "/usr/lib/*/libjemalloc.so.2" >/dev/null || [ -f /usr/lib/libjemalloc.so.2 ] || need+=(libjemalloc2)
[ -d /usr/lib/python3/dist-packages/slixmpp ] || need+=(python3-slixmpp)
[ -x /usr/bin/chromium ] || need+=(chromium)
# The Kubernetes runtime reaches a server's admin socket in its pod through socat (and the tests' pods run here).
command -v socat >/dev/null || need+=(socat)
if [ -z "${DATABASE_URL:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need+=(postgresql); fi
if [ -z "${REDIS_URL:-}" ] && ! command -v redis-server >/dev/null; then need+=(redis-server); fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "services: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    # Keep apt from starting the packaged system services: we run our own, project-local.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
    rm -f /usr/sbin/policy-rc.d
  else
    echo "services: missing packages: ${need[*]}. Install them with: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi

if [ -z "${DATABASE_URL:-}" ]; then
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  PGDATA="$VAR/postgres"
  as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
    as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  # fsync stays on unless the caller asks for speed over durability (npm test does; npm run up never does).
  FSYNC="${LOCAL_PG_FSYNC:-on}"
  if ! as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
      -o "-p $PG_PORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=$FSYNC -c max_connections=200" start >/dev/null
  elif [ "$FSYNC" = on ] && [ "$(as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SHOW fsync")" != on ]; then
    # A server that tests started for speed becomes durable again before the platform uses it.
    as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "ALTER SYSTEM SET fsync = on" -c "SELECT pg_reload_conf()" >/dev/null
  fi
  for db in xmpphost xmpphost_test; do
    as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 ||
      as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$db"
  done
  DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/xmpphost"
  TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/xmpphost_test"
fi

if [ -z "${REDIS_URL:-}" ]; then
  mkdir -p "$VAR/redis"
  # A password of its own, made once and kept beside its data (0600): nothing else on the machine talks to it.
  if [ ! -s "$VAR/redis/password" ]; then (umask 077 && openssl rand -hex 24 >"$VAR/redis/password"); fi
  REDIS_PASSWORD="$(cat "$VAR/redis/password")"
  redis_ok() { REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }
  if ! redis_ok; then
    if redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
      # Started before it had a password: give it one now.
      redis-cli -p "$REDIS_PORT" config set requirepass "$REDIS_PASSWORD" >/dev/null
    else
      redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$VAR/redis" --daemonize yes \
        --pidfile "$VAR/redis/redis.pid" --logfile "$VAR/redis/redis.log" --maxmemory-policy noeviction \
        --save "" --appendonly yes --appendfsync everysec --requirepass "$REDIS_PASSWORD" >/dev/null
      for _ in $(seq 50); do redis_ok && break; sleep 0.1; done
    fi
  fi
  redis_ok || {
    echo "services: Redis on port $REDIS_PORT does not answer with this checkout's password ($VAR/redis/password);" \
      "is another one running there? Set LOCAL_REDIS_PORT or REDIS_URL." >&2
    exit 1
  }
  REDIS_URL="redis://:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT"
fi

cat > "$VAR/services.env" <<ENV
export DATABASE_URL="${DATABASE_URL}"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-$DATABASE_URL}"
export REDIS_URL="${REDIS_URL}"
ENV
echo "services: PostgreSQL at ${DATABASE_URL%%\?*}, Redis at ${REDIS_URL/\/\/:*@/\/\/}" >&2
