#!/usr/bin/env bash
# Load run: GET /api/searches/{id} under wrk, beside /_bench/ceiling, the same shape
# of JSON served from memory (what Kestrel and the middleware cost alone). Builds Release, starts
# the real API on a fresh data directory, seeds it over HTTP, runs wrk on both, prints requests/s,
# p50, p99 and the server's CPU time per request for both, stops the server. Raw wrk output and
# the server log go to artifacts/load/.
#
#   tests/SearchFirm.Benchmarks/load/run-load.sh
#
# Knobs (environment): PORT (5090), THREADS (2), CONNECTIONS (50), DURATION (30s), WARMUP (5s),
# CLIENTS (100), SEARCHES (300), LOG_LEVEL (empty: appsettings.json, i.e. Information; e.g. Warning).
set -euo pipefail
cd "$(dirname "$0")/../../.."

PORT=${PORT:-5090}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-5s}
CLIENTS=${CLIENTS:-100}
SEARCHES=${SEARCHES:-300}
LOG_LEVEL=${LOG_LEVEL:-}
BASE="http://127.0.0.1:$PORT"
ADMIN_EMAIL="admin@load.test"
PASSWORD="load-run-password-0001"

for tool in wrk curl jq; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk curl jq >/dev/null
    else
      echo "run-load: $tool is missing (Debian: sudo apt-get install wrk curl jq)" >&2; exit 1
    fi
  fi
done

OUT="artifacts/load/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
DATA=$(mktemp -d "${TMPDIR:-/tmp}/searchfirm-load.XXXXXX")

echo "== build (Release)"
dotnet build src/SearchFirm.Api -c Release -nologo -v quiet -clp:ErrorsOnly

echo "== start the API on $BASE, data in $DATA"
if [ -n "$LOG_LEVEL" ]; then export Logging__LogLevel__Default="$LOG_LEVEL"; fi
# Started from its output folder, as deployed: the content root is the working directory, and
# appsettings.json (log levels) is read from there.
(cd src/SearchFirm.Api/bin/Release/net10.0 &&
  SearchFirm__DataDirectory="$DATA" \
  Bootstrap__AdminEmail="$ADMIN_EMAIL" Bootstrap__AdminPassword="$PASSWORD" \
  Diagnostics__CeilingEndpoint=true \
  exec dotnet SearchFirm.Api.dll --urls "$BASE") >"$OUT/server.log" 2>&1 &
SERVER=$!
stop() {
  kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  rm -rf "$DATA"
}
trap stop EXIT

for _ in $(seq 1 120); do
  curl -fs "$BASE/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { echo "run-load: the server stopped; see $OUT/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs "$BASE/health/ready" >/dev/null || { echo "run-load: the server is not ready; see $OUT/server.log" >&2; exit 1; }

# call METHOD PATH TOKEN [JSON]: prints the response body, fails on a non-2xx answer.
call() {
  curl -fsS -X "$1" "$BASE$2" -H "authorization: Bearer $3" ${4:+-H 'content-type: application/json' -d "$4"}
}
token() {
  curl -fsS "$BASE/api/auth/token" -H 'content-type: application/json' \
    -d "$(jq -nc --arg e "$1" --arg p "$PASSWORD" '{email:$e,password:$p}')" | jq -r .accessToken
}

echo "== seed over HTTP: a partner, 2 recruiters, $CLIENTS clients, $SEARCHES searches with teams of three"
ADMIN=$(token "$ADMIN_EMAIL")
new_user() { call POST /api/users "$ADMIN" "$(jq -nc --arg e "$1" --arg n "$2" --arg r "$3" --arg p "$PASSWORD" \
  '{email:$e,displayName:$n,role:$r,password:$p}')" | jq -r .id; }
new_user partner001@load.test "Partner 001" Partner >/dev/null
R1=$(new_user recruiter001@load.test "Recruiter 001" Recruiter)
R2=$(new_user recruiter002@load.test "Recruiter 002" Recruiter)
PARTNER=$(token partner001@load.test)

KINDS=(HospitalOrHealthSystem Payer PharmaOrBiotech Other)
SUFFIXES=("Health System" "Health Plan" "Therapeutics" "Group")
CLIENT_IDS=()
for i in $(seq 1 "$CLIENTS"); do
  k=$(( (i - 1) % 4 ))
  CLIENT_IDS+=("$(call POST /api/clients "$ADMIN" "$(jq -nc --arg n "$(printf 'Client %03d %s' "$i" "${SUFFIXES[$k]}")" \
    --arg k "${KINDS[$k]}" '{name:$n,kind:$k}')" | jq -r .id)")
done
TARGET=""
for i in $(seq 1 "$SEARCHES"); do
  c=$(( (i - 1) % CLIENTS ))
  client=${CLIENT_IDS[$c]}
  id=$(call POST /api/searches "$PARTNER" "$(jq -nc --arg c "$client" --arg t "$(printf 'Chief Medical Officer %03d' "$i")" \
    --arg n "$(printf 'Load-%03d' "$i")" '{clientId:$c,title:$t,codeName:$n}')" | jq -r .id)
  call PUT "/api/searches/$id/team/$R1" "$PARTNER" >/dev/null
  call PUT "/api/searches/$id/team/$R2" "$PARTNER" >/dev/null
  # The first search past the middle on a hospital client (default specification: 10 criteria) is the one under load.
  if [ -z "$TARGET" ] && [ "$i" -gt $(( SEARCHES / 2 )) ] && [ $(( c % 4 )) -eq 0 ]; then TARGET=$id; fi
done

ROUTE="$BASE/api/searches/$TARGET"
CEILING="$BASE/_bench/ceiling"
route_bytes=$(curl -fsS "$ROUTE" -H "authorization: Bearer $PARTNER" | wc -c)
ceiling_bytes=$(curl -fsS "$CEILING" | wc -c)
echo "   route   GET /api/searches/$TARGET: $route_bytes bytes"
echo "   ceiling GET /_bench/ceiling: $ceiling_bytes bytes"

# Both get the same short warm-up first, so that tiered JIT has settled before measuring.
echo "== warm-up ($WARMUP each)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "authorization: Bearer $PARTNER" "$ROUTE" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$CEILING" >/dev/null

# The server's CPU time (user + system, all threads) over each run, divided by the requests served:
# what a request costs the server, which stays meaningful when wrk and other work share the cores.
server_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER/stat"; }
measure() { # NAME URL [wrk options...]
  local name=$1 url=$2 before after
  shift 2
  before=$(server_ticks)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" | tee "$OUT/$name.txt"
  after=$(server_ticks)
  echo $(( after - before )) >"$OUT/$name.ticks"
}
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
measure route "$ROUTE" -H "authorization: Bearer $PARTNER"
measure ceiling "$CEILING"

field() { awk -v k="$2" '$1 == k { print $2; exit }' "$1"; }
summary() {
  local errors requests cpu
  errors=$(grep -E 'Non-2xx|Socket errors' "$OUT/$1.txt" | tr -s ' ' | paste -sd ';' - || true)
  requests=$(awk '/requests in/ { print $1; exit }' "$OUT/$1.txt")
  cpu=$(awk -v t="$(cat "$OUT/$1.ticks")" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.0f", t * 1e6 / hz / n }')
  printf '%-8s %12s %10s %10s %14s  %s\n' "$1" "$(field "$OUT/$1.txt" Requests/sec:)" "$(field "$OUT/$1.txt" 50%)" \
    "$(field "$OUT/$1.txt" 99%)" "$cpu" "${errors:-no errors}"
}
{
  echo "== summary ($THREADS threads, $CONNECTIONS connections, $DURATION; log level: ${LOG_LEVEL:-appsettings})"
  printf '%-8s %12s %10s %10s %14s  %s\n' "" "requests/s" "p50" "p99" "server CPU us" "errors"
  summary route
  summary ceiling
} | tee "$OUT/summary.txt"
echo "raw output in $OUT"
