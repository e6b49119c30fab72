use sipcodes::{ReasonPhrase, ReasonPhraseError, SipCode};

#[test]
fn phrases_that_could_inject_lines_are_rejected() {
    let cases: &[(&str, ReasonPhraseError)] = &[
        (
            "Busy\r\nContact: <sip:x@example.com>",
            ReasonPhraseError::ControlCharacter {
                position: 4,
                found: '\r',
            },
        ),
        (
            "Busy\nX: y",
            ReasonPhraseError::ControlCharacter {
                position: 4,
                found: '\n',
            },
        ),
        (
            "nul\0",
            ReasonPhraseError::ControlCharacter {
                position: 3,
                found: '\0',
            },
        ),
        (
            "del\u{7f}",
            ReasonPhraseError::ControlCharacter {
                position: 3,
                found: '\u{7f}',
            },
        ),
        (
            "c1\u{85}",
            ReasonPhraseError::ControlCharacter {
                position: 2,
                found: '\u{85}',
            },
        ),
        (
            "<b>",
            ReasonPhraseError::DisallowedCharacter {
                position: 0,
                found: '<',
            },
        ),
        ("50%", ReasonPhraseError::InvalidEscape { position: 2 }),
        ("%zz", ReasonPhraseError::InvalidEscape { position: 0 }),
    ];
    for (text, expected) in cases {
        assert_eq!(ReasonPhrase::new(text), Err(*expected), "{text:?}");
    }
}

#[test]
fn application_phrases_and_utf8_are_accepted() {
    for text in [
        "",
        "5 calls queued",
        "5 calls queued; expected waiting time is 15 minutes",
        "Tab\there",
        "Ocupado aquí",
        "話し中",
        "100%25 sure",
        "a-b_c.d!e~f*g'h(i)j;k/l?m:n@o&p=q+r$s,t",
    ] {
        assert_eq!(ReasonPhrase::new(text).map(|p| p.as_str()), Ok(text));
    }
}

#[test]
fn every_registered_phrase_is_valid() {
    for code in SipCode::ALL {
        assert_eq!(
            ReasonPhrase::new(code.reason_phrase()),
            Ok(ReasonPhrase::canonical(code))
        );
    }
}

#[test]
fn every_ascii_byte_is_classified() {
    for byte in 0u8..=0x7f {
        let text = [b'a', byte, b'a'];
        let text = std::str::from_utf8(&text).unwrap();
        let result = ReasonPhrase::new(text);
        match byte {
            0..=8 | 10..=31 | 127 => {
                assert_eq!(
                    result,
                    Err(ReasonPhraseError::ControlCharacter {
                        position: 1,
                        found: byte as char
                    })
                )
            }
            b'%' => assert_eq!(
                result,
                Err(ReasonPhraseError::InvalidEscape { position: 1 })
            ),
            b'"' | b'#' | b'<' | b'>' | b'[' | b'\\' | b']' | b'^' | b'`' | b'{' | b'|' | b'}' => {
                assert_eq!(
                    result,
                    Err(ReasonPhraseError::DisallowedCharacter {
                        position: 1,
                        found: byte as char
                    })
                )
            }
            _ => assert!(result.is_ok(), "{byte:#x}"),
        }
    }
}

#[test]
fn errors_say_what_was_wrong() {
    let message = |text: &str| ReasonPhrase::new(text).unwrap_err().to_string();
    assert_eq!(
        message("a\r\nb"),
        "control character '\\r' at byte 1 is not allowed in a reason phrase"
    );
    assert_eq!(
        message("<b>"),
        "character '<' at byte 0 is not allowed in a reason phrase (RFC 3261 §25.1)"
    );
    assert_eq!(
        message("50%"),
        "'%' at byte 2 must be followed by two hexadecimal digits"
    );
}

#[test]
fn received_bytes_must_be_utf8_and_follow_the_grammar() {
    assert_eq!(
        ReasonPhrase::from_bytes("Nicht verfügbar".as_bytes()).map(|phrase| phrase.as_str()),
        Ok("Nicht verfügbar")
    );
    // Latin-1 "ü" is one byte, 0xFC, which is never UTF-8.
    assert_eq!(
        ReasonPhrase::from_bytes(b"Nicht verf\xfcgbar"),
        Err(ReasonPhraseError::InvalidUtf8 { position: 10 })
    );
    // A truncated UTF-8 sequence at the end.
    assert_eq!(
        ReasonPhrase::from_bytes(b"caf\xc3"),
        Err(ReasonPhraseError::InvalidUtf8 { position: 3 })
    );
    // The first problem in byte order is the one reported.
    assert_eq!(
        ReasonPhrase::from_bytes(b"a\rb\xff"),
        Err(ReasonPhraseError::ControlCharacter {
            position: 1,
            found: '\r'
        })
    );
    assert_eq!(
        ReasonPhrase::from_bytes(b"a\xffb\r"),
        Err(ReasonPhraseError::InvalidUtf8 { position: 1 })
    );
    assert_eq!(
        ReasonPhrase::from_bytes(b"Busy\r\nX: 1"),
        ReasonPhrase::new("Busy\r\nX: 1")
    );
    assert_eq!(
        ReasonPhraseError::InvalidUtf8 { position: 10 }.to_string(),
        "byte 10 of the reason phrase is not UTF-8 (RFC 3261 §25.1 allows non-ASCII text in UTF-8 only)"
    );
}
