//! Every number from 0 to 9999, and its text form, through every conversion.

use sipcodes::{CodeError, SipCode, StatusCode};
use sipcodes_tests::iana_phrase;

#[test]
fn every_number_converts_consistently() {
    for number in 0..=9999u16 {
        let in_range = (100..=699).contains(&number);
        let registered = iana_phrase(number).is_some();

        assert_eq!(SipCode::from_u16(number).is_some(), registered, "{number}");
        match SipCode::try_from(number) {
            Ok(code) => assert_eq!(code.as_u16(), number),
            Err(CodeError::Unregistered { code }) => {
                assert!(in_range && !registered && code == number)
            }
            Err(CodeError::OutOfRange { code }) => assert!(!in_range && code == number),
            Err(other) => panic!("{number}: {other:?}"),
        }
        match StatusCode::new(number) {
            Ok(status) => {
                assert!(in_range, "{number}");
                assert_eq!(status.as_u16(), number);
                assert_eq!(status.as_str(), number.to_string());
                assert_eq!(
                    SipCode::from_u16(number).map(SipCode::as_str),
                    registered.then(|| status.as_str())
                );
                assert_eq!(
                    status.known().map(SipCode::as_u16),
                    registered.then_some(number)
                );
                assert_eq!(StatusCode::try_from(number), Ok(status));
            }
            Err(error) => {
                assert!(!in_range, "{number}");
                assert_eq!(error, CodeError::OutOfRange { code: number });
            }
        }
    }
}

#[test]
fn every_number_parses_consistently() {
    for number in 0..=9999u16 {
        let registered = iana_phrase(number).is_some();
        for text in [
            number.to_string(),
            format!("{number:03}"),
            format!("{number:04}"),
        ] {
            let three_digits = text.len() == 3;
            let in_range = three_digits && (100..=699).contains(&number);
            let expected_status = if !three_digits {
                Err(if text.len() < 3 {
                    CodeError::TooShort
                } else {
                    CodeError::TooLong
                })
            } else if !in_range {
                Err(CodeError::OutOfRange { code: number })
            } else {
                Ok(number)
            };
            let status = text.parse::<StatusCode>().map(StatusCode::as_u16);
            assert_eq!(status, expected_status, "{text:?}");

            let code = text.parse::<SipCode>().map(SipCode::as_u16);
            match expected_status {
                Ok(_) if !registered => assert_eq!(
                    code,
                    Err(CodeError::Unregistered { code: number }),
                    "{text:?}"
                ),
                expected => assert_eq!(code, expected, "{text:?}"),
            }
        }
        if let Some(phrase) = iana_phrase(number) {
            let line = format!("{number} {phrase}");
            assert_eq!(line.parse::<SipCode>().map(SipCode::as_u16), Ok(number));
            assert_eq!(
                line.parse::<StatusCode>().map(StatusCode::as_u16),
                Ok(number)
            );
        } else if (100..=699).contains(&number) {
            let line = format!("{number} Whatever");
            assert_eq!(
                line.parse::<StatusCode>(),
                Err(CodeError::UnexpectedPhrase { code: number })
            );
        }
    }
}

#[test]
fn malformed_text_gets_a_typed_error() {
    let cases: &[(&str, CodeError)] = &[
        ("", CodeError::Empty),
        (
            "+200",
            CodeError::InvalidDigit {
                position: 0,
                found: '+',
            },
        ),
        (
            "-200",
            CodeError::InvalidDigit {
                position: 0,
                found: '-',
            },
        ),
        (
            " 200",
            CodeError::InvalidDigit {
                position: 0,
                found: ' ',
            },
        ),
        (
            "2OO",
            CodeError::InvalidDigit {
                position: 1,
                found: 'O',
            },
        ),
        (
            "2é0",
            CodeError::InvalidDigit {
                position: 1,
                found: 'é',
            },
        ),
        ("0200", CodeError::TooLong),
        ("1000", CodeError::TooLong),
        ("20", CodeError::TooShort),
        ("099", CodeError::OutOfRange { code: 99 }),
        ("700", CodeError::OutOfRange { code: 700 }),
        (
            "200\r\n",
            CodeError::MissingSpace {
                position: 3,
                found: '\r',
            },
        ),
        (
            "200-OK",
            CodeError::MissingSpace {
                position: 3,
                found: '-',
            },
        ),
        ("200  OK", CodeError::UnexpectedPhrase { code: 200 }),
        ("200 OK ", CodeError::UnexpectedPhrase { code: 200 }),
        ("486 Busy", CodeError::UnexpectedPhrase { code: 486 }),
        ("486 ", CodeError::UnexpectedPhrase { code: 486 }),
    ];
    for (text, expected) in cases {
        assert_eq!(text.parse::<SipCode>(), Err(*expected), "{text:?}");
        assert_eq!(text.parse::<StatusCode>(), Err(*expected), "{text:?}");
    }
}

#[test]
fn errors_say_what_was_wrong() {
    let message = |text: &str| text.parse::<SipCode>().unwrap_err().to_string();
    assert_eq!(
        message(""),
        "empty text where a three-digit status code was expected"
    );
    assert_eq!(
        message("2OO"),
        "expected an ASCII digit at byte 1, found 'O'"
    );
    assert_eq!(
        message("0200"),
        "a status code has three digits; found more"
    );
    assert_eq!(message("20"), "a status code has three digits; found fewer");
    assert_eq!(
        message("099"),
        "99 is not a SIP status code; codes run from 100 to 699"
    );
    assert_eq!(message("499"), "499 is not a registered SIP response code");
    assert_eq!(
        message("486-Busy"),
        "expected a space between the code and the reason phrase at byte 3, found '-'"
    );
    assert_eq!(
        message("486 Busy"),
        "the reason phrase after 486 is not its registered phrase \"Busy Here\""
    );
    assert_eq!(
        "499 Odd".parse::<StatusCode>().unwrap_err().to_string(),
        "499 is not registered, so no reason phrase can follow it here"
    );
}
