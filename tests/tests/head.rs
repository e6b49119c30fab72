//! Responses checked from their bytes.

use sipcodes::check::{Check, HeaderNames, Problem};
use sipcodes::rules::Context;
use sipcodes::{ReceivedError, StatusCode};

const HEAD: &[u8] = b"SIP/2.0 405 Method Not Allowed\r\n\
Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n\
f: <sip:alice@example.com>;tag=1928301774\r\n\
t: <sip:bob@example.com>;tag=a6c85cf\r\n\
i: a84b4c76e66710\r\n\
CSeq: 314159 FOO\r\n\
Subject: a subject\r\n \
 folded over two lines\r\n\
Content-Length: 0\r\n\r\n";

#[test]
fn header_names_follow_the_head() {
    let names: Vec<&str> = HeaderNames::of(HEAD).into_iter().collect();
    assert_eq!(
        names,
        ["Via", "f", "t", "i", "CSeq", "Subject", "Content-Length"]
    );
    // A bare LF ends lines too, and the names stop at the blank line.
    let lf = b"SIP/2.0 200 OK\nCSeq: 1 BYE\n\nNot-A-Header: body\n";
    assert_eq!(
        HeaderNames::of(lf).into_iter().collect::<Vec<_>>(),
        ["CSeq"]
    );
}

#[test]
fn header_names_debug_as_the_names() {
    assert_eq!(
        format!("{:?}", HeaderNames::of(HEAD)),
        r#"["Via", "f", "t", "i", "CSeq", "Subject", "Content-Length"]"#
    );
}

#[test]
fn a_head_is_checked_like_a_built_response() {
    let response = Check::from_head(HEAD).unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let broken: Vec<_> = response.violations().filter(|v| v.is_mandatory()).collect();
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert_eq!(broken[0].header(), Some("Allow"));
    assert_eq!(broken[0].problem(), Problem::MissingHeader);
}

#[test]
fn a_body_after_the_head_counts() {
    let message = b"SIP/2.0 200 OK\r\nVia: x\r\nFrom: a\r\nTo: b\r\nCall-ID: c\r\nCSeq: 1 MESSAGE\r\n\r\nhello";
    let response = Check::from_head(message)
        .unwrap()
        .context(Context::new().method("MESSAGE"));
    assert!(
        response
            .violations()
            .any(|v| v.problem() == Problem::ForbiddenBody)
    );
    let head_only = &message[..message.len() - 5];
    assert!(
        Check::from_head(head_only)
            .unwrap()
            .context(Context::new().method("MESSAGE"))
            .is_valid()
    );
}

#[test]
fn content_length_decides_whether_there_is_a_body() {
    let to_message = |tail: &str| {
        format!(
            "SIP/2.0 200 OK\r\nVia: x\r\nFrom: a\r\nTo: b\r\nCall-ID: c\r\nCSeq: 1 MESSAGE\r\n{tail}"
        )
    };
    let valid = |tail: &str| {
        Check::from_head(to_message(tail).as_bytes())
            .unwrap()
            .context(Context::new().method("MESSAGE"))
            .is_valid()
    };
    // RFC 3261 §18.3: bytes beyond Content-Length are not the body.
    assert!(valid("Content-Length: 0\r\n\r\n\r\n"));
    assert!(valid("l:0\r\n\r\npadding"));
    assert!(!valid("Content-Length:  5 \r\n\r\nhello"));
    assert!(!valid("content-length: 5\r\n\r\n"));
    // Without a usable Content-Length, whatever follows the head is the body.
    assert!(!valid("Content-Length: five\r\n\r\nhello"));
    assert!(!valid("\r\nhello"));
}

#[test]
fn line_ends_before_the_status_line_are_skipped() {
    // RFC 3261 §7.5.
    let response =
        Check::from_head(b"\r\n\r\nSIP/2.0 100 Trying\r\nCSeq: 1 INVITE\r\n\r\n").unwrap();
    assert_eq!(response.status(), StatusCode::TRYING);
}

#[test]
fn a_bad_status_line_is_a_typed_error() {
    assert!(matches!(
        Check::from_head(b"SIP/7.0 200 OK\r\n\r\n"),
        Err(ReceivedError::UnsupportedVersion { .. })
    ));
    assert!(Check::from_head(b"INVITE sip:bob@example.com SIP/2.0\r\n\r\n").is_err());
    assert!(Check::from_head(b"").is_err());
}
