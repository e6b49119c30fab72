use sipcodes::{
    CodeError, ReasonPhrase, ReasonPhraseError, SipCode, StatusCode, StatusLine, StatusLineError,
};

#[test]
fn canonical_lines_for_every_code() {
    for code in SipCode::ALL {
        let line = StatusLine::canonical(code).to_string();
        assert_eq!(
            line,
            format!("SIP/2.0 {} {}\r\n", code.as_u16(), code.reason_phrase())
        );
        assert_eq!(code.status_line(), line);
        // The same line built from a copy of the phrase takes the general path.
        let copy = String::from(code.reason_phrase());
        let rebuilt = StatusLine::new(code.into(), ReasonPhrase::new(&copy).unwrap());
        assert_eq!(rebuilt.to_string(), line);
        let parsed = StatusLine::parse(&line).unwrap();
        assert_eq!(parsed.status(), code);
        assert_eq!(parsed.phrase().as_str(), code.reason_phrase());
    }
}

#[test]
fn unregistered_codes_and_custom_phrases_are_kept() {
    for number in 100..=699 {
        let text = format!("SIP/2.0 {number} Whatever it was\r\n");
        let line = StatusLine::parse(&text).unwrap();
        assert_eq!(line.status(), StatusCode::new(number).unwrap());
        assert_eq!(line.phrase().as_str(), "Whatever it was");
        assert_eq!(line.to_string(), text);
    }
}

#[test]
fn the_version_is_case_insensitive_on_input_and_upper_case_on_output() {
    let line = StatusLine::parse("sIp/2.0 180 Ringing").unwrap();
    assert_eq!(line.to_string(), "SIP/2.0 180 Ringing\r\n");
}

#[test]
fn an_empty_phrase_keeps_its_space() {
    let line = StatusLine::new(SipCode::Ok.into(), ReasonPhrase::new("").unwrap());
    assert_eq!(line.to_string(), "SIP/2.0 200 \r\n");
    assert_eq!(
        StatusLine::parse("SIP/2.0 200 \r\n")
            .unwrap()
            .phrase()
            .as_str(),
        ""
    );
}

#[test]
fn malformed_lines_get_typed_errors() {
    let cases: &[(&str, StatusLineError)] = &[
        ("", StatusLineError::Version),
        ("SIP/2.1 200 OK", StatusLineError::Version),
        ("HTTP/1.1 200 OK", StatusLineError::Version),
        (
            "SIP/2.0  200 OK",
            StatusLineError::Code {
                position: 8,
                error: CodeError::InvalidDigit {
                    position: 0,
                    found: ' ',
                },
            },
        ),
        (
            "SIP/2.0\t200 OK",
            StatusLineError::MissingSpace { position: 7 },
        ),
        (
            "SIP/2.0 200",
            StatusLineError::MissingSpace { position: 11 },
        ),
        (
            "SIP/2.0 2000 OK",
            StatusLineError::Code {
                position: 8,
                error: CodeError::TooLong,
            },
        ),
        (
            "SIP/2.0 099 Low",
            StatusLineError::Code {
                position: 8,
                error: CodeError::OutOfRange { code: 99 },
            },
        ),
        (
            "SIP/2.0 200-OK",
            StatusLineError::Code {
                position: 8,
                error: CodeError::MissingSpace {
                    position: 3,
                    found: '-',
                },
            },
        ),
        (
            "SIP/2.0 200 OK\nVia: x",
            StatusLineError::Phrase {
                position: 12,
                error: ReasonPhraseError::ControlCharacter {
                    position: 2,
                    found: '\n',
                },
            },
        ),
        (
            "SIP/2.0 200 OK\r",
            StatusLineError::Phrase {
                position: 12,
                error: ReasonPhraseError::ControlCharacter {
                    position: 2,
                    found: '\r',
                },
            },
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(StatusLine::parse(text), Err(*expected), "{text:?}");
    }
    assert_eq!(
        StatusLine::parse("SIP/2.0 2OO OK").unwrap_err().to_string(),
        "in the status code: expected an ASCII digit at byte 9, found 'O'"
    );
}

#[test]
fn errors_say_what_was_wrong() {
    let message = |text: &str| StatusLine::parse(text).unwrap_err().to_string();
    assert_eq!(
        message("HTTP/1.1 200 OK"),
        "a status line starts with SIP/2.0"
    );
    assert_eq!(message("SIP/2.0 200"), "expected a space at byte 11");
    assert_eq!(
        message("SIP/2.0 200 O\nK"),
        "in the reason phrase at byte 12: control character '\\n' at byte 1 is not allowed in a reason phrase"
    );
}

#[test]
fn the_alternate_form_leaves_out_the_line_end() {
    let line = StatusLine::canonical(SipCode::BusyHere);
    assert_eq!(format!("{line:#}"), "SIP/2.0 486 Busy Here");
    assert_eq!(format!("{line}"), "SIP/2.0 486 Busy Here\r\n");
    let empty = StatusLine::new(
        StatusCode::new(499).unwrap(),
        ReasonPhrase::new("").unwrap(),
    );
    assert_eq!(format!("{empty:#}"), "SIP/2.0 499 ");
    for code in SipCode::ALL {
        let line = StatusLine::canonical(code);
        assert_eq!(format!("{line:#}\r\n"), line.to_string());
    }
}
