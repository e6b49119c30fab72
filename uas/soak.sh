#!/usr/bin/env bash
# The long soak: 200 000 random and mutated datagrams (or the number given) at
# 5 000 a second against a release build of the uas while SIPp places valid
# calls through it; prints the resident memory as it goes. Needs SIPp (Debian
# package sip-tester). The short form (20 000) runs with `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
SIPCODES_SOAK_DATAGRAMS=${1:-200000} SIPCODES_REQUIRE_PEERS=1 \
  cargo test --release -p sipcodes-uas --test soak -- --nocapture
