//! Traffic from implementations written elsewhere, captured by `tcpdump` on
//! 127.0.0.1 and checked: SIPp against SIPp over UDP and over TCP, SIPp
//! through Kamailio forking to two SIPp UASs, and SIP over WebSocket to
//! Kamailio. Every finding is pinned, each a real deviation of the peer that
//! sent it (see the comments).
//!
//! The peers are Debian packages (`tcpdump`, `sip-tester`, `kamailio`,
//! `kamailio-websocket-modules`) that `.ci/run` installs; `tcpdump` needs the right to capture. Where one is
//! missing the test says so and passes, unless `SIPCODES_REQUIRE_PEERS` is
//! set, as `.ci/run` sets it: there a missing peer fails the test.

mod capture;

use std::io::{BufRead, BufReader};
use std::net::UdpSocket;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use capture::{check, objects, rules, summary};

/// A process stopped when the test ends, however it ends. Processes are
/// started directly, not under `timeout(1)`, so that stopping one stops it.
struct Running(Child);

impl Drop for Running {
    /// SIGTERM first, so that tcpdump writes what it holds and exits.
    fn drop(&mut self) {
        let pid = self.0.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        for _ in 0..50 {
            if matches!(self.0.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Whether the peers are here; if not, a test that needs them is skipped,
/// or fails where they are required.
fn peers_present(tools: &[&str]) -> bool {
    let missing: Vec<_> = tools
        .iter()
        .filter(|tool| {
            !Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|status| status.success())
        })
        .collect();
    missing.is_empty()
        || skip(&format!(
            "not installed: {missing:?} (Debian packages: tcpdump, sip-tester, kamailio)"
        ))
}

/// Says why a test is skipped, or fails it where the peers are required.
/// Returns `false`, for `peers_present`.
fn skip(message: &str) -> bool {
    assert!(
        std::env::var_os("SIPCODES_REQUIRE_PEERS").is_none(),
        "{message}"
    );
    eprintln!("skipped: {message}");
    false
}

/// A Kamailio configuration of `tests/peers/`, its `PORT_` markers replaced,
/// written to a directory of its own (Kamailio's runtime directory too).
fn kamailio_config(file: &str, ports: &[(&str, u16)]) -> PathBuf {
    let name = file.trim_end_matches(".cfg");
    let directory = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&directory).unwrap();
    let mut config = std::fs::read_to_string(scenario(file)).unwrap();
    for (marker, port) in ports {
        config = config.replace(marker, &port.to_string());
    }
    let path = directory.join("kamailio.cfg");
    std::fs::write(&path, config).unwrap();
    path
}

/// Kamailio in the foreground on `config`, once `up` says it listens (5 s
/// at most).
fn kamailio(config: &Path, up: impl Fn() -> bool) -> Running {
    let proxy = Command::new("kamailio")
        .args(["-DD", "-E", "-m", "64", "-M", "8", "-f"])
        .arg(config)
        .arg("-Y")
        .arg(config.parent().unwrap())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("kamailio starts");
    let proxy = Running(proxy);
    let listening = (0..250).any(|_| {
        std::thread::sleep(Duration::from_millis(20));
        up()
    });
    assert!(listening, "kamailio did not listen in 5 s");
    proxy
}

/// Captures UDP and TCP on this interface (`lo`, or `any`, which tcpdump
/// writes as a Linux cooked capture) for these ports while `run` runs.
fn capture(name: &str, interface: &str, ports: &[u16], run: impl FnOnce()) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_file(&path);
    let filter = ports
        .iter()
        .map(|port| format!("port {port}"))
        .collect::<Vec<_>>()
        .join(" or ");
    let mut tcpdump = Command::new("tcpdump")
        .args(["-i", interface, "--immediate-mode", "-U", "-n", "-w"])
        .arg(&path)
        .arg(format!("(udp or tcp) and ({filter})"))
        .stderr(Stdio::piped())
        .spawn()
        .expect("tcpdump starts");
    let stderr = tcpdump.stderr.take().unwrap();
    let tcpdump = Running(tcpdump);
    // It says so on stderr once it listens, after a line or two about the
    // link type.
    let mut lines = BufReader::new(stderr).lines();
    let mut said = String::new();
    for line in lines.by_ref().take(5) {
        let line = line.unwrap();
        said.push_str(&line);
        if line.contains("listening") {
            break;
        }
    }
    assert!(said.contains("listening"), "tcpdump: {said}");
    // What it says when it stops goes nowhere, but not to a closed pipe.
    std::thread::spawn(move || lines.for_each(drop));
    // It may say so before packets reach it: send keep-alives (RFC 5626
    // §3.5.1, which the checker skips as not SIP) until one is written.
    let probe = UdpSocket::bind("127.0.0.1:0").unwrap();
    let ready = (0..100).any(|_| {
        let _ = probe.send_to(b"\r\n\r\n", ("127.0.0.1", ports[0]));
        std::thread::sleep(Duration::from_millis(50));
        std::fs::metadata(&path).is_ok_and(|file| file.len() > 24)
    });
    assert!(ready, "tcpdump captured nothing in 5 s");
    run();
    std::thread::sleep(Duration::from_millis(300));
    drop(tcpdump);
    path
}

/// SIPp, bounded in time by its own options.
fn sipp(arguments: &[&str]) -> Command {
    let mut command = Command::new("sipp");
    command
        .args(arguments)
        .args([
            "-i",
            "127.0.0.1",
            "-nostdin",
            "-timeout",
            "20s",
            "-timeout_error",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn scenario(name: &str) -> String {
    format!("{}/tests/peers/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The findings and the summary of a capture, after checking that every
/// message was read and paired.
fn checked(path: &Path) -> (Vec<String>, serde_json::Value) {
    let output = check(&[path], &["--format", "json"]);
    assert!(output.status.success());
    let objects = objects(&output);
    let summary = summary(&objects).clone();
    assert_eq!(summary["unparsed"], 0, "{summary}");
    assert_eq!(summary["unpaired"], 0, "{summary}");
    let mut found = rules(&objects);
    found.sort();
    (found, summary)
}

#[test]
fn sipp_against_sipp() {
    if !peers_present(&["tcpdump", "sipp"]) {
        return;
    }
    let (uas_port, uac_port) = ("15070", "15071");
    let path = capture("sipp-sipp.pcap", "lo", &[15070, 15071], || {
        let uas = Running(
            sipp(&["-sn", "uas", "-p", uas_port, "-m", "3"])
                .spawn()
                .unwrap(),
        );
        std::thread::sleep(Duration::from_millis(300));
        let uac = sipp(&[
            "-sn",
            "uac",
            "127.0.0.1:15070",
            "-p",
            uac_port,
            "-m",
            "3",
            "-r",
            "10",
        ])
        .status()
        .unwrap();
        assert!(uac.success(), "the SIPp UAC's calls failed");
        drop(uas);
    });
    let (found, summary) = checked(&path);
    // Three calls: INVITE, ACK and BYE each; 180, 200 and the BYE's 200.
    assert_eq!(summary["requests"], 9);
    assert_eq!(summary["forwarded"], 0);
    assert_eq!(summary["responses"], 9);
    // SIPp's built-in UAS answers INVITE with a 200 that has neither Allow
    // nor Supported. RFC 3261 §13.3.1.4: "A 2xx response to an INVITE
    // SHOULD contain the Allow header field and the Supported header field".
    let mut expected = Vec::new();
    for _ in 0..3 {
        expected.push("200 OK SHOULD carry Allow (RFC 3261 §13.3.1.4)");
        expected.push("200 OK SHOULD carry Supported (RFC 3261 §13.3.1.4)");
    }
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn sipp_through_kamailio_forking() {
    if !peers_present(&["tcpdump", "sipp", "kamailio"]) {
        return;
    }
    let config = kamailio_config(
        "kamailio.cfg",
        &[
            ("PORT_PROXY", 15080),
            ("PORT_BUSY", 15081),
            ("PORT_ANSWER", 15082),
        ],
    );
    let path = capture("kamailio.pcap", "lo", &[15080, 15081, 15082, 15083], || {
        // Up once its port is taken.
        let proxy = kamailio(&config, || UdpSocket::bind("127.0.0.1:15080").is_err());
        let busy = Running(
            sipp(&["-sf", &scenario("busy-uas.xml"), "-p", "15081", "-m", "1"])
                .spawn()
                .unwrap(),
        );
        let answer = Running(
            sipp(&["-sn", "uas", "-p", "15082", "-m", "1"])
                .spawn()
                .unwrap(),
        );
        std::thread::sleep(Duration::from_millis(300));
        let uac = sipp(&[
            "-sn",
            "uac",
            "127.0.0.1:15080",
            "-s",
            "fork",
            "-p",
            "15083",
            "-m",
            "1",
        ])
        .status()
        .unwrap();
        assert!(uac.success(), "the call through Kamailio failed");
        drop((busy, answer, proxy));
    });
    let (found, summary) = checked(&path);
    // INVITE and the two forked copies, the ACK of the 486, the end-to-end
    // ACK and BYE on both sides of the proxy.
    assert_eq!(summary["requests"], 8, "{summary}");
    // The INVITE on its two branches and the BYE, which the proxy
    // record-routed: each judged by the proxy rules, none broken (Kamailio
    // passed the 180 and the 200 upstream at once and kept the 486 back).
    assert_eq!(summary["forwarded"], 3, "{summary}");
    let mut expected = vec![
        // SIPp's built-in UAS does not copy the Record-Route of the request
        // Kamailio record-routed. RFC 3261 §12.1.1: "the UAS MUST copy all
        // Record-Route header field values from the request into the
        // response".
        "180 Ringing MUST carry Record-Route (RFC 3261 §12.1.1)",
        "200 OK MUST carry Record-Route (RFC 3261 §12.1.1)",
        // As against SIPp alone (RFC 3261 §13.3.1.4), on both sides of
        // the proxy, which forwards the 200 as it came.
        "200 OK SHOULD carry Allow (RFC 3261 §13.3.1.4)",
        "200 OK SHOULD carry Allow (RFC 3261 §13.3.1.4)",
        "200 OK SHOULD carry Supported (RFC 3261 §13.3.1.4)",
        "200 OK SHOULD carry Supported (RFC 3261 §13.3.1.4)",
    ];
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn sipp_against_sipp_over_tcp_captured_on_any_interface() {
    if !peers_present(&["tcpdump", "sipp"]) {
        return;
    }
    let path = capture("sipp-tcp-any.pcap", "any", &[15090, 15091], || {
        let uas = Running(
            sipp(&["-sn", "uas", "-t", "t1", "-p", "15090", "-m", "5"])
                .spawn()
                .unwrap(),
        );
        std::thread::sleep(Duration::from_millis(300));
        let uac = sipp(&[
            "-sn",
            "uac",
            "127.0.0.1:15090",
            "-t",
            "t1",
            "-p",
            "15091",
            "-m",
            "5",
            "-r",
            "50",
        ])
        .status()
        .unwrap();
        assert!(uac.success(), "the SIPp UAC's calls over TCP failed");
        drop(uas);
    });
    // `tcpdump -i any` writes Linux cooked captures (v2 since libpcap 1.10).
    let header = std::fs::read(&path).unwrap();
    let link = u32::from_le_bytes(header[20..24].try_into().unwrap());
    assert!(link == 113 || link == 276, "link type {link}");
    let (found, summary) = checked(&path);
    // Five calls over one connection: every message framed by Content-Length
    // out of the stream, paired, and the same SHOULDs as over UDP.
    assert_eq!(summary["requests"], 15, "{summary}");
    assert_eq!(summary["responses"], 15, "{summary}");
    assert_eq!(found.len(), 10, "{found:?}");
    assert!(
        found
            .iter()
            .all(|rule| rule.starts_with("200 OK SHOULD carry"))
    );
}

/// One OPTIONS over WebSocket (RFC 7118): the HTTP upgrade, then the request
/// in a masked text frame (RFC 6455 §5.3), and the answer read back.
fn options_over_websocket(port: u16) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: c2lwY29kZXMtY2hlY2sxMg==\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Protocol: sip\r\n\r\n"
    )
    .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).unwrap();
        head.push(byte[0]);
    }
    assert!(
        head.starts_with(b"HTTP/1.1 101"),
        "{}",
        String::from_utf8_lossy(&head)
    );
    let options = "OPTIONS sip:kamailio@127.0.0.1 SIP/2.0\r\n\
        Via: SIP/2.0/WS client.invalid;branch=z9hG4bK-ws-1\r\nMax-Forwards: 70\r\n\
        From: <sip:alice@example.com>;tag=ws1\r\nTo: <sip:kamailio@127.0.0.1>\r\n\
        Call-ID: ws-1@example.com\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    let mask = [0x5a, 0x17, 0x33, 0x81];
    let mut frame = vec![0x81, 0x80 | 126];
    frame.extend_from_slice(&(options.len() as u16).to_be_bytes());
    frame.extend_from_slice(&mask);
    frame.extend(options.bytes().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    stream.write_all(&frame).unwrap();
    // The answer: an unmasked text frame with a 16-bit length.
    let mut header = [0u8; 4];
    stream.read_exact(&mut header).unwrap();
    assert_eq!(header[..2], [0x81, 126]);
    let mut answer = vec![0; usize::from(u16::from_be_bytes([header[2], header[3]]))];
    stream.read_exact(&mut answer).unwrap();
    String::from_utf8(answer).unwrap()
}

#[test]
fn sip_over_websocket_to_kamailio() {
    if !peers_present(&["tcpdump", "kamailio"]) {
        return;
    }
    let config = kamailio_config("kamailio-ws.cfg", &[("PORT_WS", 15095)]);
    // The websocket module is a package of its own.
    let loads = Command::new("kamailio")
        .args(["-c", "-f"])
        .arg(&config)
        .output()
        .is_ok_and(|output| output.status.success());
    if !loads {
        skip(
            "kamailio cannot load its websocket module (Debian package kamailio-websocket-modules)",
        );
        return;
    }
    let mut answer = String::new();
    let path = capture("kamailio-ws.pcap", "lo", &[15095], || {
        let proxy = kamailio(&config, || {
            std::net::TcpStream::connect(("127.0.0.1", 15095)).is_ok()
        });
        answer = options_over_websocket(15095);
        drop(proxy);
    });
    assert!(answer.starts_with("SIP/2.0 200 OK\r\n"), "{answer}");
    let (found, summary) = checked(&path);
    assert_eq!(summary["requests"], 1, "{summary}");
    assert_eq!(summary["responses"], 1, "{summary}");
    // The 200 that `sl_send_reply` builds carries none of the header fields
    // RFC 3261 §11.2 names: "Allow, Accept, Accept-Encoding, Accept-Language,
    // and Supported header fields SHOULD be present in a 200 (OK) response
    // to an OPTIONS request" (the Allow rule holds for a UAS's own answer;
    // who generated this one the capture does not say, so it is undecided).
    let expected = ["Accept", "Accept-Encoding", "Accept-Language", "Supported"]
        .map(|name| format!("200 OK SHOULD carry {name} (RFC 3261 §11.2)"));
    assert_eq!(found, expected);
}
