#!/usr/bin/env bash
# The landing page /w/<code> against a hello-world route of the same app, same gunicorn.
#
#   benchmarks/landing_page.sh [DATABASE_FILE] [NUMBER_OF_CODES]
#
# Builds the database with `seed-demo --size 100000` when the file does not exist yet,
# starts gunicorn (2 sync workers) on it, warms the page cache (WARMUP seconds, default 90)
# with NUMBER_OF_CODES random workshops (default 1000), then runs wrk for 30 s at
# 50 connections on each route and prints both results. Needs wrk (Debian package).
set -euo pipefail
cd "$(dirname "$0")/.."
DB_FILE=$(realpath -m "${1:-instance/bench-100k.sqlite3}")
CODES=${2:-1000}
PORT=${PORT:-8123}
WORKERS=${WORKERS:-2}
BIN=.venv/bin
export FLASK_APP=workshop_credit DATABASE_URL="sqlite:///$DB_FILE" PYTHONPATH=.
# Pages are cached only for requests to the public address: the one wrk asks for.
export PUBLIC_BASE_URL="http://127.0.0.1:$PORT"
# The search index is not measured here: without a rebuild after seeding, each worker's sync
# thread would spend the run indexing 100,000 workshops from the outbox. A node that has caught
# up costs one indexed query every half second.
export SEARCH_SYNC_INTERVAL=0
export CODES_FILE
CODES_FILE=$(mktemp)

if [ ! -s "$DB_FILE" ]; then
  mkdir -p "$(dirname "$DB_FILE")"
  $BIN/flask db upgrade
  $BIN/flask seed-demo --size 100000
fi
$BIN/python - "$CODES" > "$CODES_FILE" <<'PY'
import random, sys
import sqlalchemy as sa
from workshop_credit import create_app
from workshop_credit.extensions import db
from workshop_credit.models import Workshop
with create_app().app_context():
    codes = db.session.scalars(sa.select(Workshop.public_code)).all()
print("\n".join(random.Random(7).sample(codes, int(sys.argv[1]))))
PY

$BIN/gunicorn -w "$WORKERS" -b "127.0.0.1:$PORT" --chdir benchmarks --log-level warning \
  bench_app:app &
GUNICORN=$!
trap 'kill $GUNICORN; rm -f "$CODES_FILE"' EXIT
sleep 3

# A first visit renders the page (tens of ms on a loaded machine); the figures are about
# repeat visits, so every worker first sees every code a few times.
echo "== warm-up: ${WARMUP:-90} s"
wrk -t2 -c50 -d"${WARMUP:-90}s" -s benchmarks/random_codes.lua "http://127.0.0.1:$PORT" > /dev/null
echo "== hello world: GET /bench/hello"
wrk -t2 -c50 -d30s --latency "http://127.0.0.1:$PORT/bench/hello"
echo "== landing page: GET /w/<random code of $CODES>"
wrk -t2 -c50 -d30s --latency -s benchmarks/random_codes.lua "http://127.0.0.1:$PORT"
