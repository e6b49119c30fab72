#!/usr/bin/env bash
# A load run by hand (not in CI): SIPp places answered calls (INVITE with an
# offer, 200 with an answer, ACK, BYE, 200) against a release build of the uas
# on 127.0.0.1, in steps of a constant rate, each for a fixed time. A step counts
# only if every one of its calls completed, SIPp saw no unexpected message and
# the validator held no response back; the run stops at the first step that
# fails and reports the highest step that did not. A rate that holds for a few
# seconds and then builds a backlog fails its step, so it is never reported.
#
#   bash tests/sipp/load/run.sh [start-rate] [step] [seconds-per-step] [steps]
set -uo pipefail
cd "$(dirname "$0")"
workspace=$(cd ../../.. && pwd)
start=${1:-500}
step=${2:-500}
seconds=${3:-10}
steps=${4:-12}
port=${SIPP_UAS_PORT:-5170}

command -v sipp >/dev/null || { echo "sipp is not installed (Debian package sip-tester)"; exit 2; }
cargo build -q --release -p sipcodes-uas --manifest-path "$workspace/Cargo.toml" || exit 2
work=$(mktemp -d)
trap 'kill "$uas_pid" 2>/dev/null; rm -rf "$work"' EXIT
"${CARGO_TARGET_DIR:-$workspace/target}/release/uas" "127.0.0.1:$port" >/dev/null 2>"$work/uas.err" &
uas_pid=$!
sleep 0.5

refusals() { grep -c "not sending an invalid response\|breaks a rule" "$work/uas.err"; }

best=0
for ((n = 0; n < steps; n++)); do
  rate=$((start + n * step))
  calls=$((rate * seconds))
  before=$(refusals)
  # Every call must end within the step's time and a margin for the last ones.
  timeout $((seconds + 40)) sipp "127.0.0.1:$port" -sf call.xml -i 127.0.0.1 -p $((port + 1)) \
    -nostdin -r "$rate" -m "$calls" -timeout $((seconds + 30))s \
    -trace_err -error_file "$work/errors-$rate.log" >/dev/null 2>&1
  status=$?
  refused=$(($(refusals) - before))
  if [ "$status" -eq 0 ] && [ "$refused" -eq 0 ]; then
    printf '%6d calls/s for %d s: all %d calls completed\n' "$rate" "$seconds" "$calls"
    best=$rate
  else
    printf '%6d calls/s for %d s: failed (sipp exit status %d, %d responses held back)\n' \
      "$rate" "$seconds" "$status" "$refused"
    break
  fi
done
echo "highest constant rate with no failed call: $best calls/s"
