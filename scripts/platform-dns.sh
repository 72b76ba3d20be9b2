#!/usr/bin/env bash
# Runs a project-local authoritative DNS server (BIND named) for the platform zone, so free addresses
# (NAME.PLATFORM_BASE_DOMAIN) get their records published by the platform through RFC 2136 updates.
# Idempotent: the TSIG key and the zone file are created once and a running named is reused.
# Writes the settings the API, the worker and the seed need to var/platform-dns.env for up.sh to source.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="${DATA_ROOT:-$ROOT/var}"
ENV_FILE="$VAR/platform-dns.env"

# The operator configured their own DNS: leave it alone. A leftover env file from an earlier run would
# override their settings when up.sh sources it, so it goes.
if { [ -n "${DNS_PROVIDER:-}" ] && [ "$DNS_PROVIDER" != none ]; } || [ -n "${PLATFORM_BASE_DOMAIN:-}" ]; then
  rm -f "$ENV_FILE"
  exit 0
fi

# home.arpa is reserved for local networks (RFC 8375): nothing public can clash with it.
ZONE="${PLATFORM_BASE_DOMAIN:-chat.home.arpa}"
PORT="${PLATFORM_DNS_PORT:-15353}"
ADDR=127.0.0.1
KEY_NAME=platform-update
DIR="$VAR/named"
CONF="$DIR/named.conf"
KEY_FILE="$DIR/$KEY_NAME.key"
ZONE_FILE="$DIR/$ZONE.zone"
PID_FILE="$DIR/named.pid"
NAMED=/usr/sbin/named
[ -x "$NAMED" ] || { echo "platform DNS: $NAMED not found; install bind9 (scripts/services.sh does as root)" >&2; exit 1; }
mkdir -p "$DIR"

# The update key is made once: the platform and any running named must keep agreeing on it.
if [ ! -s "$KEY_FILE" ]; then
  (
    umask 077
    printf 'key "%s" {\n  algorithm hmac-sha256;\n  secret "%s";\n};\n' "$KEY_NAME" "$(openssl rand -base64 32)" >"$KEY_FILE"
  )
fi
chmod 600 "$KEY_FILE"
SECRET="$(sed -n 's/^ *secret "\(.*\)";$/\1/p' "$KEY_FILE")"
[ -n "$SECRET" ] || { echo "platform DNS: no secret found in $KEY_FILE" >&2; exit 1; }

# Written once, never again: named keeps the dynamic updates in the journal ($ZONE_FILE.jnl) beside it
# and folds them into this file itself.
if [ ! -f "$ZONE_FILE" ]; then
  cat >"$ZONE_FILE" <<ZONEFILE
\$ORIGIN $ZONE.
\$TTL 300
@ IN SOA ns.$ZONE. hostmaster.$ZONE. 1 3600 600 86400 60
@ IN NS ns.$ZONE.
ns IN A 127.0.0.1
; The platform host clients connect to.
xmpp IN A 127.0.0.1
ZONEFILE
fi

# Derived from the variables above, so rewritten every run.
cat >"$CONF" <<CONF
options {
  directory "$DIR";
  listen-on port $PORT { $ADDR; };
  listen-on-v6 { none; };
  pid-file "$PID_FILE";
  // The default session key lives in /run/named, which may not exist or belong to a system named.
  session-keyfile "$DIR/session.key";
  // Also a resolver for this machine, so the platform's DNS checks of other names through this server work
  // whenever the machine has a network.
  recursion yes;
  allow-recursion { 127.0.0.1; };
  dnssec-validation no;
  notify no;
};
// No rndc channel: it would bind 127.0.0.1:953 and clash with a system named.
controls { };
// Detached named logs to syslog by default, which containers often lack.
logging {
  channel file_log { file "$DIR/named.log" versions 3 size 5m; severity info; print-time yes; };
  category default { file_log; };
};
include "$KEY_FILE";
zone "$ZONE" { type primary; file "$ZONE_FILE"; allow-update { key "$KEY_NAME"; }; };
CONF

named-checkconf "$CONF" >/dev/null 2>&1 || {
  echo "platform DNS: invalid $CONF:" >&2
  named-checkconf "$CONF" >&2 || true
  exit 1
}
named-checkzone "$ZONE" "$ZONE_FILE" >/dev/null 2>&1 || {
  echo "platform DNS: invalid zone file $ZONE_FILE:" >&2
  named-checkzone "$ZONE" "$ZONE_FILE" >&2 || true
  exit 1
}

running() {
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  # A stale pid file may name another process by now, hence the name check.
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(cat "/proc/$pid/comm" 2>/dev/null || echo named)" = named ]
}

if ! running; then
  # Never leave a network daemon running as root: the Debian package's bind user owns the data instead.
  user=()
  if [ "$(id -u)" = 0 ]; then
    chown -R bind:bind "$DIR"
    user=(-u bind)
  fi
  # Without -g/-f named daemonizes by itself.
  "$NAMED" "${user[@]}" -c "$CONF" || {
    echo "platform DNS: named failed to start; see $DIR/named.log" >&2
    exit 1
  }
fi

soa_ok() {
  if command -v dig >/dev/null; then
    dig +short +time=1 +tries=1 -p "$PORT" @"$ADDR" "$ZONE" SOA | grep -q .
  else
    node -e '
      const r = new (require("node:dns").promises.Resolver)({ timeout: 500, tries: 1 });
      r.setServers([process.argv[1]]);
      r.resolveSoa(process.argv[2]).then(() => process.exit(0), () => process.exit(1));
    ' "$ADDR:$PORT" "$ZONE"
  fi
}
ok=
for _ in $(seq 25); do
  if soa_ok; then ok=1 && break; fi
  sleep 0.2
done
if [ -z "$ok" ]; then
  echo "platform DNS: named does not answer for $ZONE on $ADDR:$PORT within 5 s; see $DIR/named.log:" >&2
  tail -n 20 "$DIR/named.log" >&2 2>/dev/null || true
  exit 1
fi

# Settings the caller already made win (DNS_PROVIDER and PLATFORM_BASE_DOMAIN are settled by the check above).
(
  umask 077
  cat >"$ENV_FILE" <<ENV
export PLATFORM_BASE_DOMAIN="$ZONE"
export DNS_PROVIDER=rfc2136
export PLATFORM_HOST="\${PLATFORM_HOST:-xmpp.$ZONE}"
export PLATFORM_IPV4="\${PLATFORM_IPV4:-$ADDR}"
export RFC2136_SERVER="\${RFC2136_SERVER:-$ADDR}"
export RFC2136_PORT="\${RFC2136_PORT:-$PORT}"
export RFC2136_ZONE="\${RFC2136_ZONE:-$ZONE}"
export RFC2136_TSIG_NAME="\${RFC2136_TSIG_NAME:-$KEY_NAME}"
export RFC2136_TSIG_ALGORITHM="\${RFC2136_TSIG_ALGORITHM:-hmac-sha256}"
export RFC2136_TSIG_SECRET="\${RFC2136_TSIG_SECRET:-$SECRET}"
export DNS_SERVERS="\${DNS_SERVERS:-$ADDR:$PORT}"
# Managed servers find each other (federation) through the same server: the zone, and other names recursively.
export SERVER_DNS_RESOLVERS="\${SERVER_DNS_RESOLVERS:-$ADDR:$PORT}"
ENV
)
echo "platform DNS: zone $ZONE on $ADDR:$PORT (BIND)" >&2
