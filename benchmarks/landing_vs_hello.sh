#!/usr/bin/env bash
# Repeat visits of /w/<code> against a separate one-route Flask app, same gunicorn settings.
#
#   benchmarks/landing_vs_hello.sh [DATABASE_FILE] [NUMBER_OF_CODES]
#
# Builds the database with `seed-demo --size ${SIZE:-2000}` when the file does not exist,
# starts two gunicorns with the same settings (WORKERS sync workers, default 2): the site on
# PORT (default 5610) and benchmarks/hello_flask.py on PORT+1, warms the site's page cache,
# then runs wrk for DURATION seconds (default 20) at 50 connections on each, one after the
# other, and prints both results. Needs wrk (Debian package).
set -euo pipefail
cd "$(dirname "$0")/.."
DB_FILE=$(realpath -m "${1:-instance/bench-landing.sqlite3}")
CODES=${2:-500}
PORT=${PORT:-5610}
WORKERS=${WORKERS:-2}
DURATION=${DURATION:-20}
BIN=.venv/bin
export FLASK_APP=workshop_credit DATABASE_URL="sqlite:///$DB_FILE" PYTHONPATH=.
# Pages are cached only for requests to the public address: the one wrk asks for.
export PUBLIC_BASE_URL="http://127.0.0.1:$PORT"
export SEARCH_SYNC_INTERVAL=0  # the index is not what is measured (see landing_page.sh)
export CODES_FILE
CODES_FILE=$(mktemp)

if [ ! -s "$DB_FILE" ]; then
  mkdir -p "$(dirname "$DB_FILE")"
  $BIN/flask db upgrade
  $BIN/flask seed-demo --size "${SIZE:-2000}"
fi
$BIN/python - "$CODES" > "$CODES_FILE" <<'PY'
import random, sys
import sqlalchemy as sa
from workshop_credit import create_app
from workshop_credit.extensions import db
from workshop_credit.models import Workshop
with create_app().app_context():
    codes = db.session.scalars(sa.select(Workshop.public_code)).all()
print("\n".join(random.Random(7).sample(codes, min(len(codes), int(sys.argv[1])))))
PY

GUNICORN_ARGS=(-w "$WORKERS" --log-level warning)
$BIN/gunicorn "${GUNICORN_ARGS[@]}" -b "127.0.0.1:$PORT" 'workshop_credit:create_app()' &
SITE=$!
$BIN/gunicorn "${GUNICORN_ARGS[@]}" -b "127.0.0.1:$((PORT + 1))" --chdir benchmarks hello_flask:app &
HELLO=$!
trap 'kill $SITE $HELLO; rm -f "$CODES_FILE"' EXIT
sleep 3

echo "== warm-up: ${WARMUP:-30} s"
wrk -t2 -c50 -d"${WARMUP:-30}s" -s benchmarks/random_codes.lua "http://127.0.0.1:$PORT" > /dev/null
echo "== hello world (separate app): GET /"
wrk -t2 -c50 -d"${DURATION}s" --latency "http://127.0.0.1:$((PORT + 1))/"
echo "== landing page: GET /w/<random code of $CODES>"
wrk -t2 -c50 -d"${DURATION}s" --latency -s benchmarks/random_codes.lua "http://127.0.0.1:$PORT"
