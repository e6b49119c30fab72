//! Responses checked against the registry's rules, knowing what is known of the
//! request.

use sipcodes::check::{Check, Problem};
use sipcodes::rules::{Context, GeneralRule, Kind, Level, Names, Role};
use sipcodes::{SipCode, StatusCode, header};

/// The header fields every response carries (RFC 3261 §8.2.6.2).
const BASE: [&str; 5] = ["Via", "From", "To", "Call-ID", "CSeq"];

/// No names: a request without such header fields or option tags.
const NONE: [&str; 0] = [];

/// `BASE` and more.
fn with(more: &[&'static str]) -> Vec<&'static str> {
    BASE.iter().chain(more).copied().collect()
}

/// The mandatory violations of a response, as (header, problem) pairs.
fn broken(
    response: Check<'_, impl Names, impl Names, impl Names, impl Names>,
) -> Vec<(Option<&'static str>, Problem)> {
    response
        .violations()
        .filter(|v| v.is_mandatory())
        .map(|v| (v.header(), v.problem()))
        .collect()
}

#[test]
fn every_response_carries_the_five_header_fields() {
    for status in [
        StatusCode::OK,
        StatusCode::BUSY_HERE,
        StatusCode::new(499).unwrap(),
    ] {
        let bare = Check::new(status);
        let missing: Vec<_> = broken(bare).into_iter().map(|(name, _)| name).collect();
        for name in BASE {
            assert!(missing.contains(&Some(name)), "{status} without {name}");
        }
        // Compact forms count.
        assert!(
            broken(bare.headers(["v", "f", "t", "i", "CSeq"])).is_empty(),
            "{status}"
        );
    }
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
    ];
    for (code, required) in cases {
        let bare = Check::new(code).headers(BASE);
        assert_eq!(
            broken(bare),
            [(Some(required), Problem::MissingHeader)],
            "{code}"
        );
        let lowercase = required.to_ascii_lowercase();
        let headers: Vec<&str> = BASE.iter().copied().chain([lowercase.as_str()]).collect();
        assert!(
            Check::new(code).headers(&headers).is_valid(),
            "{code} with {required}"
        );
    }
}

#[test]
fn method_rules_apply_to_their_method_only() {
    let register = Check::new(SipCode::IntervalTooBrief)
        .headers(BASE)
        .context(Context::new().method("REGISTER"));
    assert_eq!(
        broken(register),
        [(Some("Min-Expires"), Problem::MissingHeader)]
    );
    assert!(register.headers(with(&["Min-Expires"])).is_valid());
    let message = Check::new(SipCode::IntervalTooBrief)
        .headers(BASE)
        .context(Context::new().method("MESSAGE"));
    assert!(message.is_valid());
}

#[test]
fn a_rule_for_a_method_is_undecided_without_the_method() {
    let response = Check::new(SipCode::IntervalTooBrief).headers(BASE);
    assert!(response.is_valid());
    assert!(
        response
            .undecided()
            .any(|rule| rule.kind() == Kind::Header(&["Min-Expires"]))
    );
    assert!(
        !response
            .context(Context::new().method("REGISTER"))
            .undecided()
            .any(|rule| rule.kind() == Kind::Header(&["Min-Expires"]))
    );
}

#[test]
fn a_class_rule_by_method_contact_in_every_2xx_to_invite() {
    let invite = Context::new().method("INVITE");
    let ok = Check::new(SipCode::Ok).headers(BASE).context(invite);
    assert!(broken(ok).contains(&(Some("Contact"), Problem::MissingHeader)));
    let accepted = Check::new(StatusCode::new(299).unwrap())
        .headers(BASE)
        .context(invite);
    assert!(broken(accepted).contains(&(Some("Contact"), Problem::MissingHeader)));
    let with_contact = Check::new(SipCode::Ok)
        .headers(with(&["m"]))
        .context(invite);
    assert!(!broken(with_contact).contains(&(Some("Contact"), Problem::MissingHeader)));
    let options = Check::new(SipCode::Ok)
        .headers(BASE)
        .context(Context::new().method("OPTIONS"));
    assert!(!broken(options).contains(&(Some("Contact"), Problem::MissingHeader)));
}

#[test]
fn a_forbidden_header_no_record_route_to_register() {
    let response = Check::new(SipCode::Ok).context(Context::new().method("REGISTER"));
    assert!(
        broken(response.headers(with(&["Record-Route"])))
            .contains(&(Some("Record-Route"), Problem::ForbiddenHeader))
    );
    assert!(broken(response.headers(BASE)).is_empty());
}

#[test]
fn a_forbidden_body_no_body_in_a_2xx_to_message() {
    let response = Check::new(SipCode::Ok)
        .headers(BASE)
        .context(Context::new().method("MESSAGE"));
    assert_eq!(
        broken(response.body(true).headers(with(&["Content-Type"]))),
        [(None, Problem::ForbiddenBody)]
    );
    assert!(response.body(false).is_valid());
}

/// RFC 3261 §7.4.1: "The Internet media type of the message body MUST be
/// given by the Content-Type header field." … "otherwise, Content-Encoding
/// MUST be omitted."
#[test]
fn a_body_names_its_type_and_no_body_no_coding() {
    let invite = Context::new().method("INVITE");
    let ringing = |headers: Vec<&'static str>, body| {
        Check::new(SipCode::SessionProgress)
            .headers(headers)
            .body(body)
            .context(invite)
    };
    let about = |check: Check<'_, Vec<&'static str>, _, _, _>| -> Vec<String> {
        check
            .violations()
            .filter(|v| v.constraint().reference().to_string() == "RFC 3261 §7.4.1")
            .map(|v| v.to_string())
            .collect()
    };
    assert_eq!(
        about(ringing(with(&["Contact"]), true)),
        ["183 Session Progress MUST carry Content-Type (RFC 3261 §7.4.1)"]
    );
    assert!(about(ringing(with(&["Contact", "Content-Type"]), true)).is_empty());
    assert!(about(ringing(with(&["Contact", "c"]), true)).is_empty());
    assert!(about(ringing(with(&["Contact"]), false)).is_empty());
    assert_eq!(
        about(ringing(with(&["Contact", "Content-Encoding"]), false)),
        ["183 Session Progress MUST NOT carry Content-Encoding (RFC 3261 §7.4.1)"]
    );
    assert!(about(ringing(with(&["Contact", "Content-Type", "e"]), true)).is_empty());
    // Every code, registered or not.
    for code in [100, 200, 302, 486, 499, 503, 699] {
        let status = StatusCode::new(code).unwrap();
        assert!(
            Check::new(status)
                .body(true)
                .violations()
                .any(|v| v.header() == Some("Content-Type")),
            "{code}"
        );
    }
}

#[test]
fn a_required_body_is_checked() {
    // 493 should carry the S/MIME body it could not decipher's answer type.
    let response = Check::new(SipCode::Undecipherable).headers(BASE);
    assert!(
        response
            .violations()
            .any(|v| v.problem() == Problem::MissingBody && v.level() == Level::Should)
    );
    assert!(
        !response
            .body(true)
            .violations()
            .any(|v| v.problem() == Problem::MissingBody)
    );
}

#[test]
fn codes_that_answer_only_some_methods() {
    // RFC 4320: no 408 to a non-INVITE request.
    let timeout = Check::new(SipCode::RequestTimeout).headers(BASE);
    assert_eq!(
        broken(timeout.context(Context::new().method("OPTIONS"))),
        [(None, Problem::UnexpectedMethod)]
    );
    assert!(timeout.context(Context::new().method("INVITE")).is_valid());
    let violation = timeout
        .context(Context::new().method("BYE"))
        .violations()
        .next()
        .unwrap();
    assert_eq!(
        violation.to_string(),
        "408 Request Timeout MUST answer only INVITE (RFC 4320 §4.2)"
    );
    // RFC 4320: no provisional response but 100 to a non-INVITE request.
    let ringing = Check::new(SipCode::Ringing).headers(with(&["Contact"]));
    assert_eq!(
        broken(ringing.context(Context::new().method("OPTIONS"))),
        [(None, Problem::UnexpectedMethod)]
    );
    assert!(
        broken(
            Check::new(SipCode::Trying)
                .headers(BASE)
                .context(Context::new().method("OPTIONS"))
        )
        .is_empty()
    );
    let unregistered = Check::new(StatusCode::new(150).unwrap()).headers(BASE);
    assert_eq!(
        broken(unregistered.context(Context::new().method("MESSAGE"))),
        [(None, Problem::UnexpectedMethod)]
    );
}

#[test]
fn codes_that_never_answer_some_methods() {
    // RFC 3261 §22.1: a CANCEL or an ACK is never challenged.
    let challenge = Check::new(SipCode::Unauthorized).headers(with(&["WWW-Authenticate"]));
    assert_eq!(
        broken(challenge.clone().context(Context::new().method("CANCEL"))),
        [(None, Problem::UnexpectedMethod)]
    );
    assert!(
        challenge
            .clone()
            .context(Context::new().method("INVITE"))
            .is_valid()
    );
    let violation = challenge
        .context(Context::new().method("ACK"))
        .violations()
        .next()
        .unwrap();
    assert!(
        violation
            .to_string()
            .contains("MUST answer any method but ACK, CANCEL")
    );
}

#[test]
fn which_methods_a_code_answers_is_undecided_without_the_method() {
    let answers = |response: &Check<'_>| {
        response
            .undecided()
            .filter(|rule| rule.kind() == Kind::Answers)
            .count()
    };
    let timeout = Check::new(SipCode::RequestTimeout);
    assert_eq!(answers(&timeout), 1);
    assert_eq!(
        answers(&timeout.context(Context::new().method("INVITE"))),
        0
    );
    // 204 answers only a SUBSCRIBE inside a dialog (RFC 5839 §7.1): with the
    // method known, the dialog still has to be.
    let no_notification = Check::new(SipCode::NoNotification);
    let subscribe = Context::new().method("SUBSCRIBE");
    assert_eq!(answers(&no_notification.context(subscribe)), 1);
    assert_eq!(
        answers(&no_notification.context(subscribe.in_dialog(true))),
        0
    );
    let wrong_request = |response: Check<'_>| -> Vec<String> {
        response
            .violations()
            .filter(|v| v.problem() == Problem::UnexpectedMethod)
            .map(|v| v.to_string())
            .collect()
    };
    assert_eq!(
        wrong_request(no_notification.context(subscribe.in_dialog(false))),
        // "It is valid only in response to a SUBSCRIBE message sent within an
        // established dialog": no keyword, so a description.
        [
            "204 No Notification must answer only SUBSCRIBE inside a dialog (RFC 5839 §7.1; no RFC 2119 keyword)"
        ]
    );
    assert_eq!(
        wrong_request(no_notification.context(Context::new().method("NOTIFY"))).len(),
        1
    );
    assert!(wrong_request(no_notification.context(subscribe.in_dialog(true))).is_empty());
}

#[test]
fn no_202_answers_a_subscribe_notify_or_refer() {
    // RFC 6665 §8.3.1 and RFC 7647 §5; a MESSAGE relay still sends 202.
    let accepted = Check::new(StatusCode::ACCEPTED)
        .headers(["Via", "From", "To", "Call-ID", "CSeq", "Expires"]);
    for method in ["SUBSCRIBE", "NOTIFY", "REFER"] {
        assert_eq!(
            broken(accepted.context(Context::new().method(method))),
            [(None, Problem::UnexpectedMethod)],
            "{method}"
        );
    }
    assert!(
        accepted
            .context(Context::new().method("MESSAGE"))
            .is_valid()
    );
    assert_eq!(
        accepted
            .context(Context::new().method("REFER"))
            .violations()
            .next()
            .unwrap()
            .to_string(),
        "202 Accepted MUST answer any method but REFER (RFC 7647 §5)"
    );
}

#[test]
fn request_header_conditions_timestamp_in_100() {
    let invite = Context::new().method("INVITE");
    let trying = Check::new(SipCode::Trying).headers(BASE).context(invite);
    assert!(trying.context(invite.request_headers(NONE)).is_valid());
    let echo = trying.context(invite.request_headers(["timestamp"]));
    assert_eq!(broken(echo), [(Some("Timestamp"), Problem::MissingHeader)]);
    assert!(
        trying
            .headers(with(&["Timestamp"]))
            .context(invite.request_headers(["Timestamp"]))
            .is_valid()
    );
    // Unknown request header fields: the rule is undecided, not broken.
    assert!(
        trying
            .undecided()
            .any(|rule| rule.kind() == Kind::Header(&["Timestamp"]))
    );
}

#[test]
fn option_tag_conditions_require_100rel() {
    let invite = Context::new().method("INVITE").in_dialog(false);
    let ringing = Check::new(SipCode::Ringing)
        .headers(with(&["Contact"]))
        .context(invite);
    let reliable = ringing.clone().context(invite.require(["100rel"]));
    let missing: Vec<_> = broken(reliable).into_iter().map(|(name, _)| name).collect();
    assert!(missing.contains(&Some("RSeq")) && missing.contains(&Some("Require")));
    assert!(broken(ringing.clone().context(invite.require(NONE))).is_empty());
    assert!(
        broken(
            ringing
                .headers(with(&["Contact", "RSeq", "Require"]))
                .context(invite.require(["100rel"]))
        )
        .is_empty()
    );
}

#[test]
fn dialog_conditions_contact_in_an_early_dialog() {
    let invite = Context::new().method("INVITE");
    let ringing = Check::new(SipCode::Ringing).headers(BASE).context(invite);
    let outside = ringing.context(invite.in_dialog(false));
    assert!(broken(outside).contains(&(Some("Contact"), Problem::MissingHeader)));
    let inside = ringing.context(invite.in_dialog(true));
    assert!(!broken(inside).contains(&(Some("Contact"), Problem::MissingHeader)));
    assert!(
        ringing
            .undecided()
            .any(|rule| rule.kind() == Kind::Header(&["Contact"]))
    );
}

/// The SHOULD and SHOULD NOT violations about `name`, as (level, problem) pairs.
fn advice(
    response: &Check<'_, impl Names, impl Names, impl Names, impl Names>,
    name: &str,
) -> Vec<(Level, Problem)> {
    about(response, name)
        .into_iter()
        .filter(|(level, _)| !level.is_mandatory())
        .collect()
}

/// Every violation about the header field `name`, as (level, problem) pairs.
fn about(
    response: &Check<'_, impl Names, impl Names, impl Names, impl Names>,
    name: &str,
) -> Vec<(Level, Problem)> {
    response
        .violations()
        .filter(|v| v.header() == Some(name))
        .map(|v| (v.level(), v.problem()))
        .collect()
}

#[test]
fn sender_conditions_allow_in_a_200_to_options() {
    let options = Context::new().method("OPTIONS");
    let by = |roles| options.roles(roles).generates(true);
    let without = Check::new(SipCode::Ok).headers(BASE).context(options);
    let with_allow = Check::new(SipCode::Ok)
        .headers(["Via", "From", "To", "Call-ID", "CSeq", "Allow"])
        .context(options);
    // RFC 3261 §11.2: a UAS lists its methods; a proxy, being method agnostic, does not.
    assert_eq!(
        advice(&without.context(by(&[Role::Uas])), "Allow"),
        [(Level::Should, Problem::MissingHeader)]
    );
    assert_eq!(advice(&with_allow.context(by(&[Role::Uas])), "Allow"), []);
    assert_eq!(
        advice(&with_allow.context(by(&[Role::Registrar])), "Allow"),
        []
    );
    assert_eq!(
        advice(&with_allow.context(by(&[Role::Proxy])), "Allow"),
        [(Level::ShouldNot, Problem::ForbiddenHeader)]
    );
    assert_eq!(advice(&without.context(by(&[Role::Proxy])), "Allow"), []);
    // Not knowing who generated it, neither rule is decided.
    assert_eq!(advice(&with_allow, "Allow"), []);
    let undecided: Vec<Level> = with_allow
        .undecided()
        .filter(|rule| rule.kind() == Kind::Header(&["Allow"]))
        .map(|rule| rule.level())
        .collect();
    assert_eq!(undecided, [Level::Should, Level::ShouldNot]);
}

#[test]
fn sender_conditions_contact_in_a_proxy_199() {
    let invite = Context::new().method("INVITE").in_dialog(false);
    let by = |roles| invite.roles(roles).generates(true);
    let terminated = Check::new(SipCode::EarlyDialogTerminated)
        .headers(["Via", "From", "To", "Call-ID", "CSeq", "Contact", "Reason"])
        .context(invite);
    // RFC 6228 §6: a forking proxy's own 199 leaves Contact and Record-Route out.
    assert_eq!(
        advice(&terminated.context(by(&[Role::Proxy])), "Contact"),
        [(Level::ShouldNot, Problem::ForbiddenHeader)]
    );
    assert_eq!(advice(&terminated.context(by(&[Role::Uas])), "Contact"), []);
    // Without Contact, the proxy's 199 breaks nothing: its own rule overrides the
    // Contact every other provisional response to an initial INVITE carries.
    let without = Check::new(SipCode::EarlyDialogTerminated)
        .headers(["Via", "From", "To", "Call-ID", "CSeq", "Reason"])
        .context(invite);
    assert_eq!(about(&without.context(by(&[Role::Proxy])), "Contact"), []);
    assert_eq!(
        about(&without.context(by(&[Role::Uas])), "Contact"),
        [(Level::Must, Problem::MissingHeader)]
    );
    // Not knowing who generated it, the class rule is undecided too.
    assert_eq!(about(&without, "Contact"), []);
    assert!(
        without.undecided().any(|rule| {
            rule.kind() == Kind::Header(&["Contact"]) && rule.level() == Level::Must
        })
    );
}

#[test]
fn sender_conditions_allow_events_from_a_notifier() {
    let invite = Context::new().method("INVITE");
    let by = |roles| invite.roles(roles).generates(true);
    let busy = Check::new(SipCode::BusyHere).headers(BASE).context(invite);
    let missing = [(Level::Should, Problem::MissingHeader)];
    // RFC 6665 §4.4.4: a UA that can act as a notifier lists its event packages;
    // the element plays both roles.
    let notifier = busy.context(by(&[Role::Uas, Role::Notifier]));
    assert_eq!(advice(&notifier, "Allow-Events"), missing);
    assert_eq!(advice(&busy.context(by(&[Role::Uas])), "Allow-Events"), []);
    let subscribe = Context::new().method("SUBSCRIBE");
    let ok = Check::new(SipCode::Ok).headers([
        "Via",
        "From",
        "To",
        "Call-ID",
        "CSeq",
        "Contact",
        "Expires",
        "Allow-Events",
    ]);
    let notifier = subscribe
        .roles(&[Role::Uas, Role::Notifier])
        .generates(true);
    assert_eq!(advice(&ok.context(notifier), "Allow-Events"), []);
}

#[test]
fn sender_conditions_contact_in_a_redirect() {
    let invite = Context::new().method("INVITE");
    let moved = Check::new(SipCode::MovedTemporarily)
        .headers(BASE)
        .context(invite);
    let by = |roles| invite.roles(roles).generates(true);
    // RFC 3261 §13.3.1.2: the UAS redirecting an INVITE names where to go.
    let missing = [(Level::Should, Problem::MissingHeader)];
    assert_eq!(
        advice(&moved.context(by(&[Role::RedirectServer])), "Contact"),
        missing
    );
    assert_eq!(advice(&moved.context(by(&[Role::Uas])), "Contact"), missing);
    assert_eq!(advice(&moved.context(by(&[Role::Proxy])), "Contact"), []);
    // RFC 3261 §16.5: a proxy that cannot build a target set names alternatives.
    let ambiguous = Check::new(SipCode::Ambiguous).headers(BASE);
    let by = |roles| Context::new().roles(roles).generates(true);
    assert_eq!(
        advice(&ambiguous.context(by(&[Role::Proxy])), "Contact"),
        missing
    );
    assert_eq!(advice(&ambiguous.context(by(&[Role::Uas])), "Contact"), []);
}

#[test]
fn negated_option_tag_conditions_no_reliable_1xx_without_100rel() {
    let invite = Context::new().method("INVITE").in_dialog(false);
    let ringing = Check::new(SipCode::Ringing).headers([
        "Via", "From", "To", "Call-ID", "CSeq", "Contact", "Require", "RSeq",
    ]);
    let reliable = (Some("RSeq"), Problem::ForbiddenHeader);
    // RFC 3262 §3: reliable only if the request announced or required 100rel.
    let neither = ringing.context(invite.require(NONE).supported(["timer"]));
    assert_eq!(broken(neither), [reliable]);
    let supported = ringing.context(invite.require(NONE).supported(["100rel"]));
    assert_eq!(broken(supported), []);
    let required = ringing.context(invite.require(["100rel"]).supported(NONE));
    assert_eq!(broken(required), []);
    // Knowing only Require, the rule is not decided.
    let half = ringing.context(invite.require(NONE));
    assert_eq!(broken(half), []);
    assert!(
        half.undecided()
            .any(|rule| rule.scope().request_not_supports() == Some("100rel"))
    );
}

#[test]
fn negated_option_tag_conditions_a_uas_199_goes_unreliably() {
    let uas = Context::new()
        .method("INVITE")
        .in_dialog(false)
        .roles(&[Role::Uas])
        .generates(true);
    let terminated = Check::new(SipCode::EarlyDialogTerminated)
        .headers(["Via", "From", "To", "Call-ID", "CSeq", "Reason", "RSeq"]);
    let supported = uas.supported(["100rel"]);
    // RFC 6228 §5: unreliably, unless Require carried 100rel.
    assert_eq!(
        advice(&terminated.context(supported.require(NONE)), "RSeq"),
        [(Level::ShouldNot, Problem::ForbiddenHeader)]
    );
    let required = supported.require(["100rel"]);
    assert_eq!(advice(&terminated.context(required), "RSeq"), []);
    // Without 100rel announced at all, RFC 3262 §3 forbids RSeq outright: the
    // 199's own SHOULD NOT agrees with that MUST NOT, so both stand.
    let unannounced = terminated.context(uas.supported(NONE).require(NONE));
    let levels: Vec<Level> = about(&unannounced, "RSeq")
        .into_iter()
        .map(|(level, _)| level)
        .collect();
    assert_eq!(levels, [Level::ShouldNot, Level::MustNot]);
}

#[test]
fn prose_conditions_are_undecided() {
    let response = Check::new(SipCode::Ok)
        .headers(with(&["Contact"]))
        .context(Context::new().method("INVITE"));
    let prose: Vec<_> = response
        .undecided()
        .filter(|rule| rule.scope().condition().is_some())
        .collect();
    assert!(!prose.is_empty());
    assert!(
        prose
            .iter()
            .all(|rule| !response.violations().any(|v| v.constraint() == *rule))
    );
}

#[test]
fn should_rules_are_reported_apart_from_must_rules() {
    let response = Check::new(SipCode::Ok)
        .headers(with(&["Contact"]))
        .context(Context::new().method("INVITE"));
    assert!(response.is_valid());
    let advice: Vec<_> = response
        .violations()
        .filter(|v| !v.is_mandatory())
        .collect();
    assert!(
        advice
            .iter()
            .any(|v| v.header() == Some("Allow") && v.level() == Level::Should)
    );
}

#[test]
fn headers_take_any_iterable_of_names() {
    let owned: Vec<String> = with(&["Allow"]).into_iter().map(String::from).collect();
    let response = Check::new(SipCode::MethodNotAllowed);
    assert!(response.headers(&owned).is_valid());
    assert!(
        response
            .headers(owned.iter().map(String::as_str))
            .is_valid()
    );
    let map: std::collections::BTreeMap<&str, &str> = with(&["Allow"])
        .into_iter()
        .map(|name| (name, ""))
        .collect();
    assert!(response.headers(map.keys()).is_valid());
}

/// Every unconditional MUST header rule, a code's own or a class's, is checked
/// for each code it covers: the validator needs no change when the registry grows.
#[test]
fn every_unconditional_must_header_rule_is_checked() {
    let mut checked = 0;
    for code in SipCode::ALL {
        for constraint in code.rules() {
            let (Kind::Header(names), Level::Must) = (constraint.kind(), constraint.level()) else {
                continue;
            };
            let scope = constraint.scope();
            if scope.condition().is_some()
                || scope.request_has().is_some()
                || scope.request_requires().is_some()
                || scope.request_supports().is_some()
                || scope.in_dialog().is_some()
                || scope.has_body().is_some()
                || !scope.except_methods().is_empty()
            {
                continue;
            }
            let method = scope.methods().first().copied().unwrap_or("INVITE");
            let without = Check::new(code).context(Context::new().method(method));
            if without
                .violations()
                .any(|v| v.problem() == Problem::UnexpectedMethod)
            {
                continue;
            }
            assert!(
                without
                    .violations()
                    .any(|v| v.constraint() == constraint && v.problem() == Problem::MissingHeader),
                "{code}: {constraint}"
            );
            assert!(
                !without
                    .headers(names)
                    .violations()
                    .any(|v| v.constraint() == constraint),
                "{code}: {constraint}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 300, "only {checked} rules");
}

#[test]
fn general_rules_cover_their_codes() {
    let via = GeneralRule::all()
        .iter()
        .find(|rule| rule.constraint().kind() == Kind::Header(&["Via"]))
        .unwrap();
    assert!(via.covers(StatusCode::new(699).unwrap()));
    let ringing_only_invite = GeneralRule::all()
        .iter()
        .find(|rule| rule.constraint().kind() == Kind::Answers)
        .unwrap();
    assert!(ringing_only_invite.covers(StatusCode::RINGING));
    assert!(!ringing_only_invite.covers(StatusCode::TRYING));
    assert!(!ringing_only_invite.covers(StatusCode::OK));
}

#[test]
fn violations_say_what_is_wrong() {
    let violation = Check::new(SipCode::Unauthorized)
        .headers(BASE)
        .violations()
        .next()
        .unwrap();
    assert_eq!(
        violation.to_string(),
        "401 Unauthorized MUST carry WWW-Authenticate (RFC 3261 §22.2)"
    );
    assert_eq!(violation.status(), StatusCode::UNAUTHORIZED);
    assert!(header::same(
        violation.header().unwrap(),
        "www-authenticate"
    ));
}

/// Who may generate a code is checked when the context says which element
/// generated the response (RFC 3261 §21.3.4, §22.1, §10.3; RFC 6228 §5); a
/// response the element only forwards is not its own.
#[test]
fn sender_rules_are_checked_when_the_generator_is_known() {
    let by = |roles| Context::new().method("INVITE").roles(roles).generates(true);
    let headers = with(&["WWW-Authenticate"]);
    let challenge = Check::new(SipCode::Unauthorized).headers(&headers);
    let own = challenge.context(by(&[Role::Proxy]));
    let violation = own
        .violations()
        .find(|v| v.problem() == Problem::UnexpectedSender)
        .expect("a proxy never generates 401");
    assert_eq!(
        violation.to_string(),
        "401 Unauthorized MUST NOT be generated by proxy (RFC 3261 §22.1)"
    );
    assert!(!own.is_valid());
    assert!(challenge.context(by(&[Role::Uas])).is_valid());
    let forwarded = Context::new()
        .method("INVITE")
        .roles(&[Role::Proxy])
        .generates(false);
    assert!(challenge.context(forwarded).is_valid());
    // Not knowing who generated it, the rule is undecided.
    let unknown = challenge.context(Context::new().method("INVITE"));
    assert!(unknown.is_valid());
    assert!(
        unknown
            .undecided()
            .any(|rule| matches!(rule.kind(), Kind::Sender(roles) if roles == [Role::Proxy]))
    );

    // Only a UAS sends 305.
    let contact = with(&["Contact"]);
    let use_proxy = Check::new(SipCode::UseProxy).headers(&contact);
    let by_proxy = use_proxy.context(by(&[Role::Proxy]));
    assert_eq!(broken(by_proxy), [(None, Problem::UnexpectedSender)]);
    assert_eq!(
        by_proxy.violations().next().unwrap().to_string(),
        "305 Use Proxy MUST be generated only by uas (RFC 3261 §21.3.4)"
    );
    assert!(use_proxy.context(by(&[Role::Uas])).is_valid());

    // A registrar never generates a 6xx (a [[rule]] over the class).
    let decline = Check::new(SipCode::Decline).headers(BASE);
    let register = |roles| {
        Context::new()
            .method("REGISTER")
            .roles(roles)
            .generates(true)
    };
    assert_eq!(
        broken(decline.context(register(&[Role::Registrar]))),
        [(None, Problem::UnexpectedSender)]
    );
    assert!(broken(decline.context(register(&[Role::Uas]))).is_empty());

    // A UAS sends no 199 unless the request's Supported had '199'.
    let terminated = Check::new(SipCode::EarlyDialogTerminated)
        .headers(["Via", "From", "To", "Call-ID", "CSeq", "Reason"]);
    let invite = Context::new()
        .method("INVITE")
        .in_dialog(false)
        .roles(&[Role::Uas])
        .generates(true)
        .require(NONE);
    assert!(
        broken(terminated.context(invite.supported(["100rel"])))
            .contains(&(None, Problem::UnexpectedSender))
    );
    assert!(
        !broken(terminated.context(invite.supported(["199"])))
            .contains(&(None, Problem::UnexpectedSender))
    );
}

/// RFC 4028 §5: "The Min-SE header field MUST NOT be used in responses except
/// for those with a 422 response code."
#[test]
fn min_se_is_confined_to_422() {
    let ok = Check::new(SipCode::Ok).headers(with(&["Min-SE"]));
    assert_eq!(broken(ok), [(Some("Min-SE"), Problem::ForbiddenHeader)]);
    let unregistered = Check::new(StatusCode::new(499).unwrap()).headers(with(&["Min-SE"]));
    assert_eq!(
        broken(unregistered),
        [(Some("Min-SE"), Problem::ForbiddenHeader)]
    );
    assert!(
        Check::new(SipCode::SessionIntervalTooSmall)
            .headers(with(&["Min-SE"]))
            .is_valid()
    );
    assert!(Check::new(SipCode::Ok).headers(BASE).is_valid());
}

/// RFC 6665 §8.2.1: Event "MUST NOT appear in responses"; §8.2.3:
/// Subscription-State header fields "MUST NOT appear in other SIP requests or
/// responses".
#[test]
fn event_and_subscription_state_stay_in_requests() {
    let subscribe = Context::new().method("SUBSCRIBE").in_dialog(false);
    for header in ["Event", "Subscription-State", "o"] {
        let echoed = Check::new(SipCode::Ok)
            .headers(with(&["Contact", "Expires", header]))
            .context(subscribe);
        let expected = match header {
            "o" => "Event",
            other => other,
        };
        assert_eq!(
            broken(echoed),
            [(Some(expected), Problem::ForbiddenHeader)],
            "{header}"
        );
    }
    let accepted = Check::new(SipCode::Ok)
        .headers(with(&["Contact", "Expires"]))
        .context(subscribe);
    assert!(accepted.is_valid());
    let refused = Check::new(StatusCode::new(489).unwrap()).headers(with(&["Event"]));
    assert_eq!(broken(refused), [(Some("Event"), Problem::ForbiddenHeader)]);
}

/// RFC 3261 §17.2.2: "Any other final responses passed by the TU to the
/// server transaction MUST be discarded while in the "Completed" state."
#[test]
fn a_second_final_response_to_a_non_invite_request_is_forbidden() {
    let second = |status: StatusCode, method| {
        let context = Context::new()
            .method(method)
            .request_headers(NONE)
            .after_final(true);
        Check::new(status).headers(BASE).context(context)
    };
    let late = second(StatusCode::SERVER_INTERNAL_ERROR, "MESSAGE");
    let violations: Vec<_> = late.violations().collect();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].problem(), Problem::ForbiddenResponse);
    assert_eq!(violations[0].level(), Level::MustNot);
    assert_eq!(
        violations[0].to_string(),
        "500 Server Internal Error MUST NOT be sent after another final response to the request (RFC 3261 §17.2.2)"
    );
    assert!(!late.is_valid());
    // Every final class, every method but INVITE.
    for status in [200, 302, 404, 503, 603] {
        let status = StatusCode::new(status).unwrap();
        assert!(
            !second(status, "BYE").is_valid(),
            "{status} after a final to BYE"
        );
    }
    // An INVITE server transaction passes further 2xx (RFC 6026 §8.7); the
    // first final response, and a provisional one, break nothing here.
    let forbidden = |check: Check<'_, _, _, _, _>| {
        check
            .violations()
            .any(|v| v.problem() == Problem::ForbiddenResponse)
    };
    assert!(!forbidden(second(StatusCode::OK, "INVITE")));
    assert!(!forbidden(second(StatusCode::BUSY_HERE, "INVITE")));
    let first = Check::new(StatusCode::SERVER_INTERNAL_ERROR)
        .headers(BASE)
        .context(Context::new().method("MESSAGE").after_final(false));
    assert!(first.violations().next().is_none());
    assert!(
        second(StatusCode::TRYING, "MESSAGE")
            .violations()
            .next()
            .is_none()
    );
    // Not knowing whether a final response went out leaves the rule undecided.
    let unknown = Check::new(StatusCode::SERVER_INTERNAL_ERROR)
        .headers(BASE)
        .context(Context::new().method("MESSAGE"));
    assert!(unknown.violations().next().is_none());
    assert!(
        unknown
            .undecided()
            .any(|rule| rule.reference().to_string() == "RFC 3261 §17.2.2")
    );
}
