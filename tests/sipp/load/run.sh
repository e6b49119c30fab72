#!/usr/bin/env bash
# A load run by hand (not in CI): SIPp places answered calls (INVITE with an
# offer, 200 with an answer, ACK, BYE, 200) at a rate rising every 2 s for
# about 30 s against a release build of the uas on 127.0.0.1, and reports the
# highest 2-second call rate with no failed call and no response held back by
# the validator.
#
#   bash tests/sipp/load/run.sh [start-rate] [step]     # calls per second
set -uo pipefail
cd "$(dirname "$0")"
workspace=$(cd ../../.. && pwd)
start=${1:-100}
step=${2:-100}
port=${SIPP_UAS_PORT:-5170}

command -v sipp >/dev/null || { echo "sipp is not installed (Debian package sip-tester)"; exit 2; }
cargo build -q --release -p sipcodes-uas --manifest-path "$workspace/Cargo.toml" || exit 2
work=$(mktemp -d)
trap 'kill "$uas_pid" 2>/dev/null; rm -rf "$work"' EXIT
timeout 120 "${CARGO_TARGET_DIR:-$workspace/target}/release/uas" "127.0.0.1:$port" >/dev/null 2>"$work/uas.err" &
uas_pid=$!
sleep 0.5

# 15 steps of 2 s: the rate goes from $start to $start + 14 * $step.
max=$((start + 14 * step))
calls=$(( (start + max) * 15 ))
timeout 60 sipp "127.0.0.1:$port" -sf call.xml -i 127.0.0.1 -p $((port + 1)) -nostdin \
  -r "$start" -rate_increase "$step" -rate_max "$max" -fd 2 -m "$calls" -timeout 34s \
  -trace_stat -stf "$work/stat.csv" -trace_err -error_file "$work/errors.log" >/dev/null 2>&1
status=$?

violations=$(grep -c "not sending an invalid response\|breaks a rule" "$work/uas.err")
# Columns of the statistics file by name; one row per 2-second period.
awk -F';' -v violations="$violations" '
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  {
    rate = $col["CallRate(P)"]; failed = $col["FailedCall(P)"]; ok = $col["SuccessfulCall(P)"]
    printf "period %2d: %8.1f calls/s offered, %6d successful, %4d failed\n", NR - 1, rate, ok, failed
    # Sustained: offered and completed within the period, whichever is lower.
    sustained = ok / 2 < rate ? ok / 2 : rate
    if (failed == 0 && violations == 0 && !broken && sustained > best) best = sustained
    if (failed > 0) broken = 1
  }
  END {
    printf "validator refusals: %d\n", violations
    printf "highest sustained rate with no failed call: %.0f calls/s\n", best
  }' "$work/stat.csv"
echo "sipp exit status $status (1 means some call failed)"
