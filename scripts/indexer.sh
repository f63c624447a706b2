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
#       read ATLAS_INDEXER_DATA, DB_PORT, ATLAS_RPC and GQL_PORT from the environment).
#
# Defaults: --rpc ws://127.0.0.1:9944, --db-port 23798, --gql-port 4350, --data
# $ATLAS_INDEXER_DATA, else /var/lib/atlas/indexer-db as root, ~/.local/share/atlas/indexer-db
# otherwise. The database is `atlas` on 127.0.0.1 only; see db_start for its roles. The
# processor and the GraphQL server listen on $INDEXER_HOST (default 127.0.0.1) only.
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

export DB_NAME="${DB_NAME:-atlas}" DB_HOST="${DB_HOST:-127.0.0.1}"

# The database's roles: `atlas` owns it (migrations, the processor), `atlas_reader` may only read
# (the GraphQL server); the superuser `postgres` has no password and is reachable only on the
# cluster's own socket, in its data directory. Their passwords are made at random with the
# cluster and kept next to it in DIR.secrets (mode 0600).
secrets_of() { echo "$1.secrets"; }
load_secrets() {
  local f
  f=$(secrets_of "$1")
  [ -f "$f" ] || { echo "no $f: start the cluster first (scripts/indexer.sh db-start DIR PORT)" >&2; exit 1; }
  # shellcheck disable=SC1090
  source "$f"
  export DB_PASS GQL_DB_PASS
}
random_password() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32; }

db_start() {
  local data="$1" port="$2" bin
  bin=$(pg_bin)
  mkdir -p "$data"
  data=$(cd "$data" && pwd)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$data"
  chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    local log
    log=$(mktemp)
    as_pg "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; exit 1; }
    rm -f "$log"
    (umask 077; printf 'DB_PASS=%s\nGQL_DB_PASS=%s\n' "$(random_password)" "$(random_password)" >"$(secrets_of "$data")")
  fi
  if ! as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # Its socket lives in the data directory, so clusters of parallel tests never meet.
    as_pg "$bin/pg_ctl" -D "$data" -l "$data/postgres.log" -w -t 60 \
      -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-on}" start >/dev/null
  fi
  load_secrets "$data"
  local su=(as_pg "$bin/psql" -q -v ON_ERROR_STOP=1 -h "$data" -p "$port" -U postgres)
  "${su[@]}" -d postgres <<SQL >/dev/null
SELECT format('CREATE ROLE atlas LOGIN CREATEDB PASSWORD %L', '$DB_PASS') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atlas') \gexec
SELECT format('CREATE ROLE atlas_reader LOGIN PASSWORD %L', '$GQL_DB_PASS') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atlas_reader') \gexec
SELECT 'CREATE DATABASE $DB_NAME OWNER atlas' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME') \gexec
SQL
  # The reader reads every table atlas makes, now and later (the processor's status schema too).
  "${su[@]}" -d "$DB_NAME" <<SQL >/dev/null
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO atlas_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO atlas_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE atlas GRANT SELECT ON TABLES TO atlas_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE atlas GRANT USAGE ON SCHEMAS TO atlas_reader;
SQL
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
  migrate) load_secrets "$data"; cd indexer; DB_USER=atlas exec npx squid-typeorm-migration apply ;;
  process) load_secrets "$data"; cd indexer; DB_USER=atlas exec node --require ./lib/listen-local.js lib/main.js ;;
  # Read-only, with bounds on what one query may ask, so a dashboard or an agent cannot stall
  # the database; no stack traces in answers. The in-memory cache bounds what Apollo keeps of
  # queries (unbounded otherwise) and answers a repeated query from memory for a second.
  serve)
    load_secrets "$data"
    cd indexer
    DB_USER=atlas_reader DB_PASS=$GQL_DB_PASS NODE_ENV=production NODE_OPTIONS="--require ./lib/listen-local.js" \
      exec node_modules/.bin/squid-graphql-server --max-root-fields 20 --max-response-size 100000 --sql-statement-timeout 10000 \
      --dumb-cache in-memory --dumb-cache-size 64 --dumb-cache-ttl 1000 --dumb-cache-max-age 1000 ;;
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
export ATLAS_INDEXER_DATA=$data DB_PORT=$db_port GQL_PORT=$gql_port ATLAS_RPC=$rpc
"$self" migrate
# Until Ctrl-C (or SIGTERM), or until either part exits; then both stop, and the cluster.
stopping=
trap 'stopping=1' INT TERM
"$self" process &
processor=$!
"$self" serve &
server=$!
echo "==> indexing $rpc into $data (port $db_port); GraphQL on http://127.0.0.1:$gql_port/graphql"
while [ -z "$stopping" ] && kill -0 "$processor" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 1; done
set +e
kill "$processor" "$server" 2>/dev/null
wait "$processor" "$server" 2>/dev/null
db_stop "$data"
echo "==> stopped"
