//! Keyword discipline: a rule's level is the RFC 2119 keyword of its sentence;
//! a sentence without one, or an Informational RFC, gives a description, which
//! the validator reports but never counts as a MUST or a SHOULD, and which the
//! receivers still act on where no standards-track rule speaks.

use sipcodes::check::{Check, Problem};
use sipcodes::rules::{Basis, Context, DialogEffect, Kind, Level, Role};
use sipcodes::{SipCode, StatusCode};

const BASE: [&str; 5] = ["Via", "From", "To", "Call-ID", "CSeq"];

fn with(more: &[&'static str]) -> Vec<&'static str> {
    BASE.iter().chain(more).copied().collect()
}

/// The one rule of `code` (its own or over many codes) that `pick` selects.
fn rule(
    code: u16,
    pick: impl Fn(&sipcodes::rules::Constraint) -> bool,
) -> sipcodes::rules::Constraint {
    let status = StatusCode::new(code).unwrap();
    let mut found = status.rules().filter(|rule| pick(rule));
    let first = *found
        .next()
        .unwrap_or_else(|| panic!("no such rule for {code}"));
    assert!(found.next().is_none(), "more than one such rule for {code}");
    first
}

fn cites(rule: &sipcodes::rules::Constraint, reference: &str) -> bool {
    rule.reference().to_string() == reference
}

/// The twelve rules whose standards-track sentence has no keyword.
#[test]
fn sentences_without_a_keyword_are_statements() {
    let statements = [
        // "it should treat it as a 400 (Bad Request)": lower case.
        rule(430, |r| cites(r, "RFC 5626 §11.5")),
        // "this response code should only be sent when ...": lower case.
        rule(436, |r| {
            matches!(r.kind(), Kind::Send(_)) && r.level() == Level::ShouldNot
        }),
        // "This response is never returned for a CANCEL request itself."
        rule(487, |r| r.kind() == Kind::Answers),
        // "It is valid only in response to a SUBSCRIBE message sent within an
        // established dialog."
        rule(204, |r| r.kind() == Kind::Answers),
        // "The use of the SIP 555 response code is only defined for SIP
        // REGISTER responses."
        rule(555, |r| r.kind() == Kind::Answers),
        // "the notifier MAY return a 423 (Interval Too Brief) error that
        // contains a "Min-Expires" header field": the MAY is about the 423.
        rule(423, |r| {
            cites(r, "RFC 6665 §4.2.1.1") && matches!(r.kind(), Kind::Header(_))
        }),
        // "the original subscription is still considered valid".
        rule(403, |r| {
            cites(r, "RFC 6665 §4.1.2.2") && r.kind() == Kind::Dialog(DialogEffect::Transaction)
        }),
        // "any early dialogs ... are terminated."
        rule(486, |r| cites(r, "RFC 3261 §12.3")),
        // "4xx, 5xx and 6xx responses may contain a Contact header field".
        rule(486, |r| {
            cites(r, "RFC 3261 §13.2.2.3") && matches!(r.kind(), Kind::Header(_))
        }),
        // "The Contact field gives the URI of the proxy."
        rule(305, |r| r.kind() == Kind::Header(&["Contact"])),
        // "The header may not appear in other types of SIP messages": RFC 3329
        // defines its table's columns without keywords.
        rule(200, |r| r.kind() == Kind::Header(&["Security-Server"])),
        // "the request fails" (RFC 3261 §10.3 steps 6 and 7): the MUST is on
        // aborting the update, not on the response.
        rule(200, |r| {
            cites(r, "RFC 3261 §10.3") && matches!(r.kind(), Kind::Send(_))
        }),
    ];
    for statement in statements {
        assert_eq!(statement.basis(), Basis::Statement, "{statement}");
        assert!(
            statement.to_string().contains("no RFC 2119 keyword"),
            "{statement}"
        );
    }
}

/// Every rule taken from RFC 5057, which "makes no normative statements of any
/// kind", says so; none of them is a requirement.
#[test]
fn rules_from_rfc_5057_are_informational() {
    let mut count = 0;
    for code in SipCode::ALL {
        for rule in code.constraints() {
            let informational = rule.reference().rfc() == 5057;
            assert_eq!(
                rule.basis() == Basis::Informational,
                informational,
                "{code:?}: {rule}"
            );
            count += usize::from(informational);
        }
    }
    // 404, 405, 410, 416, 480, 481 (CANCEL), 482, 483, 484, 485, 486, 489,
    // 500, 501, 502, 600, 604 and 402; the three class rules are counted by
    // the next test.
    assert_eq!(count, 18);
    let class_rules = [400, 500, 600]
        .into_iter()
        .map(|code| {
            rule(code, |r| {
                r.reference().rfc() == 5057 && r.kind() == Kind::Dialog(DialogEffect::Transaction)
            })
        })
        .filter(|rule| rule.basis() == Basis::Informational)
        .count();
    assert_eq!(class_rules, 3);
}

/// RFC 3261 §12.2.1.2: "If the response for a request within a dialog is a
/// 481 (Call/Transaction Does Not Exist) or a 408 (Request Timeout), the UAC
/// SHOULD terminate the dialog." It replaces RFC 5057's "only the usage".
#[test]
fn a_481_or_408_inside_a_dialog_ends_the_dialog() {
    let inside = |method| Context::new().method(method).in_dialog(true);
    for status in [
        StatusCode::CALL_TRANSACTION_DOES_NOT_EXIST,
        StatusCode::REQUEST_TIMEOUT,
    ] {
        let rule = rule(status.as_u16(), |r| cites(r, "RFC 3261 §12.2.1.2"));
        assert_eq!(
            (rule.level(), rule.basis()),
            (Level::Should, Basis::Keyword)
        );
        assert_eq!(rule.kind(), Kind::Dialog(DialogEffect::Dialog));
        assert_eq!(status.dialog_effect(&inside("INFO")), DialogEffect::Dialog);
        assert_eq!(
            status.dialog_effect(&inside("UPDATE")),
            DialogEffect::Dialog
        );
        // Outside a dialog, and for a CANCEL, the rule does not hold.
        assert_eq!(
            status.dialog_effect(&Context::new().method("OPTIONS").in_dialog(false)),
            DialogEffect::Transaction
        );
    }
    assert_eq!(
        StatusCode::CALL_TRANSACTION_DOES_NOT_EXIST.dialog_effect(&inside("CANCEL")),
        DialogEffect::Transaction
    );
}

/// RFC 3261 §15: "If no SIP extensions have defined other application layer
/// states associated with the dialog, the BYE also terminates the dialog."
#[test]
fn a_2xx_to_bye_ends_the_invite_usage() {
    let bye = Context::new().method("BYE").in_dialog(true);
    assert_eq!(StatusCode::OK.dialog_effect(&bye), DialogEffect::Usage);
    assert_eq!(
        StatusCode::new(299).unwrap().dialog_effect(&bye),
        DialogEffect::Usage
    );
    let rule = rule(200, |r| {
        cites(r, "RFC 3261 §15") && matches!(r.kind(), Kind::Dialog(_))
    });
    assert_eq!(rule.basis(), Basis::Statement);
    // A 2xx to anything else ends nothing.
    for method in ["INFO", "UPDATE", "INVITE", "NOTIFY"] {
        let context = Context::new().method(method).in_dialog(true);
        assert_eq!(
            StatusCode::OK.dialog_effect(&context),
            DialogEffect::Transaction,
            "{method}"
        );
    }
}

/// Rules the keyword audit removed: an inference from "if and only if ...
/// MAY", a limit no sentence states, a copy of a MUST at SHOULD.
#[test]
fn rules_no_sentence_states_are_gone() {
    let forbids_423 = SipCode::IntervalTooBrief
        .constraints()
        .iter()
        .any(|r| matches!(r.kind(), Kind::Send(_)) && r.level() == Level::MustNot);
    assert!(!forbids_423);
    // The MAY that grants each permission stays.
    let may_423 = SipCode::IntervalTooBrief
        .constraints()
        .iter()
        .filter(|r| matches!(r.kind(), Kind::Send(_)) && r.level() == Level::May)
        .count();
    assert_eq!(may_423, 3);
    assert!(
        !SipCode::NoNotification
            .constraints()
            .iter()
            .any(|r| matches!(r.kind(), Kind::Sender(_)))
    );
    // 489 to SUBSCRIBE and NOTIFY: RFC 6665's MUSTs, no RFC 5057 copy at SHOULD.
    let bad_event: Vec<_> = SipCode::BadEvent
        .constraints()
        .iter()
        .filter(|r| matches!(r.kind(), Kind::Dialog(_)))
        .map(|r| (r.level(), r.reference().rfc()))
        .collect();
    assert!(
        bad_event
            .iter()
            .all(|&(level, rfc)| level == Level::Must && rfc == 6665),
        "{bad_event:?}"
    );
    assert!(!bad_event.is_empty());
}

/// A description the validator finds broken is reported in lower case with
/// its basis, and does not make the response invalid; the response that
/// satisfies it has no finding.
#[test]
fn the_validator_reports_a_description_but_never_as_a_requirement() {
    let redirect = Check::new(StatusCode::USE_PROXY).headers(BASE);
    let contact: Vec<_> = redirect
        .violations()
        .filter(|v| v.header() == Some("Contact"))
        .collect();
    assert_eq!(contact.len(), 1);
    assert_eq!(contact[0].problem(), Problem::MissingHeader);
    assert!(!contact[0].is_mandatory());
    assert_eq!(
        contact[0].to_string(),
        "305 Use Proxy must carry Contact (RFC 3261 §21.3.4; no RFC 2119 keyword)"
    );
    let with_contact = Check::new(StatusCode::USE_PROXY).headers(with(&["Contact"]));
    assert!(
        !with_contact
            .violations()
            .any(|v| v.header() == Some("Contact"))
    );

    let to_invite = Check::new(StatusCode::new(555).unwrap())
        .headers(BASE)
        .context(Context::new().method("INVITE"));
    let wrong: Vec<_> = to_invite
        .violations()
        .filter(|v| v.problem() == Problem::UnexpectedMethod)
        .collect();
    assert_eq!(wrong.len(), 1);
    assert_eq!(wrong[0].basis(), Basis::Statement);
    assert!(to_invite.is_valid());
    let to_register = Check::new(StatusCode::new(555).unwrap())
        .headers(BASE)
        .context(Context::new().method("REGISTER"));
    assert!(
        !to_register
            .violations()
            .any(|v| v.problem() == Problem::UnexpectedMethod)
    );
}

/// Receivers act on descriptions where nothing normative speaks: RFC 5626
/// §11.5's lower-case "should treat it as a 400", RFC 5057's reading of 402.
#[test]
fn receivers_still_act_on_descriptions() {
    let none: [&str; 0] = [];
    let uac = Context::new().roles(&[Role::Uac]).method("REGISTER");
    assert_eq!(
        StatusCode::new(430).unwrap().effective_for(&uac, none),
        SipCode::BadRequest
    );
    assert_eq!(
        StatusCode::PAYMENT_REQUIRED.effective_for(&uac, none),
        SipCode::BadRequest
    );
    // 404 inside a dialog ends it (RFC 5057 only); outside, nothing.
    let inside = Context::new().method("INFO").in_dialog(true);
    assert_eq!(
        StatusCode::NOT_FOUND.dialog_effect(&inside),
        DialogEffect::Dialog
    );
}

/// RFC 3329 §2.6 confines Security-Server to 421 and 494 without a keyword: a
/// 200 carrying it gets a description finding, never a requirement; a 494
/// carrying it gets none.
#[test]
fn security_server_outside_421_and_494_is_described() {
    let ok = Check::new(StatusCode::OK).headers(with(&["Security-Server"]));
    let found: Vec<String> = ok
        .violations()
        .filter(|v| v.header() == Some("Security-Server"))
        .map(|v| v.to_string())
        .collect();
    assert_eq!(
        found,
        ["200 OK must not carry Security-Server (RFC 3329 §2.6; no RFC 2119 keyword)"]
    );
    let agreement =
        Check::new(StatusCode::new(494).unwrap()).headers(with(&["Security-Server", "Require"]));
    assert!(
        !agreement
            .violations()
            .any(|v| v.problem() == Problem::ForbiddenHeader)
    );
}
