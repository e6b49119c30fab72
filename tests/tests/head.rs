//! Responses checked from their bytes.

use proptest::prelude::*;
use sipcodes::check::{Check, Head, HeadError, HeaderNames, Problem};
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

/// The header field names of a message, in order.
fn names(message: &[u8]) -> Vec<&str> {
    HeaderNames::of(message).into_iter().collect()
}

#[test]
fn header_names_follow_the_head() {
    assert_eq!(
        names(HEAD),
        ["Via", "f", "t", "i", "CSeq", "Subject", "Content-Length"]
    );
    // A bare LF ends lines too, and the names stop at the blank line.
    let lf = b"SIP/2.0 200 OK\nCSeq: 1 BYE\n\nNot-A-Header: body\n";
    assert_eq!(names(lf), ["CSeq"]);
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
        Err(HeadError::StatusLine(
            ReceivedError::UnsupportedVersion { .. }
        ))
    ));
    assert!(Check::from_head(b"INVITE sip:bob@example.com SIP/2.0\r\n\r\n").is_err());
    assert!(Check::from_head(b"").is_err());
}

/// `Via: a<CR>Contact: x` is one field to a parser that ends lines at LF only,
/// two to one that also ends them at a bare CR: the head is refused, and the
/// names skip the field rather than merge it.
#[test]
fn a_bare_cr_is_reported_never_merged() {
    let head = b"SIP/2.0 200 OK\r\nVia: a\rContact: <sip:x@y>\r\nCSeq: 1 BYE\r\n\r\n";
    assert_eq!(
        Check::from_head(head).unwrap_err(),
        HeadError::BareCr { position: 22 }
    );
    assert_eq!(names(head), ["CSeq"]);
    // In a continuation line too.
    let folded = b"SIP/2.0 200 OK\r\nSubject: a\r\n b\rc\r\nCSeq: 1 BYE\r\n\r\n";
    assert_eq!(
        Check::from_head(folded).unwrap_err(),
        HeadError::BareCr { position: 30 }
    );
    assert_eq!(names(folded), ["CSeq"]);
}

#[test]
fn a_name_that_is_not_a_token_is_reported_and_skipped() {
    let head = b"SIP/2.0 200 OK\r\nVia a: b\r\n<Contact>: c\r\nCSeq: 1 BYE\r\n\r\n";
    assert_eq!(
        Check::from_head(head).unwrap_err(),
        HeadError::HeaderName { position: 16 }
    );
    assert_eq!(names(head), ["CSeq"]);
    assert_eq!(
        Check::from_head(b"SIP/2.0 200 OK\r\nNo colon here\r\n\r\n").unwrap_err(),
        HeadError::MissingColon { position: 16 }
    );
    assert_eq!(
        HeadError::HeaderName { position: 16 }.to_string(),
        "the header field name at byte 16 is not a token (RFC 3261 §7.3.1)"
    );
    assert_eq!(
        Check::from_head(b"SIP/7.0 200 OK\r\n\r\n")
            .unwrap_err()
            .to_string(),
        "in the status line: unsupported SIP version SIP/7.0; only SIP/2.0 is understood"
    );
    assert_eq!(
        HeadError::MissingColon { position: 16 }.to_string(),
        "the header line at byte 16 has no colon after its name (RFC 3261 §7.3.1)"
    );
}

#[test]
fn a_request_is_read_whatever_its_method() {
    // RFC 3261 §7.1: an extension method is a token like any other.
    let request = b"PUBLISH sip:a@x SIP/2.0\r\nCSeq: 1 PUBLISH\r\nv: SIP/2.0/TCP h\r\n\r\n";
    let head = Head::read(request).unwrap();
    assert_eq!(head.method(), Some("PUBLISH"));
    let extension = Head::read(b"FROBNICATE sip:a@x SIP/2.0\r\n\r\n").unwrap();
    assert_eq!(extension.method(), Some("FROBNICATE"));
    // Methods are case-sensitive and kept as written.
    assert_eq!(
        Head::read(b"invite sip:a@x SIP/2.0\r\n\r\n")
            .unwrap()
            .method(),
        Some("invite")
    );
    // Not request lines: a status line, two parts, a method that is no token,
    // no SIP version at the end.
    for line in [
        &b"SIP/2.0 200 OK"[..],
        b"INVITE sip:a@x",
        b"IN<VITE sip:a@x SIP/2.0",
        b"INVITE sip:a@x HTTP/1.1",
        b"INVITE  sip:a@x SIP/2.0",
    ] {
        let message = [line, b"\r\n\r\n"].concat();
        assert_eq!(
            Head::read(&message).unwrap().method(),
            None,
            "{:?}",
            String::from_utf8_lossy(line)
        );
    }
}

#[test]
fn field_values_are_read_whole() {
    let head = Head::read(HEAD).unwrap();
    let fields: Vec<(&str, &[u8])> = head.fields().collect();
    assert_eq!(fields.len(), 7);
    assert_eq!(
        fields[1],
        ("f", &b"<sip:alice@example.com>;tag=1928301774"[..])
    );
    // A folded value keeps its line end and the white space after it.
    assert_eq!(
        fields[5],
        ("Subject", &b"a subject\r\n folded over two lines"[..])
    );
    // Values that are not UTF-8 are given as they are.
    let latin1 = Head::read(b"SIP/2.0 200 OK\r\nSubject: caf\xe9\r\n\r\n").unwrap();
    assert_eq!(latin1.fields().next(), Some(("Subject", &b"caf\xe9"[..])));
    // White space before the colon is allowed (HCOLON, RFC 3261 §25.1).
    let spaced = Head::read(b"SIP/2.0 200 OK\r\nCSeq \t: 1 BYE\r\n\r\n").unwrap();
    assert_eq!(spaced.fields().next(), Some(("CSeq", &b"1 BYE"[..])));
}

#[test]
fn the_fields_before_a_malformed_one_are_visited() {
    let message =
        b"BYE sip:a@x SIP/2.0\r\nCSeq: 2 BYE\r\ni: c\r\nBad Name: x\r\nTo: <sip:a@x>\r\n\r\n";
    let mut names = Vec::new();
    let read = Head::read_each(message, |name, _| names.push(name));
    assert_eq!(read, Err(HeadError::HeaderName { position: 40 }));
    assert_eq!(names, ["CSeq", "i"]);
}

#[test]
fn reading_a_head_reports_what_from_head_reports() {
    let request = b"OPTIONS sip:a@x SIP/2.0\r\nVia: a\rContact: <sip:x@y>\r\n\r\n";
    assert_eq!(Head::read(request), Err(HeadError::BareCr { position: 31 }));
    let no_colon = b"BYE sip:a@x SIP/2.0\r\nCSeq 2 BYE\r\n\r\n";
    assert_eq!(
        Head::read(no_colon),
        Err(HeadError::MissingColon { position: 21 })
    );
    let bad_name = b"BYE sip:a@x SIP/2.0\r\nC<Seq>: 2 BYE\r\n\r\n";
    assert_eq!(
        Head::read(bad_name),
        Err(HeadError::HeaderName { position: 21 })
    );
}

/// Bytes made of what a message head is made of (start lines, header lines,
/// CR, LF, white space, colons, brackets) and random bytes, end to end.
fn head_pieces() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"INVITE sip:a@x SIP/2.0".to_vec()),
        Just(b"SIP/2.0 200 OK".to_vec()),
        Just(b"Via: a".to_vec()),
        Just(b"l: 3".to_vec()),
        Just(b"Contact".to_vec()),
        Just(b"<x>".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b" ".to_vec()),
        Just(b":".to_vec()),
        prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(piece, 0..20).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Whatever the bytes, the names are tokens from lines without a bare CR,
    /// and a head `from_head` accepts has neither a bare CR nor a bad name.
    #[test]
    fn names_are_tokens_and_bare_crs_never_pass(
        fields in head_pieces(),
    ) {
        let mut head = b"SIP/2.0 200 OK\r\n".to_vec();
        head.extend(fields);
        head.extend_from_slice(b"\r\n\r\n");
        for name in HeaderNames::of(&head) {
            prop_assert!(!name.is_empty());
            prop_assert!(name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b)), "{name:?}");
        }
        if Check::from_head(&head).is_ok() {
            // The header fields: the lines after the status line up to the first
            // empty one (a line ends at LF, a CR before it is part of the end).
            let fields: Vec<&[u8]> = head
                .split(|&b| b == b'\n')
                .skip(1)
                .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
                .take_while(|line| !line.is_empty())
                .collect();
            prop_assert!(fields.iter().all(|line| !line.contains(&b'\r')), "{head:?}");
        }
    }
}

proptest! {
    /// The fields a head is built from are the fields read from it: names as
    /// written, values without the white space around them.
    #[test]
    fn fields_read_are_the_fields_written(
        fields in prop::collection::vec(
            ("[A-Za-z][A-Za-z0-9.!%*_+`'~-]{0,12}", "[ \t]{0,2}", "[ -~]{0,30}"),
            0..10,
        ),
    ) {
        let mut message = b"MESSAGE sip:a@x SIP/2.0\r\n".to_vec();
        for (name, space, value) in &fields {
            message.extend_from_slice(format!("{name}{space}: {value}\r\n").as_bytes());
        }
        message.extend_from_slice(b"\r\nbody");
        let head = Head::read(&message).unwrap();
        let read: Vec<(String, Vec<u8>)> = head
            .fields()
            .map(|(name, value)| (name.to_owned(), value.to_vec()))
            .collect();
        let written: Vec<(String, Vec<u8>)> = fields
            .iter()
            .map(|(name, _, value)| (name.clone(), value.trim_matches([' ', '\t']).as_bytes().to_vec()))
            .collect();
        prop_assert_eq!(&read, &written);
        prop_assert_eq!(head.method(), Some("MESSAGE"));
        // One pass gives the same fields.
        let mut visited = Vec::new();
        let again = Head::read_each(&message, |name, value| visited.push((name.to_owned(), value.to_vec())));
        prop_assert_eq!(again, Ok(head));
        prop_assert_eq!(visited, written);
    }
}

/// RFC 3261 §25.1: `generic-param = token [ EQUAL gen-value ]`, EQUAL allowing
/// white space around `=`; the URI's own parameters sit inside `<…>`.
#[test]
fn header_parameters_are_the_field_s_not_the_uri_s() {
    use sipcodes::header::parameter;
    assert_eq!(parameter("<sip:b@y;tag=no>;tag=yes", "tag"), Some("yes"));
    assert_eq!(parameter("\"A; B\" <sip:a@x>;Tag = 19 ", "tag"), Some("19"));
    assert_eq!(parameter("sip:a@x;tag=bare", "tag"), Some("bare"));
    assert_eq!(parameter("<sip:a@x>;tagged=1;tag", "tag"), None);
    assert_eq!(
        parameter("SIP/2.0/TCP h;rport;branch=z9hG4bK1", "branch"),
        Some("z9hG4bK1")
    );
    assert_eq!(
        parameter("SIP/2.0/TCP h;rport;branch=z9hG4bK1", "rport"),
        None
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// Whatever the bytes, reading never panics, and what `read` accepts it
    /// gives whole: `read_each` visits the fields `fields` yields.
    #[test]
    fn any_bytes_are_read_without_panic(
        bytes in head_pieces(),
    ) {
        let mut visited = Vec::new();
        let each = Head::read_each(&bytes, |name, value| visited.push((name, value)));
        prop_assert_eq!(each, Head::read(&bytes));
        if let Ok(head) = each {
            let _ = head.method();
            let _ = head.has_body();
            prop_assert_eq!(head.fields().collect::<Vec<_>>(), visited);
        }
        let _ = sipcodes::check::HeaderFields::of(&bytes).count();
    }
}
