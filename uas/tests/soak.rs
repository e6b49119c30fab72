//! A soak: random and mutated datagrams sent to the running uas while SIPp
//! places valid calls through it. Every call must complete, the uas must keep
//! running, and its resident memory must stay within `RESIDENT_BOUND_KIB`.
//!
//! The short form runs with the tests (20 000 datagrams); the long one is
//! `SIPCODES_SOAK_DATAGRAMS=200000 cargo test --release -p sipcodes-uas --test
//! soak -- --nocapture` (`uas/soak.sh`). Without SIPp the test says so and
//! passes, unless `SIPCODES_REQUIRE_PEERS` is set.

mod common;

use std::net::UdpSocket;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Uas, messages, octets};

/// What the uas may hold at most while it is flooded (see the README).
const RESIDENT_BOUND_KIB: u64 = 64 * 1024;

/// Datagrams a second: the flood is bounded in rate as well as in number,
/// so that the valid calls meet a busy uas, not a full socket buffer.
const RATE: u64 = 5_000;

/// A small deterministic generator (xorshift64*), so that a failing run can
/// be repeated exactly.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

/// Valid and malformed requests to start mutations from: RFC 4475's torture
/// messages and a plain OPTIONS and INVITE, with a fresh branch and Call-ID
/// each time so that they start transactions.
fn seeds() -> Vec<String> {
    let mut seeds: Vec<String> = messages()
        .into_iter()
        .map(|(_, _, text)| String::from_utf8_lossy(&octets(&text, 9)).into_owned())
        .collect();
    for method in ["OPTIONS", "INVITE", "BYE", "REGISTER"] {
        seeds.push(format!(
            "{method} sip:user@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK{{n}}\r\n\
             Max-Forwards: 70\r\nFrom: <sip:a@b>;tag={{n}}\r\nTo: <sip:user@127.0.0.1>\r\n\
             Call-ID: soak{{n}}\r\nCSeq: 1 {method}\r\nContact: <sip:a@127.0.0.1:9>\r\n\
             Content-Length: 0\r\n\r\n"
        ));
    }
    seeds
}

/// One datagram: random bytes, or a seed with some of its bytes flipped,
/// cut, repeated or dropped.
fn datagram(random: &mut Random, seeds: &[String], number: u64) -> Vec<u8> {
    if random.below(8) == 0 {
        let length = random.below(1400);
        return (0..length).map(|_| random.next() as u8).collect();
    }
    let seed = &seeds[random.below(seeds.len())];
    let mut bytes = seed.replace("{n}", &number.to_string()).into_bytes();
    for _ in 0..random.below(4) {
        if bytes.is_empty() {
            break;
        }
        let at = random.below(bytes.len());
        match random.below(5) {
            0 => bytes[at] = random.next() as u8,
            1 => bytes.truncate(at),
            2 => {
                let end = (at + random.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 => {
                let end = (at + random.below(40)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            _ => bytes.insert(at, [b'\r', b'\n', b' ', b';', b',', 0][random.below(6)]),
        }
    }
    bytes
}

fn sipp_installed() -> bool {
    Command::new("sipp")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

#[test]
fn junk_and_valid_calls_together() {
    if !sipp_installed() {
        assert!(
            std::env::var_os("SIPCODES_REQUIRE_PEERS").is_none(),
            "SIPp (Debian package sip-tester) is required"
        );
        eprintln!("skipped: SIPp (Debian package sip-tester) is not installed");
        return;
    }
    let total: u64 = std::env::var("SIPCODES_SOAK_DATAGRAMS")
        .ok()
        .and_then(|count| count.parse().ok())
        .unwrap_or(20_000);
    let mut uas = Uas::start("[users]\nalice = \"200 OK\"\nuser = \"200 OK\"\n", &[]);
    let started_kib = uas.resident_kib().unwrap_or(0);

    // Valid calls all along the flood: 20 a second.
    let calls = (total / RATE + 2) * 20;
    let scenario = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/sipp/load/call.xml");
    let errors = std::env::temp_dir().join(format!("sipcodes-soak-{}.errors", std::process::id()));
    let mut sipp = Command::new("sipp")
        .arg(format!("127.0.0.1:{}", uas.port))
        .args(["-sf", scenario, "-i", "127.0.0.1", "-r", "20", "-nostdin"])
        .args(["-m", &calls.to_string(), "-timeout_error", "-timeout"])
        // The whole run's limit: the calls' own time and a minute more.
        .arg(format!("{}s", calls / 20 + 60))
        .args(["-recv_timeout", "10000", "-trace_err", "-error_file"])
        .arg(&errors)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("SIPp starts");

    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let seeds = seeds();
    let mut random = Random(0x5eed_cafe_f00d_d00d);
    let mut peak_kib = started_kib;
    let begun = Instant::now();
    for number in 0..total {
        socket
            .send_to(
                &datagram(&mut random, &seeds, number),
                ("127.0.0.1", uas.port),
            )
            .ok();
        if number % 1000 == 999 {
            // Keep to the rate, and look at the uas now and then.
            let due = Duration::from_millis((number + 1) * 1000 / RATE);
            if let Some(wait) = due.checked_sub(begun.elapsed()) {
                std::thread::sleep(wait);
            }
            assert!(uas.running(), "the uas exited after {number} datagrams");
            let resident = uas.resident_kib().unwrap_or(0);
            peak_kib = peak_kib.max(resident);
            if number % 50_000 == 49_999 {
                println!("{:>7} datagrams: resident {resident} KiB", number + 1);
            }
        }
    }
    let status = sipp.wait().unwrap();
    peak_kib = peak_kib.max(uas.resident_kib().unwrap_or(0));
    assert!(uas.running(), "the uas exited");
    println!(
        "{total} datagrams in {:.1} s with {calls} calls: resident {} KiB at the start, \
         {peak_kib} KiB at the most; {} log lines",
        begun.elapsed().as_secs_f64(),
        started_kib,
        uas.lines()
    );
    let sipp_errors = std::fs::read_to_string(&errors).unwrap_or_default();
    std::fs::remove_file(&errors).ok();
    assert!(
        status.success(),
        "a valid call failed during the flood ({status}):\n{sipp_errors}"
    );
    assert!(
        peak_kib <= RESIDENT_BOUND_KIB,
        "resident memory reached {peak_kib} KiB, above {RESIDENT_BOUND_KIB} KiB"
    );
}
