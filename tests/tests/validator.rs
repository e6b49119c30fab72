//! Responses checked against the registry's MUST rules.

use sipcodes::{Level, Problem, Response, SipCode, StatusCode, Subject, header};

/// The mandatory violations of a response, as (header, level) pairs.
fn broken(response: Response<'_>) -> Vec<(Option<&'static str>, Level)> {
    response
        .violations()
        .filter(|v| v.is_mandatory())
        .map(|v| (v.header(), v.level()))
        .collect()
}

#[test]
fn the_rfc_3261_must_headers_are_enforced() {
    let cases = [
        (SipCode::MethodNotAllowed, "Allow"),
        (SipCode::Unauthorized, "WWW-Authenticate"),
        (SipCode::ProxyAuthenticationRequired, "Proxy-Authenticate"),
        (SipCode::BadExtension, "Unsupported"),
        (SipCode::ExtensionRequired, "Require"),
        (SipCode::SessionIntervalTooSmall, "Min-SE"),
        (SipCode::SecurityAgreementRequired, "Security-Server"),
        (SipCode::UseProxy, "Contact"),
    ];
    for (code, required) in cases {
        let bare = Response::new(code).headers(&["Via", "From", "To", "Call-ID", "CSeq"]);
        assert_eq!(broken(bare), [(Some(required), Level::Must)], "{code}");
        let lowercase = required.to_ascii_lowercase();
        let headers = ["Via", lowercase.as_str()];
        assert!(
            Response::new(code).headers(&headers).is_valid(),
            "{code} with {required}"
        );
    }
}

#[test]
fn method_specific_rules_apply_to_their_method_only() {
    let register = Response::new(SipCode::IntervalTooBrief).method("REGISTER");
    assert_eq!(broken(register), [(Some("Min-Expires"), Level::Must)]);
    assert!(register.headers(&["Min-Expires"]).is_valid());
    let publish = Response::new(SipCode::IntervalTooBrief).method("PUBLISH");
    assert_eq!(broken(publish), [(Some("Min-Expires"), Level::Must)]);
    assert!(
        Response::new(SipCode::IntervalTooBrief)
            .method("MESSAGE")
            .is_valid()
    );
}

#[test]
fn any_of_several_headers_satisfies_a_rule() {
    assert!(!Response::new(SipCode::UnsupportedMediaType).is_valid());
    for header in ["Accept", "Accept-Encoding", "accept-language"] {
        assert!(
            Response::new(SipCode::UnsupportedMediaType)
                .headers(&[header])
                .is_valid(),
            "{header}"
        );
    }
}

#[test]
fn compact_forms_count() {
    assert!(Response::new(SipCode::UseProxy).headers(&["m"]).is_valid());
    assert!(header::same("k", "Supported"));
    assert!(header::same("i", "call-id"));
    assert!(header::same("V", "Via"));
    assert!(!header::same("m", "Max-Forwards"));
}

#[test]
fn should_rules_are_reported_apart_from_must_rules() {
    let response = Response::new(SipCode::MultipleChoices);
    assert!(response.is_valid());
    let advice: Vec<_> = response
        .violations()
        .filter(|v| !v.is_mandatory())
        .collect();
    assert!(
        advice
            .iter()
            .any(|v| v.header() == Some("Contact") && v.level() == Level::Should)
    );
}

#[test]
fn unregistered_codes_have_no_rules() {
    assert_eq!(
        Response::new(StatusCode::new(499).unwrap())
            .violations()
            .count(),
        0
    );
}

/// Every unconditional MUST header rule in the registry is checked, whatever
/// code it belongs to: the validator needs no change when the registry grows.
#[test]
fn every_unconditional_must_header_rule_is_checked() {
    let mut checked = 0;
    for code in SipCode::ALL {
        for constraint in code.constraints() {
            let (Subject::Header(names), Level::Must, None) = (
                constraint.subject(),
                constraint.level(),
                constraint.condition(),
            ) else {
                continue;
            };
            let method = constraint.methods().first().copied().unwrap_or("OPTIONS");
            let without = Response::new(code).method(method);
            assert!(
                without
                    .violations()
                    .any(|v| v.constraint() == constraint && v.problem() == Problem::MissingHeader),
                "{code}: {constraint}"
            );
            let with = without.headers(names);
            assert!(
                !with.violations().any(|v| v.constraint() == constraint),
                "{code}: {constraint}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 9, "only {checked} rules");
}

#[test]
fn violations_say_what_is_wrong() {
    let violation = Response::new(SipCode::Unauthorized)
        .violations()
        .next()
        .unwrap();
    assert_eq!(
        violation.to_string(),
        "401 Unauthorized MUST carry WWW-Authenticate (RFC 3261 §22.2)"
    );
    assert_eq!(violation.code(), SipCode::Unauthorized);
}
