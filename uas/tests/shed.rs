//! Above its limit of open transactions the uas answers new requests 503 with
//! Retry-After (RFC 3261 §21.5.4) without making transactions of them, while
//! the requests of open transactions still get their own answers.

mod common;

use std::collections::HashMap;
use std::net::UdpSocket;
use std::time::{Duration, Instant};

use common::Uas;

fn options(branch: usize, port: u16) -> String {
    format!(
        "OPTIONS sip:alice@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bKshed{branch}\r\n\
         Max-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=f{branch}\r\nTo: <sip:alice@127.0.0.1>\r\n\
         Call-ID: shed{branch}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
    )
}

/// Every response that arrives within `wait`, by the Call-ID it names.
fn answers(socket: &UdpSocket, wait: Duration) -> HashMap<String, Vec<String>> {
    let mut answers: HashMap<String, Vec<String>> = HashMap::new();
    let end = Instant::now() + wait;
    let mut buffer = [0u8; 4096];
    while let Some(left) = end.checked_duration_since(Instant::now()) {
        socket
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .unwrap();
        let Ok(length) = socket.recv(&mut buffer) else {
            break;
        };
        let text = String::from_utf8_lossy(&buffer[..length]).into_owned();
        let call_id = text
            .lines()
            .find_map(|line| line.strip_prefix("Call-ID: "))
            .unwrap_or_default()
            .to_owned();
        answers.entry(call_id).or_default().push(text);
    }
    answers
}

#[test]
fn over_its_limit_new_requests_get_503_with_retry_after() {
    let uas = Uas::start(
        "[users]\nalice = \"200 OK\"\n",
        &["--max-transactions", "20"],
    );
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = socket.local_addr().unwrap().port();
    for branch in 0..100 {
        socket
            .send_to(options(branch, port).as_bytes(), ("127.0.0.1", uas.port))
            .unwrap();
    }
    let answers = answers(&socket, Duration::from_secs(2));
    assert_eq!(answers.len(), 100, "every request is answered");
    let status = |text: &str| text.lines().next().unwrap_or_default().to_owned();
    let overloaded: Vec<_> = answers
        .values()
        .flatten()
        .filter(|text| status(text) == "SIP/2.0 503 Service Unavailable")
        .collect();
    let accepted = answers
        .values()
        .flatten()
        .filter(|text| status(text) == "SIP/2.0 200 OK")
        .count();
    assert!(accepted >= 20, "the first {accepted} requests are served");
    assert!(overloaded.len() >= 50, "only {} got 503", overloaded.len());
    for text in &overloaded {
        assert!(text.contains("\r\nRetry-After: 5\r\n"), "{text}");
        assert!(text.contains("\r\nCSeq: 1 OPTIONS\r\n"), "{text}");
        assert!(text.contains(";tag="), "a To tag: {text}");
    }
    // The first request again: its transaction is still open (RFC 3261
    // §17.2.2), so it gets its own answer again, not a 503.
    assert_eq!(status(&answers["shed0"][0]), "SIP/2.0 200 OK");
    socket
        .send_to(options(0, port).as_bytes(), ("127.0.0.1", uas.port))
        .unwrap();
    let again = self::answers(&socket, Duration::from_secs(1));
    let again: Vec<_> = again["shed0"].iter().map(|text| status(text)).collect();
    assert_eq!(again, ["SIP/2.0 200 OK"]);
}
