#!/usr/bin/env bash
# Intake throughput, measured against the engine's own floor in one run (ratios, not
# absolute numbers: they depend on the machine). Builds the jar, starts it with a fresh
# H2 file in a temporary folder (embedded mail catcher on other ports), then drives with
# wrk (Debian package `wrk`, installed when missing):
#   1. the engine alone: POST /engine-rest/process-definition/key/manualMailHandling/start
#      (start to a user task, as in the stack notes' baseline);
#   2. our intake: POST /api/complaints (validation, JPA rows, reference, process start
#      to the first task, timeline, case file; the acknowledgement mail job runs meanwhile).
# Usage: bash docs/benchmark.sh [seconds per run, default 20] [connections, default 2]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-20}"
connections="${2:-2}"
port=18080
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
(cd "$root" && mvn -B -q -DskipTests package)
work="$(mktemp -d)"
trap 'kill "$app" 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
java -Xmx1g -jar "$root"/target/klachtenprocedure-*.jar --server.port=$port \
  --homepair.mail.embedded-server.smtp-port=13025 --homepair.mail.embedded-server.imap-port=13143 \
  --spring.mail.port=13025 --homepair.mailbox.enabled=false > app.log 2>&1 &
app=$!
for _ in $(seq 120); do curl -sf -o /dev/null -u beheerder:beheerder "http://localhost:$port/engine-rest/engine" && break; sleep 1; done

cat > engine.lua <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic YmVoZWVyZGVyOmJlaGVlcmRlcg=="
wrk.body = '{"variables":{"mailFrom":{"value":"x@example.nl"},"mailSubject":{"value":"bench"},"mailFolder":{"value":"Handmatig"},"mailProblem":{"value":"bench"},"receivedAt":{"value":"2026-06-08T10:00:00.000+0200","type":"Date"}}}'
LUA
cat > intake.lua <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic cGxhdGZvcm06cGxhdGZvcm0="
wrk.body = '{"name":"Benchmark Klager","email":"bench@example.nl","role":"CLIENT","subject":"JOB_HANDLING","description":"De schilder kwam niet opdagen.","jobReference":"OPD-1"}'
LUA
# warm up both paths, then measure
wrk -t1 -c1 -d5s -s engine.lua "http://localhost:$port/engine-rest/process-definition/key/manualMailHandling/start" >/dev/null
wrk -t1 -c1 -d5s -s intake.lua "http://localhost:$port/api/complaints" >/dev/null
engine=$(wrk -t"$connections" -c"$connections" -d"${seconds}s" -s engine.lua "http://localhost:$port/engine-rest/process-definition/key/manualMailHandling/start" | awk '/Requests\/sec/ {print $2}')
intake=$(wrk -t"$connections" -c"$connections" -d"${seconds}s" -s intake.lua "http://localhost:$port/api/complaints" | awk '/Requests\/sec/ {print $2}')
rss=$(ps -o rss= -p "$app" | awk '{printf "%.0f", $1/1024}')
errors=$(grep -c " ERROR " app.log || true)
printf 'engine start to a user task : %8.1f requests/s\n' "$engine"
printf 'complaint intake (REST)     : %8.1f requests/s\n' "$intake"
printf 'intake / engine             : %8.2f\n' "$(echo "$intake / $engine" | bc -l)"
printf 'resident memory afterwards  : %8s MB\n' "$rss"
printf 'ERROR lines in the log      : %8s\n' "$errors"
