//! The responses among the RFC 4475 torture messages, and variants of them.
//!
//! Each message is written out as the RFC gives it (CRLF line ends, `<hex>`
//! spans decoded, `<allOneLine>` spans joined). A stack finds the start line by
//! its framing; here that is everything up to the first LF.

use sipcodes::{CodeError, ReceivedError, SipCode, StatusCode, StatusLine, StatusLineError};

/// The start line of a message, with its line end.
fn start_line(message: &[u8]) -> &[u8] {
    let end = message.iter().position(|&byte| byte == b'\n').unwrap();
    &message[..=end]
}

/// Decodes the hexadecimal digits of an RFC `<hex>` span.
fn hex(digits: &str) -> Vec<u8> {
    let digits: Vec<u8> = digits
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
        .collect()
}

fn status_and_phrase(line: StatusLine<'_>) -> (u16, &str) {
    (line.status().as_u16(), line.phrase().as_str())
}

/// RFC 4475 §3.1.1.12 "unreason": a phrase of reserved, unreserved and
/// non-ASCII UTF-8 characters. "A parser must accept this message."
#[test]
fn unusual_reason_phrase() {
    let mut message = b"SIP/2.0 200 = 2**3 * 5**2 ".to_vec();
    message.extend(hex("D0BDD0BE20D181D182
         D0BE20D0B4D0B5D0B2D18FD0BDD0BED181D182D0BE20D0B4
         D0B5D0B2D18FD182D18C202D20D0BFD180D0BED181D182D0
         BED0B5"));
    message.extend_from_slice(
        b"\r\n\
        Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923\r\n\
        Call-ID: unreason.1234ksdfak3j2erwedfsASdf\r\n\
        CSeq: 35 INVITE\r\n\
        From: sip:user@example.com;tag=11141343\r\n\
        To: sip:user@example.edu;tag=2229\r\n\
        Content-Length: 154\r\n\
        Content-Type: application/sdp\r\n\
        Contact: <sip:user@host198.example.com>\r\n\
        \r\n\
        v=0\r\n\
        o=mhandley 29739 7272939 IN IP4 192.0.2.198\r\n\
        s=-\r\n\
        c=IN IP4 192.0.2.198\r\n\
        t=0 0\r\n\
        m=audio 49217 RTP/AVP 0 12\r\n\
        m=video 3227 RTP/AVP 31\r\n\
        a=rtpmap:31 LPC\r\n",
    );
    let expected = (200, "= 2**3 * 5**2 но сто девяносто девять - простое");

    let line = StatusLine::parse_received(start_line(&message)).unwrap();
    assert_eq!(status_and_phrase(line), expected);
    assert_eq!(line.status(), SipCode::Ok);

    let text = std::str::from_utf8(start_line(&message)).unwrap();
    assert_eq!(
        status_and_phrase(StatusLine::parse(text).unwrap()),
        expected
    );
}

const NOREASON_HEADERS: &[u8] = b"Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe\r\n\
    Call-ID: noreason.asndj203insdf99223ndf\r\n\
    CSeq: 35 INVITE\r\n\
    From: <sip:user@example.com>;tag=39ansfi3\r\n\
    To: <sip:user@example.edu>;tag=902jndnke3\r\n\
    Content-Length: 0\r\n\
    Contact: <sip:user@host105.example.com>\r\n\
    \r\n";

/// RFC 4475 §3.1.1.13 "noreason": an empty phrase after the required space.
/// "A parser must accept this message."
#[test]
fn empty_reason_phrase() {
    let message = [b"SIP/2.0 100\x20\r\n", NOREASON_HEADERS].concat();
    let line = StatusLine::parse_received(start_line(&message)).unwrap();
    assert_eq!(status_and_phrase(line), (100, ""));
    assert_eq!(line.to_string(), "SIP/2.0 100 \r\n");
    assert_eq!(
        status_and_phrase(StatusLine::parse("SIP/2.0 100 \r\n").unwrap()),
        (100, "")
    );
}

/// The §3.1.1.13 variant without the space: "this message could be rejected as
/// invalid (a liberal receiver would accept it anyway)". The strict parser
/// rejects it, the receiving parser accepts it.
#[test]
fn empty_reason_phrase_without_its_space() {
    let message = [b"SIP/2.0 100\r\n", NOREASON_HEADERS].concat();
    let line = StatusLine::parse_received(start_line(&message)).unwrap();
    assert_eq!(status_and_phrase(line), (100, ""));
    assert_eq!(
        StatusLine::parse("SIP/2.0 100\r\n"),
        Err(StatusLineError::MissingSpace { position: 11 })
    );
}

/// RFC 4475 §3.1.2.5 "scalarlg": the message is invalid for its header fields,
/// but its status line is well formed; a stack that discards the message still
/// reads the line to log it.
#[test]
fn response_scalar_fields_with_overlarge_values() {
    let message = b"SIP/2.0 503 Service Unavailable\r\n\
        Via: SIP/2.0/TCP host129.example.com;branch=z9hG4bKzzxdiwo34sw;received=192.0.2.129\r\n\
        To: <sip:user@example.com>\r\n\
        From: <sip:other@example.net>;tag=2easdjfejw\r\n\
        CSeq: 9292394834772304023312 OPTIONS\r\n\
        Call-ID: scalarlg.noase0of0234hn2qofoaf0232aewf2394r\r\n\
        Retry-After: 949302838503028349304023988\r\n\
        Warning: 1812 overture \"In Progress\"\r\n\
        Content-Length: 0\r\n\
        \r\n";
    let line = StatusLine::parse_received(start_line(message)).unwrap();
    assert_eq!(status_and_phrase(line), (503, "Service Unavailable"));
    assert_eq!(line.status(), SipCode::ServiceUnavailable);
}

/// RFC 4475 §3.1.2.19 "bigcode": "This response has a response code larger
/// than 699. An element receiving this response should simply drop it."
#[test]
fn overlarge_response_code() {
    let message = b"SIP/2.0 4294967301 better not break the receiver\r\n\
        Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe\r\n\
        Call-ID: bigcode.asdof3uj203asdnf3429uasdhfas3ehjasdfas9i\r\n\
        CSeq: 353494 INVITE\r\n\
        From: <sip:user@example.com>;tag=39ansfi3\r\n\
        To: <sip:user@example.edu>;tag=902jndnke3\r\n\
        Content-Length: 0\r\n\
        Contact: <sip:user@host105.example.com>\r\n\
        \r\n";
    let error = StatusLine::parse_received(start_line(message)).unwrap_err();
    assert_eq!(
        error,
        ReceivedError::Code {
            position: 8,
            error: CodeError::TooLong
        }
    );
    assert_eq!(error.status(), None);
    assert_eq!(
        StatusLine::parse("SIP/2.0 4294967301 better not break the receiver\r\n"),
        Err(StatusLineError::Code {
            position: 8,
            error: CodeError::TooLong
        })
    );
    // Codes just outside the range, in both parsers.
    for (text, code) in [("SIP/2.0 700 Seven\r\n", 700), ("SIP/2.0 099 Low\r\n", 99)] {
        let expected = CodeError::OutOfRange { code };
        assert_eq!(
            StatusLine::parse_received(text.as_bytes()),
            Err(ReceivedError::Code {
                position: 8,
                error: expected
            })
        );
        assert_eq!(
            StatusLine::parse(text),
            Err(StatusLineError::Code {
                position: 8,
                error: expected
            })
        );
    }
}

/// RFC 4475 §3.3.10 "bcast": well formed ("parsers must not fail when
/// receiving it"); discarding it is the transaction layer's business.
#[test]
fn ok_response_with_broadcast_via() {
    let message = b"SIP/2.0 200 OK\r\n\
        Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923\r\n\
        Via: SIP/2.0/UDP 255.255.255.255;branch=z9hG4bK1saber23\r\n\
        Call-ID: bcast.0384840201234ksdfak3j2erwedfsASdf\r\n\
        CSeq: 35 INVITE\r\n\
        From: sip:user@example.com;tag=11141343\r\n\
        To: sip:user@example.edu;tag=2229\r\n\
        Content-Length: 154\r\n\
        Content-Type: application/sdp\r\n\
        Contact: <sip:user@host28.example.com>\r\n\
        \r\n\
        v=0\r\n\
        o=mhandley 29739 7272939 IN IP4 192.0.2.198\r\n\
        s=-\r\n\
        c=IN IP4 192.0.2.198\r\n\
        t=0 0\r\n\
        m=audio 49217 RTP/AVP 0 12\r\n\
        m=video 3227 RTP/AVP 31\r\n\
        a=rtpmap:31 LPC\r\n";
    let line = StatusLine::parse_received(start_line(message)).unwrap();
    assert_eq!(status_and_phrase(line), (200, "OK"));
}

/// RFC 4475 §3.1.2.9 "lwsstart" puts several SP between the elements of a
/// request line; "an element that is liberal in what it accepts may ignore
/// these extra SP characters". The same on a status line, with HTAB too.
#[test]
fn multiple_spaces_between_status_line_elements() {
    for text in [
        "SIP/2.0  486  Busy Here\r\n",
        "SIP/2.0\t486\tBusy Here\r\n",
        "SIP/2.0 \t 486 \t Busy Here\r\n",
    ] {
        let line = StatusLine::parse_received(text.as_bytes()).unwrap();
        assert_eq!(status_and_phrase(line), (486, "Busy Here"), "{text:?}");
        // Sent on, the line has single spaces.
        assert_eq!(line.to_string(), "SIP/2.0 486 Busy Here\r\n");
        assert!(StatusLine::parse(text).is_err(), "{text:?}");
    }
}

/// RFC 4475 §3.1.2.10 "trws" ends a request line with SP. On a status line,
/// SP before the CRLF belongs to the Reason-Phrase, which allows it: kept.
/// After a code with no phrase, it is separator: the phrase is empty.
#[test]
fn spaces_at_the_end_of_the_status_line() {
    let line = StatusLine::parse_received(b"SIP/2.0 200 OK\x20\x20\r\n").unwrap();
    assert_eq!(status_and_phrase(line), (200, "OK  "));
    let line = StatusLine::parse_received(b"SIP/2.0 200\x20\x20\r\n").unwrap();
    assert_eq!(status_and_phrase(line), (200, ""));
}

/// RFC 4475 §3.1.2.16 "badvers" is a request of version SIP/7.0, to be
/// answered with 505. The same version on a status line is reported with the
/// version, whatever the letter case of "SIP".
#[test]
fn unknown_protocol_version() {
    let message = b"SIP/7.0 200 OK\r\n\
        Via: SIP/7.0/UDP c.example.com;branch=z9hG4bKkdjuw\r\n\
        Call-ID: badvers.01234@example.com\r\n\
        CSeq: 1 OPTIONS\r\n\
        Content-Length: 0\r\n\
        \r\n";
    let Err(ReceivedError::UnsupportedVersion { version, status }) =
        StatusLine::parse_received(start_line(message))
    else {
        panic!("SIP/7.0 must be reported as an unsupported version");
    };
    // The code survives, for a log line or a 505 decision.
    assert_eq!(status.map(|status| status.as_u16()), Some(200));
    assert_eq!(version.as_str(), "SIP/7.0");
    assert_eq!((version.major(), version.minor()), ("7", "0"));
    assert_eq!(
        StatusLine::parse_received(b"sip/7.0 200 OK\r\n"),
        Err(ReceivedError::UnsupportedVersion { version, status })
    );
    // A version of its own, and the rest not a status line: the version is still what is reported.
    assert_eq!(
        StatusLine::parse_received(b"SIP/7.0 2OO OK\r\n"),
        Err(ReceivedError::UnsupportedVersion {
            version,
            status: None
        })
    );
    let (seven, line) = StatusLine::parse_received_with_version(start_line(message)).unwrap();
    assert_eq!((seven, line.phrase().as_str()), (version, "OK"));
    assert_eq!(
        StatusLine::parse("SIP/7.0 200 OK\r\n"),
        Err(StatusLineError::Version)
    );
}

/// Codes a peer may send that the registry does not define keep their number
/// and phrase; RFC 3261 §8.1.3.2 decides what they mean.
#[test]
fn unregistered_codes_survive_receiving() {
    let line = StatusLine::parse_received(b"SIP/2.0 499 Too Many Foos\r\n").unwrap();
    assert_eq!(status_and_phrase(line), (499, "Too Many Foos"));
    assert_eq!(line.status().known(), None);
    assert_eq!(line.status().effective(), SipCode::BadRequest);
    assert_eq!(line.status(), StatusCode::new(499).unwrap());
}
