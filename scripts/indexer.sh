#!/usr/bin/env bash
# Atlas's indexer (indexer/): PostgreSQL, the Subsquid processor and its GraphQL server.
#
#   scripts/indexer.sh [run] [--rpc URL] [--data DIR] [--db-port N] [--gql-port N]
#       Starts (creating it the first time) a PostgreSQL cluster in DIR, applies the schema's
#       migrations, and runs the processor against the node at URL and the GraphQL server on
#       --gql-port, until Ctrl-C; then stops them and the cluster. The node must keep the state
#       of every block it indexes (run it with --state-pruning archive).
#   scripts/indexer.sh build
#       Installs the indexer's npm packages (if its lock file changed) and compiles it.
#   scripts/indexer.sh typegen [--rpc URL]
#       After a runtime change: records the node's metadata in indexer/metadata/atlas.jsonl and
#       regenerates the event and storage types (indexer/src/types) from it.
#   scripts/indexer.sh db-start DIR PORT | db-stop DIR | migrate | process | serve
#       One part alone (the end-to-end test runs them so): start or stop the PostgreSQL cluster
#       in DIR, apply the migrations, run the processor, run the GraphQL server (these three
#       read DB_PORT, ATLAS_RPC and GQL_PORT from the environment).
#
# Defaults: --rpc ws://127.0.0.1:9944, --db-port 23798, --gql-port 4350, --data
# $ATLAS_INDEXER_DATA, else /var/lib/atlas/indexer-db as root, ~/.local/share/atlas/indexer-db
# otherwise. The database is `atlas`, its user `atlas` with the password $DB_PASS (default
# atlas-indexer), reachable on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
self="$repo/scripts/indexer.sh"

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$dir" ] && [ -x "$dir/postgres" ]; then echo "$dir"; return; fi
  command -v postgres >/dev/null 2>&1 && { dirname "$(command -v postgres)"; return; }
  echo "PostgreSQL is not installed: run scripts/setup.sh (it installs Debian's postgresql)" >&2
  exit 1
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

export DB_NAME="${DB_NAME:-atlas}" DB_USER="${DB_USER:-atlas}" DB_PASS="${DB_PASS:-atlas-indexer}" DB_HOST="${DB_HOST:-127.0.0.1}"

db_start() {
  local data="$1" port="$2" bin
  bin=$(pg_bin)
  mkdir -p "$data"
  data=$(cd "$data" && pwd)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$data"
  chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    local pw
    pw=$(mktemp)
    printf '%s\n' "$DB_PASS" >"$pw"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$pw"
    as_pg "$bin/initdb" -D "$data" -U "$DB_USER" --pwfile="$pw" --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$pw.log" 2>&1 || { cat "$pw.log" >&2; rm -f "$pw" "$pw.log"; exit 1; }
    rm -f "$pw" "$pw.log"
  fi
  if ! as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Its socket lives in the data directory, so clusters of parallel tests never meet.
    as_pg "$bin/pg_ctl" -D "$data" -l "$data/postgres.log" -w -t 60 \
      -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-on}" start >/dev/null
  fi
  if ! as_pg "$bin/psql" -h "$data" -p "$port" -U "$DB_USER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    as_pg "$bin/createdb" -h "$data" -p "$port" -U "$DB_USER" "$DB_NAME"
  fi
}

db_stop() {
  local data="$1" bin
  bin=$(pg_bin)
  [ -f "$data/PG_VERSION" ] || return 0
  as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

build() {
  if [ ! -d indexer/node_modules ] || [ indexer/package-lock.json -nt indexer/node_modules/.package-lock.json ]; then
    (cd indexer && npm ci --no-audit --no-fund --loglevel=error)
  fi
  (cd indexer && npx tsc -p .)
}

cmd=run
case "${1:-}" in run | build | typegen | db-start | db-stop | migrate | process | serve) cmd=$1; shift ;; esac

rpc=ws://127.0.0.1:9944
data=${ATLAS_INDEXER_DATA:-}
if [ -z "$data" ]; then
  if [ "$(id -u)" -eq 0 ]; then data=/var/lib/atlas/indexer-db; else data="$HOME/.local/share/atlas/indexer-db"; fi
fi
db_port=23798
gql_port=4350
case $cmd in
  db-start) db_start "$1" "$2"; exit 0 ;;
  db-stop) db_stop "$1"; exit 0 ;;
  build) build; exit 0 ;;
  migrate) cd indexer; exec npx squid-typeorm-migration apply ;;
  process) cd indexer; exec node lib/main.js ;;
  # Bounds on what one query may ask, so a dashboard or an agent cannot stall the database.
  serve) cd indexer; NODE_ENV=production exec node_modules/.bin/squid-graphql-server --max-root-fields 20 --max-response-size 100000 --sql-statement-timeout 10000 ;;
esac
while [ $# -gt 0 ]; do
  case "$1" in
    --rpc) rpc=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --db-port) db_port=$2; shift 2 ;;
    --gql-port) gql_port=$2; shift 2 ;;
    *) echo "unknown argument $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done

if [ "$cmd" = typegen ]; then
  build
  cd indexer
  mkdir -p metadata
  rm -f metadata/atlas.jsonl
  npx squid-substrate-metadata-explorer --rpc "$rpc" --out metadata/atlas.jsonl
  rm -rf src/types
  npx squid-substrate-typegen typegen.json
  npx tsc -p .
  echo "==> types regenerated from $rpc; map any event whose shape changed in src/mapping.ts"
  exit 0
fi

build
db_start "$data" "$db_port"
export DB_PORT=$db_port GQL_PORT=$gql_port ATLAS_RPC=$rpc
"$self" migrate
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  db_stop "$data"
}
trap cleanup EXIT INT TERM
"$self" process &
pids+=($!)
"$self" serve &
pids+=($!)
echo "==> indexing $rpc into $data (port $db_port); GraphQL on http://127.0.0.1:$gql_port/graphql"
wait -n "${pids[@]}"
