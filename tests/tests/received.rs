//! `StatusLine::parse_received`: each tolerance its documentation lists, and
//! each thing it still refuses.

use sipcodes::{CodeError, ReasonPhraseError, ReceivedError, SipVersion, StatusCode, StatusLine};

fn parsed(bytes: &[u8]) -> (u16, &str) {
    let line = StatusLine::parse_received(bytes)
        .unwrap_or_else(|error| panic!("{:?}: {error}", String::from_utf8_lossy(bytes)));
    (line.status().as_u16(), line.phrase().as_str())
}

fn status(code: u16) -> StatusCode {
    StatusCode::new(code).unwrap()
}

#[test]
fn crlf_bare_lf_and_no_line_end() {
    assert_eq!(parsed(b"SIP/2.0 180 Ringing\r\n"), (180, "Ringing"));
    assert_eq!(parsed(b"SIP/2.0 180 Ringing\n"), (180, "Ringing"));
    assert_eq!(parsed(b"SIP/2.0 180 Ringing"), (180, "Ringing"));
    assert_eq!(parsed(b"SIP/2.0 180\n"), (180, ""));
}

#[test]
fn a_line_end_anywhere_but_at_the_end_is_refused() {
    let cases: &[(&[u8], usize, char)] = &[
        (b"SIP/2.0 180 Ringing\r", 7, '\r'),
        (b"SIP/2.0 180 Ringing\r\r\n", 7, '\r'),
        (b"SIP/2.0 180 Ringing\n\n", 7, '\n'),
        (b"SIP/2.0 180 Ringing\n\r", 7, '\n'),
        (b"SIP/2.0 180 Ring\ring", 4, '\r'),
        (
            b"SIP/2.0 180 Ringing\r\nContact: <sip:evil@example.com>\r\n",
            7,
            '\r',
        ),
        (
            b"SIP/2.0 180 Ringing\nContact: <sip:evil@example.com>\n",
            7,
            '\n',
        ),
    ];
    for &(bytes, position, found) in cases {
        assert_eq!(
            StatusLine::parse_received(bytes),
            Err(ReceivedError::Phrase {
                position: 12,
                status: status(180),
                error: ReasonPhraseError::ControlCharacter { position, found },
            }),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn runs_of_spaces_and_tabs_separate_the_elements() {
    for bytes in [
        &b"SIP/2.0  486 Busy Here"[..],
        b"SIP/2.0\t486 Busy Here",
        b"SIP/2.0 486\tBusy Here",
        b"SIP/2.0 \t486 \t\tBusy Here\r\n",
        b"SIP/2.0\t\t\t486\t\t\tBusy Here\n",
    ] {
        assert_eq!(parsed(bytes), (486, "Busy Here"));
    }
    // Inside and at the end of the phrase, spaces and tabs are the phrase's own.
    assert_eq!(
        parsed(b"SIP/2.0 486 Busy\t Here \t"),
        (486, "Busy\t Here \t")
    );
}

#[test]
fn no_space_is_needed_before_an_empty_phrase() {
    assert_eq!(parsed(b"SIP/2.0 200\r\n"), (200, ""));
    assert_eq!(parsed(b"SIP/2.0 200 \r\n"), (200, ""));
    assert_eq!(parsed(b"SIP/2.0 499"), (499, ""));
}

#[test]
fn the_version_ignores_letter_case() {
    for version in ["SIP/2.0", "sip/2.0", "Sip/2.0", "sIP/2.0"] {
        let text = format!("{version} 183 Session Progress\r\n");
        assert_eq!(parsed(text.as_bytes()), (183, "Session Progress"));
    }
}

#[test]
fn other_versions_are_reported_with_the_version() {
    // RFC 3261 §7.1: versions are literal strings, so 2.00 and 02.0 are not 2.0.
    let cases = [
        ("SIP/7.0", "SIP/7.0", "7", "0"),
        ("sip/2.1", "SIP/2.1", "2", "1"),
        ("SIP/2.00", "SIP/2.00", "2", "00"),
        ("SIP/02.0", "SIP/02.0", "02", "0"),
        ("SIP/1.0", "SIP/1.0", "1", "0"),
        ("SIP/123456.7890", "SIP/123456.7890", "123456", "7890"),
    ];
    for (sent, text, major, minor) in cases {
        let line = format!("{sent} 200 OK\r\n");
        match StatusLine::parse_received(line.as_bytes()) {
            Err(ReceivedError::UnsupportedVersion { version, status }) => {
                assert_eq!(status, Some(StatusCode::OK));
                assert_eq!(version.as_str(), text);
                assert_eq!(version.to_string(), text);
                assert_eq!((version.major(), version.minor()), (major, minor));
                assert_ne!(version, SipVersion::SIP_2_0);
            }
            other => panic!("{sent}: {other:?}"),
        }
    }
    assert_eq!(
        StatusLine::parse_received(b"SIP/7.0 200 OK")
            .unwrap_err()
            .to_string(),
        "unsupported SIP version SIP/7.0; only SIP/2.0 is understood"
    );
}

#[test]
fn errors_in_the_code_count_bytes_from_the_start_of_the_line() {
    let message = |bytes: &[u8]| StatusLine::parse_received(bytes).unwrap_err().to_string();
    assert_eq!(
        message(b"SIP/2.0 +200 OK"),
        "in the status code: expected an ASCII digit at byte 8, found '+'"
    );
    assert_eq!(
        message(b"SIP/2.0\t\t4x6 Busy"),
        "in the status code: expected an ASCII digit at byte 10, found 'x'"
    );
    assert_eq!(
        message(b"SIP/2.0 4861 Busy"),
        "in the status code at byte 8: a status code has three digits; found more"
    );
}

#[test]
fn text_that_is_no_sip_version_is_refused() {
    for bytes in [
        &b""[..],
        b"\r\n",
        b"HTTP/1.1 200 OK",
        b"SIP 200 OK",
        b"SIP/ 200 OK",
        b"SIP/2 200 OK",
        b"SIP/2. 200 OK",
        b"SIP/.0 200 OK",
        b"SIP/2.0a 200 OK",
        b"SIP/two.0 200 OK",
        b"SIPS/2.0 200 OK",
        b" SIP/2.0 200 OK",
        b"\tSIP/2.0 200 OK",
        b"SIP/1234567890.1234 200 OK",
        b"S\xffP/2.0 200 OK",
    ] {
        assert_eq!(
            StatusLine::parse_received(bytes),
            Err(ReceivedError::Version),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
    assert_eq!(
        ReceivedError::Version.to_string(),
        "a status line starts with a SIP version such as SIP/2.0 (SIP, '/', digits, '.', digits; \
         at most 16 bytes, nothing before it)"
    );
    // At most 16 bytes: this one is exactly 16.
    assert!(matches!(
        StatusLine::parse_received(b"SIP/12345678.123 200 OK"),
        Err(ReceivedError::UnsupportedVersion { .. })
    ));
}

#[test]
fn malformed_codes_are_refused_with_their_position() {
    let cases: &[(&[u8], ReceivedError)] = &[
        (b"SIP/2.0", ReceivedError::MissingSpace { position: 7 }),
        (b"SIP/2.0\r\n", ReceivedError::MissingSpace { position: 7 }),
        (
            b"SIP/2.0 ",
            ReceivedError::Code {
                position: 8,
                error: CodeError::Empty,
            },
        ),
        (
            b"SIP/2.0   20 OK",
            ReceivedError::Code {
                position: 10,
                error: CodeError::InvalidDigit {
                    position: 2,
                    found: ' ',
                },
            },
        ),
        (
            b"SIP/2.0 2000 OK",
            ReceivedError::Code {
                position: 8,
                error: CodeError::TooLong,
            },
        ),
        (
            b"SIP/2.0 200-OK",
            ReceivedError::Code {
                position: 8,
                error: CodeError::MissingSpace {
                    position: 3,
                    found: '-',
                },
            },
        ),
        (
            b"SIP/2.0 200\xffOK",
            ReceivedError::Code {
                position: 8,
                error: CodeError::MissingSpace {
                    position: 3,
                    found: char::REPLACEMENT_CHARACTER,
                },
            },
        ),
        (
            b"SIP/2.0 +200 OK",
            ReceivedError::Code {
                position: 8,
                error: CodeError::InvalidDigit {
                    position: 0,
                    found: '+',
                },
            },
        ),
        (
            b"SIP/2.0 099 Low",
            ReceivedError::Code {
                position: 8,
                error: CodeError::OutOfRange { code: 99 },
            },
        ),
        (
            b"SIP/2.0 700",
            ReceivedError::Code {
                position: 8,
                error: CodeError::OutOfRange { code: 700 },
            },
        ),
    ];
    for (bytes, expected) in cases {
        assert_eq!(
            StatusLine::parse_received(bytes),
            Err(*expected),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
        assert_eq!(expected.status(), None);
    }
}

#[test]
fn a_bad_phrase_keeps_the_code() {
    let latin1 = StatusLine::parse_received(b"SIP/2.0  480 Nicht verf\xfcgbar\r\n").unwrap_err();
    assert_eq!(
        latin1,
        ReceivedError::Phrase {
            position: 13,
            status: status(480),
            error: ReasonPhraseError::InvalidUtf8 { position: 10 },
        }
    );
    assert_eq!(latin1.status(), Some(status(480)));
    assert_eq!(
        latin1.to_string(),
        "in the reason phrase of a 480 response at byte 13: byte 10 of the reason phrase is not UTF-8 (RFC 3261 §25.1 allows non-ASCII text in UTF-8 only)"
    );
    assert_eq!(
        StatusLine::parse_received(b"SIP/2.0 599 Ask \"Bob\""),
        Err(ReceivedError::Phrase {
            position: 12,
            status: status(599),
            error: ReasonPhraseError::DisallowedCharacter {
                position: 4,
                found: '"'
            },
        })
    );
    let source = std::error::Error::source(&latin1).unwrap().to_string();
    assert_eq!(
        source,
        ReasonPhraseError::InvalidUtf8 { position: 10 }.to_string()
    );
}

#[test]
fn codes_and_phrases_are_kept_as_received() {
    for number in 100..=699u16 {
        let text = format!("SIP/2.0 {number} Whatever: it was (really)\r\n");
        let line = StatusLine::parse_received(text.as_bytes()).unwrap();
        assert_eq!(line.status(), number);
        assert_eq!(line.phrase().as_str(), "Whatever: it was (really)");
        assert_eq!(line.to_string(), text);
    }
}

#[test]
fn the_version_type_reads_like_a_version() {
    assert_eq!(SipVersion::SIP_2_0.as_str(), "SIP/2.0");
    assert_eq!(
        (SipVersion::SIP_2_0.major(), SipVersion::SIP_2_0.minor()),
        ("2", "0")
    );
    assert_eq!(
        format!("{:?}", SipVersion::SIP_2_0),
        r#"SipVersion("SIP/2.0")"#
    );
    assert_eq!(format!("[{:<9}]", SipVersion::SIP_2_0), "[SIP/2.0  ]");
}

#[test]
fn version_tokens_read_on_their_own() {
    // As a UAS would check the last element of a request line (RFC 4475 §3.1.2.16).
    let request_line = b"OPTIONS sip:t.watson@example.org SIP/7.0";
    let token = request_line.rsplit(|&byte| byte == b' ').next().unwrap();
    let version = SipVersion::from_bytes(token).unwrap();
    assert_eq!(version.as_str(), "SIP/7.0");
    assert_ne!(version, SipVersion::SIP_2_0);

    assert_eq!(
        SipVersion::from_bytes(b"SIP/2.0"),
        Some(SipVersion::SIP_2_0)
    );
    assert_eq!(
        SipVersion::from_bytes(b"sIp/2.0"),
        Some(SipVersion::SIP_2_0)
    );
    for bad in [
        &b""[..],
        b"SIP/",
        b"SIP/2",
        b"SIP/2.",
        b"SIP/.0",
        b"SIP/2.0.1",
        b"SIP/2.0\r\n",
        b"SIP/+2.0",
        b"SIPS/2.0",
        b"SIP/1234567890.123",
    ] {
        assert_eq!(
            SipVersion::from_bytes(bad),
            None,
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
}
