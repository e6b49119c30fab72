//! Throughput of `sipcodes-check` against `tshark` on the same capture, which
//! this program writes: calls of seven messages (INVITE, 100, 180, 200, ACK,
//! BYE, 200) over UDP on port 5060, as a SIP UA pair would send them.
//!
//! ```text
//! cargo run --release --manifest-path benches/Cargo.toml --bin check-throughput [calls] [rounds] [--large]
//! ```
//!
//! Prints messages per second for each tool (the median of the checker's three
//! runs a round and of tshark's one, over the rounds; 0 rounds skips the
//! comparison), their ratio, and the checker's peak resident memory;
//! `--large` also checks a capture of about 1 GB for the memory bound.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use etherparse::PacketBuilder;

const MESSAGES_PER_CALL: usize = 7;
/// How many times the checker runs in each round.
const CHECKER_RUNS: usize = 3;

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let numbers: Vec<usize> = arguments.iter().filter_map(|a| a.parse().ok()).collect();
    let calls = numbers.first().copied().unwrap_or(15_000);
    let rounds = numbers.get(1).copied().unwrap_or(5);
    let large = arguments.iter().any(|a| a == "--large");

    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned();
    let status = Command::new("cargo")
        .args(["build", "--release", "-q", "-p", "sipcodes-check"])
        .current_dir(&workspace)
        .status()
        .unwrap();
    assert!(status.success(), "building sipcodes-check failed");
    let checker = workspace.join("target/release/sipcodes-check");

    let directory = std::env::temp_dir().join("sipcodes-check-throughput");
    std::fs::create_dir_all(&directory).unwrap();
    let capture = directory.join("calls.pcap");
    write_capture(&capture, calls);
    let messages = calls * MESSAGES_PER_CALL;
    let size = std::fs::metadata(&capture).unwrap().len();
    println!(
        "capture: {calls} calls, {messages} SIP messages, {:.1} MB",
        size as f64 / 1e6
    );

    if rounds > 0 {
        // One untimed run, so that no timed one pays for writing the capture
        // back to disk or for the first read of the binary.
        time(checker_command(&checker, &capture));
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for round in 0..rounds {
            // The checker's run is short and so more exposed to the machine's
            // noise than tshark's: it runs three times a round, and every run
            // counts.
            let mut this_round = Vec::new();
            for _ in 0..CHECKER_RUNS {
                let check_time = time(checker_command(&checker, &capture));
                this_round.push(messages as f64 / check_time);
            }
            let tshark_time = time(tshark_command(&capture));
            theirs.push(messages as f64 / tshark_time);
            let shown: Vec<String> = this_round.iter().map(|rate| format!("{rate:.0}")).collect();
            println!(
                "round {}: sipcodes-check {} msg/s, tshark {:.0} msg/s",
                round + 1,
                shown.join(" "),
                theirs[round]
            );
            ours.extend(this_round);
        }
        let (slowest, fastest) = (
            ours.iter().copied().fold(f64::INFINITY, f64::min),
            ours.iter().copied().fold(0.0, f64::max),
        );
        let (ours, theirs) = (median(&mut ours), median(&mut theirs));
        println!(
            "median: sipcodes-check {ours:.0} msg/s ({slowest:.0} to {fastest:.0}), tshark {theirs:.0} msg/s, ratio {:.1}x",
            ours / theirs,
        );
    }
    println!(
        "sipcodes-check peak RSS on this capture: {:.1} MB",
        peak_rss_mb(&checker, &capture)
    );

    if large {
        let big = directory.join("large.pcap");
        let big_calls = (1_000_000_000 / (size as usize / calls)).max(calls);
        write_capture(&big, big_calls);
        let big_size = std::fs::metadata(&big).unwrap().len();
        let big_messages = big_calls * MESSAGES_PER_CALL;
        let seconds = time(checker_command(&checker, &big));
        println!(
            "large: {:.2} GB, {big_messages} messages in {seconds:.1} s ({:.0} msg/s), peak RSS {:.1} MB",
            big_size as f64 / 1e9,
            big_messages as f64 / seconds,
            peak_rss_mb(&checker, &big)
        );
        std::fs::remove_file(&big).unwrap();
    }
}

/// The checker's peak resident memory on a capture, in a run of its own
/// (GNU time's `%M`), so that no other process counts.
fn peak_rss_mb(checker: &Path, capture: &Path) -> f64 {
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(checker)
        .arg(capture)
        .args(["--format", "json"])
        .stdout(Stdio::null())
        .output()
        .unwrap();
    let kilobytes: f64 = String::from_utf8_lossy(&output.stderr)
        .trim()
        .parse()
        .unwrap_or(0.0);
    kilobytes * 1024.0 / 1e6
}

fn checker_command(checker: &Path, capture: &Path) -> Command {
    let mut command = Command::new(checker);
    command.arg(capture).args(["--format", "json"]);
    command
}

/// tshark dissecting SIP and printing every request and status line.
fn tshark_command(capture: &Path) -> Command {
    let mut command = Command::new("tshark");
    command.arg("-r").arg(capture).args([
        "-Y",
        "sip",
        "-T",
        "fields",
        "-e",
        "sip.Request-Line",
        "-e",
        "sip.Status-Line",
    ]);
    command
}

/// Wall-clock seconds of a run, its output discarded.
fn time(mut command: Command) -> f64 {
    let start = Instant::now();
    let status = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{command:?} failed");
    start.elapsed().as_secs_f64()
}

fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// Writes `calls` calls between two UAs, each message a UDP datagram over
/// IPv4 and Ethernet, a millisecond apart.
fn write_capture(path: &PathBuf, calls: usize) {
    let mut out = BufWriter::new(File::create(path).unwrap());
    // pcap header: magic (microseconds), version 2.4, zone, accuracy,
    // snapshot length, Ethernet.
    out.write_all(&0xa1b2_c3d4u32.to_le_bytes()).unwrap();
    out.write_all(&2u16.to_le_bytes()).unwrap();
    out.write_all(&4u16.to_le_bytes()).unwrap();
    for field in [0u32, 0, 65535, 1] {
        out.write_all(&field.to_le_bytes()).unwrap();
    }
    let caller = ([10, 0, 0, 1], 5060);
    let callee = ([10, 0, 0, 2], 5060);
    let mut frame = Vec::with_capacity(2048);
    let mut clock: u64 = 1_800_000_000_000_000;
    for call in 0..calls {
        for (outbound, text) in call_messages(call) {
            let (from, to) = if outbound {
                (caller, callee)
            } else {
                (callee, caller)
            };
            frame.clear();
            PacketBuilder::ethernet2([2; 6], [4; 6])
                .ipv4(from.0, to.0, 64)
                .udp(from.1, to.1)
                .write(&mut frame, text.as_bytes())
                .unwrap();
            let (seconds, micros) = ((clock / 1_000_000) as u32, (clock % 1_000_000) as u32);
            for field in [seconds, micros, frame.len() as u32, frame.len() as u32] {
                out.write_all(&field.to_le_bytes()).unwrap();
            }
            out.write_all(&frame).unwrap();
            clock += 1000;
        }
    }
    out.flush().unwrap();
}

/// The seven messages of call `n`, each with whether the caller sent it.
fn call_messages(n: usize) -> [(bool, String); MESSAGES_PER_CALL] {
    let via = format!("Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-{n}-1\r\n");
    let bye_via = format!("Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-{n}-2\r\n");
    let from = format!("From: \"Alice\" <sip:alice@example.com>;tag={n}a\r\n");
    let to = "To: <sip:bob@example.com>\r\n";
    let to_tag = format!("To: <sip:bob@example.com>;tag={n}b\r\n");
    let call_id = format!("Call-ID: {n}-call@10.0.0.1\r\n");
    let sdp = "v=0\r\no=alice 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n\
               m=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    let with_sdp = |head: String| {
        format!(
            "{head}Content-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{sdp}",
            sdp.len()
        )
    };
    let empty = |head: String| format!("{head}Content-Length: 0\r\n\r\n");
    let common =
        |via: &str, to: &str, cseq: &str| format!("{via}{from}{to}{call_id}CSeq: {cseq}\r\n");
    let allow = "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\nSupported: timer\r\n";
    [
        (
            true,
            with_sdp(format!(
                "INVITE sip:bob@example.com SIP/2.0\r\n{}Max-Forwards: 70\r\n\
             Contact: <sip:alice@10.0.0.1:5060>\r\n{allow}",
                common(&via, to, "1 INVITE")
            )),
        ),
        (
            false,
            empty(format!(
                "SIP/2.0 100 Trying\r\n{}",
                common(&via, to, "1 INVITE")
            )),
        ),
        (
            false,
            empty(format!(
                "SIP/2.0 180 Ringing\r\n{}Contact: <sip:bob@10.0.0.2:5060>\r\n",
                common(&via, &to_tag, "1 INVITE")
            )),
        ),
        (
            false,
            with_sdp(format!(
                "SIP/2.0 200 OK\r\n{}Contact: <sip:bob@10.0.0.2:5060>\r\n{allow}",
                common(&via, &to_tag, "1 INVITE")
            )),
        ),
        (
            true,
            empty(format!(
                "ACK sip:bob@10.0.0.2:5060 SIP/2.0\r\n{}Max-Forwards: 70\r\n",
                common(
                    &format!("Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-{n}-3\r\n"),
                    &to_tag,
                    "1 ACK"
                )
            )),
        ),
        (
            true,
            empty(format!(
                "BYE sip:bob@10.0.0.2:5060 SIP/2.0\r\n{}Max-Forwards: 70\r\n",
                common(&bye_via, &to_tag, "2 BYE")
            )),
        ),
        (
            false,
            empty(format!(
                "SIP/2.0 200 OK\r\n{}",
                common(&bye_via, &to_tag, "2 BYE")
            )),
        ),
    ]
}
