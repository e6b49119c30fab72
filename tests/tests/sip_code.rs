use sipcodes::{Class, ReasonPhrase, SipCode};
use sipcodes_tests::IANA;

#[test]
fn every_iana_code_is_a_variant_with_its_registered_phrase() {
    assert_eq!(SipCode::COUNT, IANA.len());
    assert_eq!(SipCode::ALL.len(), IANA.len());
    for (code, (number, phrase)) in SipCode::ALL.iter().zip(IANA) {
        assert_eq!(code.as_u16(), *number);
        assert_eq!(code.reason_phrase(), *phrase, "{number}");
    }
}

#[test]
fn all_is_ascending_and_index_is_dense() {
    assert!(
        SipCode::ALL
            .windows(2)
            .all(|pair| pair[0] < pair[1] && pair[0].as_u16() < pair[1].as_u16())
    );
    for (position, code) in SipCode::ALL.iter().enumerate() {
        assert_eq!(code.index(), position);
    }
}

#[test]
fn display_is_the_status_line_form_and_parses_back() {
    for (code, (number, phrase)) in SipCode::ALL.iter().zip(IANA) {
        let text = code.to_string();
        assert_eq!(text, format!("{number} {phrase}"));
        assert_eq!(text.parse::<SipCode>(), Ok(*code));
        assert_eq!(number.to_string().parse::<SipCode>(), Ok(*code));
        assert_eq!(text.to_ascii_lowercase().parse::<SipCode>(), Ok(*code));
    }
}

#[test]
fn the_fixed_variant_names_exist() {
    let named = [
        (SipCode::Trying, 100),
        (SipCode::Ringing, 180),
        (SipCode::Ok, 200),
        (SipCode::NotFound, 404),
        (SipCode::MethodNotAllowed, 405),
        (SipCode::NotAcceptable, 406),
        (SipCode::RequestUriTooLong, 414),
        (SipCode::CallTransactionDoesNotExist, 481),
        (SipCode::BusyHere, 486),
        (SipCode::RequestTerminated, 487),
        (SipCode::ServiceUnavailable, 503),
        (SipCode::ServerTimeOut, 504),
        (SipCode::Decline, 603),
        (SipCode::NotAcceptableAnywhere, 606),
    ];
    for (code, number) in named {
        assert_eq!(code.as_u16(), number);
    }
}

#[test]
fn predicates_follow_the_first_digit() {
    for code in SipCode::ALL {
        let digit = code.as_u16() / 100;
        assert_eq!(code.class().digit(), digit as u8);
        assert_eq!(code.is_provisional(), digit == 1);
        assert_eq!(code.is_final(), digit != 1);
        assert_eq!(code.is_success(), digit == 2);
        assert_eq!(code.is_redirection(), digit == 3);
        assert_eq!(code.is_request_failure(), digit == 4);
        assert_eq!(code.is_server_failure(), digit == 5);
        assert_eq!(code.is_global_failure(), digit == 6);
        assert_eq!(code.class(), Class::ALL[usize::from(digit) - 1]);
    }
}

#[test]
fn only_202_is_deprecated() {
    let deprecated: Vec<SipCode> = SipCode::ALL
        .into_iter()
        .filter(|code| code.is_deprecated())
        .collect();
    assert_eq!(deprecated, [SipCode::Accepted]);
    assert!(
        SipCode::Accepted
            .deprecation()
            .is_some_and(|note| note.contains("RFC 6665"))
    );
}

#[test]
fn every_entry_is_documented_and_cited() {
    for code in SipCode::ALL {
        assert!(ReasonPhrase::new(code.reason_phrase()).is_ok(), "{code}");
        assert!(
            code.description().len() > 40,
            "{code} needs a real description"
        );
        let references = code.references();
        assert!(!references.is_empty(), "{code}");
        for reference in references
            .iter()
            .copied()
            .chain(code.constraints().iter().map(|c| c.reference()))
        {
            let url = reference.url();
            let expected = format!("https://www.rfc-editor.org/rfc/rfc{}.html", reference.rfc());
            match reference.section() {
                Some(section) => assert_eq!(url, format!("{expected}#section-{section}")),
                None => assert_eq!(url, expected),
            }
        }
        for constraint in code.constraints() {
            assert!(!constraint.rule().is_empty(), "{code}");
        }
    }
}

#[test]
fn codes_are_small_and_copy() {
    assert_eq!(size_of::<SipCode>(), 2);
    assert_eq!(size_of::<Option<SipCode>>(), 2);
    assert_eq!(size_of::<sipcodes::StatusCode>(), 2);
    assert_eq!(size_of::<Option<sipcodes::StatusCode>>(), 2);
}
