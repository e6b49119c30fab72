#!/usr/bin/env bash
# Runs each SIPp UAC scenario in this directory against the `uas` example
# (package sipcodes-uas) on 127.0.0.1: one call per scenario, each bounded in
# time. SIPp's default behaviours stay on, so a scenario passes only when SIPp
# reports its call successful (exit status 0); an unexpected message, a failed
# header check or a timeout fails it.
set -uo pipefail
cd "$(dirname "$0")"
workspace=$(cd ../.. && pwd)
# Port 0: the uas takes a free port and says which; SIPp picks its own.
port=${SIPP_UAS_PORT:-0}

command -v sipp >/dev/null || { echo "sipp is not installed (Debian package sip-tester)"; exit 2; }
cargo build -q -p sipcodes-uas --manifest-path "$workspace/Cargo.toml" || exit 2
uas="${CARGO_TARGET_DIR:-$workspace/target}/debug/uas"

log=$(mktemp)
# T1 = 50 ms: the unacknowledged-2xx scenario waits 64*T1 for the BYE.
timeout 300 "$uas" "127.0.0.1:$port" --t1 50 >"$log" 2>&1 &
uas_pid=$!
trap 'kill "$uas_pid" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do
  grep -q "listening" "$log" && break
  sleep 0.1
done
grep -q "listening" "$log" || { echo "the uas did not start:"; cat "$log"; exit 2; }
port=$(sed -n 's/^uas: listening on udp 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$log")

passed=0
failed=0

# Every scenario's traffic is captured and checked by sipcodes-check at the end
# (with SIPCODES_CHECK_CAPTURE=0, or without tcpdump, it is not).
capture=""
if [ "${SIPCODES_CHECK_CAPTURE:-1}" = 1 ] && command -v tcpdump >/dev/null; then
  cargo build -q -p sipcodes-check --manifest-path "$workspace/Cargo.toml" || exit 2
  capture=$(mktemp --suffix=.pcap)
  tcpdump -i lo --immediate-mode -U -n -w "$capture" "udp and port $port" 2>/dev/null &
  tcpdump_pid=$!
  trap 'kill "$uas_pid" "$tcpdump_pid" 2>/dev/null; rm -f "$log" "$capture"' EXIT
  # tcpdump may say it listens before packets reach it: send keep-alives (which
  # the checker skips) until one is written.
  for _ in $(seq 100); do
    printf '\r\n\r\n' >"/dev/udp/127.0.0.1/$port"
    sleep 0.05
    [ "$(stat -c %s "$capture")" -gt 24 ] && break
  done
  [ "$(stat -c %s "$capture")" -gt 24 ] || { echo "tcpdump captured nothing"; exit 2; }
fi

for scenario in *.xml; do
  output=$(timeout 30 sipp "127.0.0.1:$port" -sf "$scenario" -m 1 -l 1 -i 127.0.0.1 \
    -timeout 15s -timeout_error -recv_timeout 5000 -nostdin 2>&1 >/dev/null)
  status=$?
  if [ "$status" -eq 0 ]; then
    echo "ok      $scenario"
    passed=$((passed + 1))
  else
    echo "FAILED  $scenario (sipp exit status $status)"
    echo "$output" | tail -20
    failed=$((failed + 1))
  fi
done

kill -INT "$uas_pid"
if wait "$uas_pid"; then
  echo "ok      the uas stopped cleanly on SIGINT"
  passed=$((passed + 1))
else
  echo "FAILED  the uas did not exit cleanly on SIGINT"
  failed=$((failed + 1))
fi
if [ -n "$capture" ]; then
  sleep 0.3
  kill -TERM "$tcpdump_pid"
  wait "$tcpdump_pid" 2>/dev/null
  # No response of the uas may break a MUST or MUST NOT of the registry.
  if "${CARGO_TARGET_DIR:-$workspace/target}/debug/sipcodes-check" "$capture" --fail-on must \
      | grep -v '^  \(response\|request\)'; then
    echo "ok      sipcodes-check: no MUST broken in the captured traffic"
    passed=$((passed + 1))
  else
    echo "FAILED  sipcodes-check found MUST findings in the captured traffic"
    failed=$((failed + 1))
  fi
fi
echo "uas log:"
sed 's/^/  /' "$log"
echo "sipp: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
