//! The torture messages of RFC 4475 §3 (`rfc4475.txt`), each sent in one UDP
//! datagram to the running UAS and checked against what RFC 4475 expects of a
//! robust element: a response code, or no response at all.

mod common;

use std::net::UdpSocket;
use std::time::Duration;

use common::{Uas, messages, octets};

/// What the UAS answers.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Answer {
    Code(u16),
    Nothing,
}
use Answer::{Code, Nothing};

struct Expected {
    section: &'static str,
    /// The answers RFC 4475 accepts from a robust UAS; where it allows a
    /// liberal reading of a malformed message, both.
    rfc: &'static [Answer],
    why: &'static str,
}

const fn rfc(section: &'static str, rfc: &'static [Answer], why: &'static str) -> Expected {
    Expected { section, rfc, why }
}

/// The routing table of the test sends `user` to 200; `UserB` and the users of
/// the other INVITEs are unknown (404). This UAS is not a registrar, so
/// REGISTER gets 405 before anything else about it is looked at (RFC 3261
/// §8.2.1 comes before §8.2.2).
const EXPECTED: &[Expected] = &[
    rfc(
        "3.1.1.1",
        &[Code(481)],
        "well formed; a To tag naming no dialog gets 481 (RFC 3261 §12.2.2); the stack cannot read the LWS around `=` in the From tag, so it cannot key a transaction; the uas answers in front of it, statelessly, reading the tags without that LWS",
    ),
    rfc(
        "3.1.1.2",
        &[Code(501), Code(405)],
        "an unknown method gets 501 (RFC 3261 §21.5.2); the stack cannot read the method, and the uas answers from the request's text",
    ),
    rfc(
        "3.1.1.3",
        &[Code(404)],
        "well formed; its user, sips%3Auser%40example.com, is unknown",
    ),
    rfc("3.1.1.4", &[Code(405)], "well formed REGISTER"),
    rfc(
        "3.1.1.5",
        &[Code(501), Code(405)],
        "RE%47IST%45R is an unknown method: 501, answered by the uas from the request's text",
    ),
    rfc(
        "3.1.1.6",
        &[Code(200)],
        "OPTIONS, accepted although the grammar wants LWS before <",
    ),
    rfc(
        "3.1.1.7",
        &[Code(200)],
        "well formed INVITE with long values, answered with SDP",
    ),
    rfc(
        "3.1.1.8",
        &[Code(405)],
        "the REGISTER; the octets after it are ignored (RFC 3261 §18.3)",
    ),
    rfc(
        "3.1.1.9",
        &[Code(200)],
        "OPTIONS with ; in the Request-URI user",
    ),
    rfc(
        "3.1.1.10",
        &[Code(200)],
        "OPTIONS with unknown transports in later Via",
    ),
    rfc(
        "3.1.1.11",
        &[Code(405)],
        "well formed MESSAGE with a binary multipart body; MESSAGE is not allowed",
    ),
    rfc(
        "3.1.1.12",
        &[Nothing],
        "a response: a UAS does not answer it",
    ),
    rfc("3.1.1.13", &[Nothing], "a response"),
    rfc(
        "3.1.2.1",
        &[Code(400)],
        "empty Via and Contact parameters; the stack's parser accepts them, and the uas finds them itself (400 Malformed Via)",
    ),
    rfc(
        "3.1.2.2",
        &[Code(400)],
        "Content-Length larger than the datagram's body (RFC 3261 §18.3)",
    ),
    rfc("3.1.2.3", &[Code(400)], "negative Content-Length"),
    rfc(
        "3.1.2.4",
        &[Code(400)],
        "CSeq above 2**32-1; the stack cannot key a transaction for it, and the uas answers 400 in front of it",
    ),
    rfc("3.1.2.5", &[Nothing], "a response"),
    rfc(
        "3.1.2.6",
        &[Code(400), Code(200)],
        "unterminated quote in To: 400, or a liberal reading",
    ),
    rfc(
        "3.1.2.7",
        &[Code(400), Code(200)],
        "<> around the Request-URI: 400, or the brackets ignored",
    ),
    rfc(
        "3.1.2.8",
        &[Code(400), Code(200)],
        "LWS inside the Request-URI; the stack cannot read it, and the uas answers 400 from the request's text",
    ),
    rfc(
        "3.1.2.9",
        &[Code(400), Code(200)],
        "several SP between Request-Line elements; the stack cannot read it, and the uas answers 400 from the request's text",
    ),
    rfc(
        "3.1.2.10",
        &[Code(400), Code(200)],
        "SP after the SIP-Version, ignored",
    ),
    rfc(
        "3.1.2.11",
        &[Code(400), Code(200)],
        "escaped headers in the Request-URI, ignored",
    ),
    rfc(
        "3.1.2.12",
        &[Code(200), Code(400)],
        "a non-GMT Date, which the UAS does not use",
    ),
    rfc(
        "3.1.2.13",
        &[Code(400), Code(405)],
        "REGISTER with a malformed Contact",
    ),
    rfc(
        "3.1.2.14",
        &[Code(400), Code(200)],
        "spaces in the To addr-spec, read liberally",
    ),
    rfc(
        "3.1.2.15",
        &[Code(400), Code(200)],
        "unquoted non-token display names, read liberally",
    ),
    rfc("3.1.2.16", &[Code(505)], "SIP/7.0 (RFC 3261 §21.5.6)"),
    rfc(
        "3.1.2.17",
        &[Code(400)],
        "CSeq method differs from the Request-Line's",
    ),
    rfc(
        "3.1.2.18",
        &[Code(501), Code(400)],
        "unknown method and CSeq mismatch: 501, answered by the uas from the request's text",
    ),
    rfc("3.1.2.19", &[Nothing], "a response with code 4294967301"),
    rfc(
        "3.2.1",
        &[Code(400), Code(200)],
        "branch z9hG4bK with no identifier: 400, or RFC 2543 matching",
    ),
    rfc(
        "3.3.1",
        &[Code(400)],
        "no Call-ID, From or To; the stack cannot key a transaction, and the uas answers 400 in front of it",
    ),
    rfc(
        "3.3.2",
        &[Code(416)],
        "unknown Request-URI scheme (RFC 3261 §8.2.2.1)",
    ),
    rfc(
        "3.3.3",
        &[Code(416), Code(404)],
        "soap.beep: in the Request-URI",
    ),
    rfc(
        "3.3.4",
        &[Code(405)],
        "REGISTER with unusual schemes in To, From and Contact",
    ),
    rfc(
        "3.3.5",
        &[Code(420)],
        "Require names an unknown option tag (RFC 3261 §8.2.2.3)",
    ),
    rfc(
        "3.3.6",
        &[Code(415)],
        "a body of unknown type (RFC 3261 §8.2.3)",
    ),
    rfc(
        "3.3.7",
        &[Code(405)],
        "REGISTER with an unknown Authorization scheme",
    ),
    rfc(
        "3.3.8",
        &[Code(400)],
        "several Call-ID, To, From, Max-Forwards and CSeq",
    ),
    rfc("3.3.9", &[Code(400)], "several Content-Length"),
    rfc("3.3.10", &[Nothing], "a response"),
    rfc(
        "3.3.11",
        &[Code(200)],
        "Max-Forwards 0 means nothing to an endpoint",
    ),
    rfc("3.3.12", &[Code(405)], "REGISTER"),
    rfc("3.3.13", &[Code(405)], "REGISTER"),
    rfc("3.3.14", &[Code(405)], "REGISTER"),
    rfc(
        "3.3.15",
        &[Code(406), Code(400)],
        "Accept rules out the SDP the 200 would carry (RFC 3261 §21.4.7)",
    ),
    rfc(
        "3.4.1",
        &[Code(404)],
        "RFC 2543 syntax (no branch, no From tag) should be answered; UserB is unknown; the stack needs a From tag to key a transaction, so the uas answers in front of it, statelessly",
    ),
];

/// The routing table of the test: `user` (the Request-URI user of most of
/// RFC 4475's INVITEs) answers 200, so that valid INVITEs go all the way to an
/// SDP answer.
const ROUTES: &str = "[users]\nuser = \"200 OK\"\n";

/// Sends one message from a fresh socket; the first answer's code, if any.
fn answer(uas: &Uas, text: &str) -> (Answer, String) {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = socket.local_addr().unwrap().port();
    if let Ok(dir) = std::env::var("TORTURE_DUMP") {
        let name = text.lines().next().unwrap_or("").replace(['/', ' '], "_");
        std::fs::write(
            format!("{dir}/{}.sip", &name[..name.len().min(20)]),
            octets(text, 5999),
        )
        .ok();
    }
    socket
        .send_to(&octets(text, port), ("127.0.0.1", uas.port))
        .unwrap();
    socket
        .set_read_timeout(Some(Duration::from_millis(700)))
        .unwrap();
    let mut buffer = vec![0u8; 65_535];
    match socket.recv(&mut buffer) {
        Ok(length) => {
            let response = String::from_utf8_lossy(&buffer[..length]).into_owned();
            let code = response
                .strip_prefix("SIP/2.0 ")
                .and_then(|rest| rest.get(..3))
                .and_then(|code| code.parse().ok())
                .unwrap_or_else(|| panic!("not a SIP/2.0 response: {response:?}"));
            (Code(code), response)
        }
        Err(_) => (Nothing, String::new()),
    }
}

#[test]
fn the_uas_answers_rfc_4475s_torture_messages_as_a_robust_element() {
    let uas = Uas::start(ROUTES, &[]);
    let messages = messages();
    assert_eq!(messages.len(), 49, "RFC 4475 §3 has 49 messages");
    let mut failures = Vec::new();
    for (section, name, text) in &messages {
        let (got, response) = answer(&uas, text);
        let Some(expected) = EXPECTED.iter().find(|e| e.section == *section) else {
            failures.push(format!(
                "§{section} {name}: no expectation; got {got:?}\n{response}"
            ));
            continue;
        };
        if !expected.rfc.contains(&got) {
            failures.push(format!(
                "§{section} {name}: RFC 4475 expects {:?} ({}); got {got:?}\n{response}",
                expected.rfc, expected.why
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Sends raw octets; every datagram that comes back within the timeout.
fn replies(uas: &Uas, octets: &[u8]) -> Vec<Vec<u8>> {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.send_to(octets, ("127.0.0.1", uas.port)).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let mut buffer = vec![0u8; 65_535];
    let mut out = Vec::new();
    while let Ok(length) = socket.recv(&mut buffer) {
        out.push(buffer[..length].to_vec());
        if out.len() > 8 {
            break;
        }
    }
    out
}

#[test]
fn keep_alives_and_other_datagrams_get_no_sip_response() {
    let uas = Uas::start(ROUTES, &[]);
    for datagram in [
        &b"\r\n"[..],
        b"hello",
        b"\x00\x01\x02\x03 not SIP at all",
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"INVITE sip:user@example.com SIP/2.0\r\n",
    ] {
        assert_eq!(
            replies(&uas, datagram),
            Vec::<Vec<u8>>::new(),
            "{datagram:?}"
        );
    }
    // The double-CRLF ping of RFC 5626 §3.5.1 gets the stack's single-CRLF
    // pong, although that mechanism is for connection-oriented transports
    // (over UDP, RFC 5626 keeps flows alive with STUN): a stack behaviour,
    // never a SIP response.
    assert_eq!(replies(&uas, b"\r\n\r\n"), vec![b"\r\n".to_vec()]);
}

#[test]
fn responses_carry_one_to_with_a_tag_and_the_request_s_identifiers() {
    let uas = Uas::start(ROUTES, &[]);
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = socket.local_addr().unwrap().port();
    // `;tag=` inside the URI is no tag; `;TAG=` in upper case is one.
    for (to, tagged_as) in [
        ("<sip:user@example.com;tag=inside>", None),
        ("<sip:user@example.com>;TAG=upper", Some("upper")),
    ] {
        let request = format!(
            "OPTIONS sip:user@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-{}\r\nFrom: <sip:a@example.com>;tag=f\r\nTo: {to}\r\nCall-ID: tags-{}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
            tagged_as.unwrap_or("none"),
            tagged_as.unwrap_or("none"),
        );
        socket
            .send_to(request.as_bytes(), ("127.0.0.1", uas.port))
            .unwrap();
        socket
            .set_read_timeout(Some(Duration::from_secs(2)))
            .unwrap();
        let mut buffer = vec![0u8; 65_535];
        let length = socket.recv(&mut buffer).expect("a response");
        let response = String::from_utf8_lossy(&buffer[..length]).into_owned();
        let tos: Vec<&str> = response
            .lines()
            .filter(|line| line.to_ascii_lowercase().starts_with("to:"))
            .collect();
        assert_eq!(tos.len(), 1, "{response}");
        let params = tos[0].rsplit_once('>').unwrap().1.to_ascii_lowercase();
        assert_eq!(params.matches(";tag=").count(), 1, "{response}");
        if let Some(tag) = tagged_as {
            assert!(params.ends_with(&format!("tag={tag}")), "{response}");
        }
        for header in ["Call-ID:", "CSeq:", "Content-Length:"] {
            assert_eq!(
                response.matches(header).count(),
                1,
                "{header} in {response}"
            );
        }
    }
}
