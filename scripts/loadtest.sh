#!/usr/bin/env bash
# Load test of `attache serve` (issue 6): the relations endpoint at a fixed request rate, on loopback, bounded in
# time. Not run by CI. Figures and the run they come from are in docs/api.md ("Measured").
#
#   scripts/loadtest.sh [DB]
#
# DB defaults to bench-1m.db: a database of 1,000,000 de-duplicated events made by the relations benchmark,
#   ATTACHE_RELATIONS_BENCH_DB=bench-1m.db cargo bench -p attache-store --bench relations
# Needs oha (`cargo install oha`), which holds a fixed rate and reports percentiles. Settings (environment):
#   RATE (requests/s, 1000), DURATION (30s), CONNECTIONS (50), PORT (18080), A, B (CHN, USA), BY (month),
#   FROM, TO (2024-01-01, 2024-12-31): the query asked again and again;
#   SPREAD=1 asks a different year and month range each time instead (45 distinct queries).
set -euo pipefail

DB=${1:-bench-1m.db}
RATE=${RATE:-1000}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-50}
PORT=${PORT:-18080}
A=${A:-CHN}
B=${B:-USA}
BY=${BY:-month}
FROM=${FROM:-2024-01-01}
TO=${TO:-2024-12-31}

command -v oha >/dev/null || { echo "loadtest: oha is not installed (cargo install oha)" >&2; exit 1; }
[ -f "$DB" ] || { echo "loadtest: no database at $DB" >&2; exit 1; }
DB=$(realpath "$DB")

cd "$(dirname "$0")/.."
cargo build --release -p attache
ATTACHE="${CARGO_TARGET_DIR:-target}/release/attache"

# --no-index: the benchmark database is never searched; indexing its articles would only write to it.
"$ATTACHE" serve --db "$DB" --addr "127.0.0.1:$PORT" --no-index &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null' EXIT

BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do
  curl -fsS "$BASE/api/openapi.json" >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { echo "loadtest: attache serve stopped" >&2; exit 1; }
  sleep 0.1
done

URL="$BASE/api/relations?a=$A&b=$B&by=$BY&from=$FROM&to=$TO"
echo "first (uncached) request:"
curl -fsS -o /dev/null -w '  %{http_code} in %{time_total} s, %{size_download} bytes\n' "$URL"

if [ "${SPREAD:-0}" = 1 ]; then
  # from = the first of a month of 2021–2025, to = the end of 2025: 45 distinct queries.
  PATTERN="$BASE/api/relations\\?a=$A&b=$B&by=$BY&from=202[1-5]-0[1-9]-01&to=2025-12-31"
  oha --no-tui -z "$DURATION" -q "$RATE" -c "$CONNECTIONS" --rand-regex-url "$PATTERN"
else
  oha --no-tui -z "$DURATION" -q "$RATE" -c "$CONNECTIONS" "$URL"
fi
