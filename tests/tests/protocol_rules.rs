//! Rules of the RFC protocol sections (RFC 3261 §8 to §22, RFC 3262, RFC 3903,
//! RFC 4028, RFC 6665) that say when a response is sent, what it carries, and
//! what its receiver does: each checked where the validator or a receiver can
//! decide it, and otherwise found in the registry with its level and section.

use sipcodes::StatusCode;
use sipcodes::check::Check;
use sipcodes::rules::{Basis, Constraint, Context, DialogEffect, Kind, Level, Names, Role};

/// The header fields every response carries (RFC 3261 §8.2.6.2).
const BASE: [&str; 5] = ["Via", "From", "To", "Call-ID", "CSeq"];

fn with(more: &[&'static str]) -> Vec<&'static str> {
    BASE.iter().chain(more).copied().collect()
}

fn status(code: u16) -> StatusCode {
    StatusCode::new(code).unwrap()
}

/// The violations of `check` that come from rules citing `reference`.
fn broken_from<H: Names, RH: Names, Q: Names, S: Names>(
    check: &Check<'_, H, RH, Q, S>,
    reference: &str,
) -> Vec<String> {
    check
        .violations()
        .filter(|v| v.constraint().reference().to_string() == reference)
        .map(|v| v.to_string())
        .collect()
}

/// The one rule of `code` (its own or over many codes) citing `reference`
/// that `pick` selects.
fn rule(code: u16, reference: &str, pick: impl Fn(&Constraint) -> bool) -> &'static Constraint {
    let mut found = status(code)
        .rules()
        .filter(|rule| rule.reference().to_string() == reference && pick(rule));
    let first = found
        .next()
        .unwrap_or_else(|| panic!("{code}: no such rule citing {reference}"));
    assert!(
        found.next().is_none(),
        "{code}: more than one such rule citing {reference}"
    );
    first
}

fn is_header(name: &'static str) -> impl Fn(&Constraint) -> bool {
    move |rule| matches!(rule.kind(), Kind::Header(names) if names.contains(&name))
}

fn is_send(rule: &Constraint) -> bool {
    matches!(rule.kind(), Kind::Send(_))
}

fn is_receiver(rule: &Constraint) -> bool {
    matches!(rule.kind(), Kind::Receiver(_))
}

// ---------------------------------------------------------------------------
// Rules the validator decides
// ---------------------------------------------------------------------------

/// RFC 4028 §4, Table 1: Session-Expires in a 2xx is "-" (not applicable) for
/// BYE, CANCEL, OPTIONS, REGISTER, PRACK, SUBSCRIBE and NOTIFY, "o" for INVITE
/// and UPDATE.
#[test]
fn session_expires_only_in_a_2xx_to_invite_or_update() {
    let ok = |method| {
        Check::new(StatusCode::OK)
            .headers(with(&["Session-Expires"]))
            .context(Context::new().method(method))
    };
    assert_eq!(
        broken_from(&ok("BYE"), "RFC 4028 §4"),
        ["200 OK MUST NOT carry Session-Expires (RFC 4028 §4)"]
    );
    assert_eq!(
        broken_from(&ok("NOTIFY"), "RFC 4028 §4"),
        ["200 OK MUST NOT carry Session-Expires (RFC 4028 §4)"]
    );
    assert!(broken_from(&ok("INVITE"), "RFC 4028 §4").is_empty());
    assert!(broken_from(&ok("UPDATE"), "RFC 4028 §4").is_empty());
    let without = Check::new(StatusCode::OK)
        .headers(with(&[]))
        .context(Context::new().method("BYE"));
    assert!(broken_from(&without, "RFC 4028 §4").is_empty());
    let optional = rule(200, "RFC 4028 §4", |r| {
        is_header("Session-Expires")(r) && r.level() == Level::May
    });
    assert_eq!(optional.scope().methods(), ["INVITE", "UPDATE"]);
}

/// RFC 3262 §3: "However, it MUST NOT attempt to do so for any request that
/// contains a tag in the To field." (a proxy sending reliable provisionals)
#[test]
fn a_proxy_sends_no_reliable_provisional_inside_a_dialog() {
    const PROXY: &[Role] = &[Role::Proxy];
    const UAS: &[Role] = &[Role::Uas];
    let ringing = |in_dialog, roles| {
        Check::new(StatusCode::RINGING)
            .headers(with(&["Contact", "Require", "RSeq"]))
            .context(
                Context::new()
                    .method("INVITE")
                    .supported(["100rel"])
                    .require(["100rel"])
                    .in_dialog(in_dialog)
                    .roles(roles)
                    .generates(true),
            )
    };
    assert_eq!(
        broken_from(&ringing(true, PROXY), "RFC 3262 §3"),
        ["180 Ringing MUST NOT carry RSeq (RFC 3262 §3)"]
    );
    assert!(broken_from(&ringing(false, PROXY), "RFC 3262 §3").is_empty());
    assert!(broken_from(&ringing(true, UAS), "RFC 3262 §3").is_empty());
}

/// RFC 3262 §3: "A UAS MAY send any non-100 provisional response to INVITE
/// reliably, so long as the initial INVITE request ... contained a Supported
/// header field with the option tag 100rel."
#[test]
fn rseq_is_allowed_when_the_invite_supports_100rel() {
    let may = rule(183, "RFC 3262 §3", |r| {
        is_header("RSeq")(r) && r.level() == Level::May
    });
    assert_eq!(may.scope().request_supports(), Some("100rel"));
    let progress = |supported: &'static [&'static str]| {
        Check::new(StatusCode::SESSION_PROGRESS)
            .headers(with(&["Contact", "RSeq"]))
            .context(
                Context::new()
                    .method("INVITE")
                    .in_dialog(false)
                    .require(["timer"])
                    .supported(supported),
            )
    };
    assert!(broken_from(&progress(&["100rel"]), "RFC 3262 §3").is_empty());
    assert_eq!(
        broken_from(&progress(&["timer"]), "RFC 3262 §3"),
        ["183 Session Progress MUST NOT carry RSeq (RFC 3262 §3)"]
    );
    assert!(
        StatusCode::TRYING
            .rules()
            .all(|r| !(is_header("RSeq")(r) && r.level() == Level::May))
    );
}

/// RFC 6665 §4.4.4: "Note that "Allow-Events" header fields MUST NOT be
/// inserted by proxies." §8.2.2: "User agents MAY include the "Allow-Events"
/// header field in any request or response".
#[test]
fn allow_events_comes_from_user_agents_only() {
    const PROXY: &[Role] = &[Role::Proxy];
    const UAS: &[Role] = &[Role::Uas];
    let ok = |roles, generates| {
        Check::new(StatusCode::OK)
            .headers(with(&["Allow-Events"]))
            .context(
                Context::new()
                    .method("MESSAGE")
                    .roles(roles)
                    .generates(generates),
            )
    };
    assert_eq!(
        broken_from(&ok(PROXY, true), "RFC 6665 §4.4.4"),
        ["200 OK MUST NOT carry Allow-Events (RFC 6665 §4.4.4)"]
    );
    assert!(broken_from(&ok(UAS, true), "RFC 6665 §4.4.4").is_empty());
    // A response the proxy only forwards is not its own.
    assert!(broken_from(&ok(PROXY, false), "RFC 6665 §4.4.4").is_empty());
    let may = rule(486, "RFC 6665 §8.2.2", is_header("Allow-Events"));
    assert_eq!(may.level(), Level::May);
    assert!(may.scope().generated_by().contains(&Role::Uas));
    assert!(!may.scope().generated_by().contains(&Role::Proxy));
}

/// RFC 6665 §4.1.3: "In general, it is not expected that NOTIFY responses will
/// contain bodies; however, they MAY, if the NOTIFY request contained an
/// "Accept" header field."
#[test]
fn a_notify_response_may_have_a_body_if_the_notify_had_accept() {
    let may = rule(200, "RFC 6665 §4.1.3", |r| {
        matches!(r.kind(), Kind::Body(_))
    });
    assert_eq!(may.level(), Level::May);
    assert_eq!(may.scope().methods(), ["NOTIFY"]);
    assert_eq!(may.scope().request_has(), Some("Accept"));
    let ok = Check::new(StatusCode::OK)
        .headers(with(&["Content-Type"]))
        .body(true)
        .context(Context::new().method("NOTIFY").request_headers(["Accept"]));
    assert!(ok.violations().next().is_none());
}

// ---------------------------------------------------------------------------
// Rules a receiver acts on
// ---------------------------------------------------------------------------

/// RFC 6665 §4.2.2: "If the NOTIFY request fails due to expiration of SIP
/// Timer F (transaction timeout), the notifier SHOULD remove the subscription."
#[test]
fn a_notify_timeout_ends_the_subscription() {
    let timeout = StatusCode::REQUEST_TIMEOUT;
    let notify = Context::new().method("NOTIFY");
    assert_eq!(timeout.dialog_effect(&notify), DialogEffect::Subscription);
    let rule = timeout.dialog_constraint(&notify).unwrap();
    assert_eq!(rule.level(), Level::Should);
    assert_eq!(rule.basis(), Basis::Keyword);
    assert_eq!(rule.reference().to_string(), "RFC 6665 §4.2.2");
    // A SUBSCRIBE is the subscriber's request, not the notifier's.
    assert_eq!(
        timeout.dialog_effect(&Context::new().method("SUBSCRIBE")),
        DialogEffect::Transaction
    );
}

// ---------------------------------------------------------------------------
// Rules nothing decides: found with their level, basis and section
// ---------------------------------------------------------------------------

/// One rule that the validator cannot decide (it has `when`, or it is about
/// sending or receiving rather than what the response carries).
struct Recorded {
    code: u16,
    reference: &'static str,
    pick: fn(&Constraint) -> bool,
    level: Level,
    /// Whether `Check::undecided()` lists the rule for a response with this
    /// code in a context the rule could apply to; `None` for a rule it never
    /// lists (a MAY, a duty to send, a receiver rule).
    undecided: Option<fn(u16, &'static Constraint) -> bool>,
}

/// Whether the validator, given this context, lists `rule` as undecided for a
/// response with `code`.
fn lists<RH: Names, Q: Names, S: Names>(
    code: u16,
    rule: &'static Constraint,
    context: Context<'static, RH, Q, S>,
) -> bool {
    Check::new(status(code))
        .headers(BASE)
        .context(context)
        .undecided()
        .any(|r| core::ptr::eq(r, rule))
}

const UAS: &[Role] = &[Role::Uas];

/// Whether the validator lists `rule` as undecided for a UAS's own response
/// with `code` to a PUBLISH.
fn listed_for_a_uas_s_publish(code: u16, rule: &'static Constraint) -> bool {
    lists(
        code,
        rule,
        Context::new().method("PUBLISH").roles(UAS).generates(true),
    )
}

fn recorded() -> Vec<Recorded> {
    vec![
        // RFC 3903 §6 step 5: "If the content type of the request does not
        // match the event package, or is not understood by the ESC, the ESC
        // MUST reject the request with an appropriate response".
        Recorded {
            code: 200,
            reference: "RFC 3903 §6",
            pick: |r| is_send(r) && r.level() == Level::MustNot && r.rule().contains("body type"),
            level: Level::MustNot,
            undecided: Some(listed_for_a_uas_s_publish),
        },
        // RFC 3903 §6 step 5: an initial PUBLISH without a body "SHOULD be
        // rejected with a 400 (Invalid Request) response".
        Recorded {
            code: 200,
            reference: "RFC 3903 §6",
            pick: |r| is_send(r) && r.level() == Level::ShouldNot,
            level: Level::ShouldNot,
            undecided: Some(listed_for_a_uas_s_publish),
        },
        // RFC 3903 §6 step 5: "if an internal error occurs ... the ESC MUST
        // return with an appropriate error response".
        Recorded {
            code: 200,
            reference: "RFC 3903 §6",
            pick: |r| {
                is_send(r) && r.level() == Level::MustNot && r.rule().contains("internal error")
            },
            level: Level::MustNot,
            undecided: Some(listed_for_a_uas_s_publish),
        },
        // RFC 3261 §13.3.1.1: "A UAS MAY send as many provisional responses as
        // it likes."
        Recorded {
            code: 180,
            reference: "RFC 3261 §13.3.1.1",
            pick: |r| is_send(r) && r.level() == Level::May,
            level: Level::May,
            undecided: None,
        },
        // RFC 3261 §8.2.2.1: "it is RECOMMENDED that a UAS accept requests
        // even if they do not recognize the URI scheme ... in the To header
        // field".
        Recorded {
            code: 403,
            reference: "RFC 3261 §8.2.2.1",
            pick: |r| is_send(r) && r.level() == Level::ShouldNot,
            level: Level::ShouldNot,
            undecided: Some(|code, rule| lists(code, rule, Context::new().method("INVITE"))),
        },
        // RFC 3261 §8.2.4: "the server MAY send a 421 (Extension Required)
        // response."
        Recorded {
            code: 421,
            reference: "RFC 3261 §8.2.4",
            pick: is_send,
            level: Level::May,
            undecided: None,
        },
        // RFC 3261 §8.2.4: "Any extensions applied to a non-421 response MUST
        // be listed in a Require header field".
        Recorded {
            code: 200,
            reference: "RFC 3261 §8.2.4",
            pick: |r| matches!(r.kind(), Kind::Header(["Require"])),
            level: Level::Must,
            undecided: Some(|code, rule| lists(code, rule, Context::new().method("INVITE"))),
        },
        // RFC 3261 §8.2.7: "A stateless UAS MUST NOT send provisional (1xx)
        // responses."
        Recorded {
            code: 180,
            reference: "RFC 3261 §8.2.7",
            pick: |r| matches!(r.kind(), Kind::Sender([Role::Uas])),
            level: Level::MustNot,
            undecided: Some(|code, rule| {
                lists(code, rule, Context::new().roles(UAS).generates(true))
            }),
        },
        // RFC 3261 §8.3: "For well-formed CANCEL requests, it SHOULD return a
        // 2xx response."
        Recorded {
            code: 200,
            reference: "RFC 3261 §8.3",
            pick: is_send,
            level: Level::Should,
            undecided: None,
        },
        // RFC 3261 §8.3: "the server MAY proxy the request to the destination
        // URI, or MAY reject it with a 404."
        Recorded {
            code: 404,
            reference: "RFC 3261 §8.3",
            pick: is_send,
            level: Level::May,
            undecided: None,
        },
        // RFC 3261 §8.3: "Redirect servers MUST ignore features that are not
        // understood ... and proceed with the redirection".
        Recorded {
            code: 420,
            reference: "RFC 3261 §8.3",
            pick: is_send,
            level: Level::MustNot,
            undecided: Some(|code, rule| {
                lists(
                    code,
                    rule,
                    Context::new()
                        .roles(&[Role::RedirectServer])
                        .generates(true),
                )
            }),
        },
        Recorded {
            code: 501,
            reference: "RFC 3261 §8.3",
            pick: is_send,
            level: Level::MustNot,
            undecided: Some(|code, rule| lists(code, rule, Context::new())),
        },
        // RFC 3261 §10.3 step 2: "the registrar MUST process the Require
        // header field values as described for UASs in Section 8.2.2."
        Recorded {
            code: 420,
            reference: "RFC 3261 §10.3",
            pick: is_send,
            level: Level::Must,
            undecided: None,
        },
        // RFC 3261 §10.3 step 4: "the registrar MUST return a 403
        // (Forbidden)".
        Recorded {
            code: 403,
            reference: "RFC 3261 §10.3",
            pick: is_send,
            level: Level::Must,
            undecided: None,
        },
        // RFC 3261 §10.3 step 5: "the registrar MUST send a 404 (Not Found)
        // response".
        Recorded {
            code: 404,
            reference: "RFC 3261 §10.3",
            pick: is_send,
            level: Level::Must,
            undecided: None,
        },
        // RFC 3261 §13.3.1: "the UAS MAY silently accept the INVITE".
        Recorded {
            code: 200,
            reference: "RFC 3261 §13.3.1",
            pick: is_send,
            level: Level::May,
            undecided: None,
        },
        // RFC 3261 §15.1.2: "the UAS core MUST generate a 2xx response to the
        // BYE".
        Recorded {
            code: 200,
            reference: "RFC 3261 §15.1.2",
            pick: is_send,
            level: Level::Must,
            undecided: None,
        },
        // RFC 3261 §16.5: "the proxy MUST return a 404 (Not Found) response."
        Recorded {
            code: 404,
            reference: "RFC 3261 §16.5",
            pick: is_send,
            level: Level::Must,
            undecided: None,
        },
        // RFC 3261 §16.10: "the element MUST immediately return a 200 (OK)
        // response to the CANCEL request."
        Recorded {
            code: 200,
            reference: "RFC 3261 §16.10",
            pick: is_send,
            level: Level::Must,
            undecided: None,
        },
        // RFC 3261 §16.11: "an element MUST NOT generate its own 100 (Trying)
        // or any other provisional response."
        Recorded {
            code: 183,
            reference: "RFC 3261 §16.11",
            pick: |r| matches!(r.kind(), Kind::Sender([Role::Proxy])),
            level: Level::MustNot,
            undecided: Some(|code, rule| lists(code, rule, Context::new().method("INVITE"))),
        },
        // RFC 3261 §21.1.3: "A server MAY use this status code to indicate
        // that the call is being forwarded".
        Recorded {
            code: 181,
            reference: "RFC 3261 §21.1.3",
            pick: is_send,
            level: Level::May,
            undecided: None,
        },
        // RFC 3261 §21.1.4: "The server MAY issue several 182 (Queued)
        // responses".
        Recorded {
            code: 182,
            reference: "RFC 3261 §21.1.4",
            pick: is_send,
            level: Level::May,
            undecided: None,
        },
        // RFC 3261 §21.4.18: "Status 486 (Busy Here) MAY be used to more
        // precisely indicate a particular reason for the call failure."
        Recorded {
            code: 486,
            reference: "RFC 3261 §21.4.18",
            pick: is_send,
            level: Level::May,
            undecided: None,
        },
        // RFC 3262 §3: "the UAS SHOULD send provisional responses once every
        // two and a half minutes."
        Recorded {
            code: 180,
            reference: "RFC 3262 §3",
            pick: is_send,
            level: Level::Should,
            undecided: None,
        },
        // RFC 3262 §3: "it MUST contain a Require header field containing the
        // option tag 100rel".
        Recorded {
            code: 180,
            reference: "RFC 3262 §3",
            pick: |r| {
                matches!(r.kind(), Kind::Header(["Require"]))
                    && r.scope().request_supports() == Some("100rel")
            },
            level: Level::Must,
            undecided: Some(|code, rule| {
                lists(
                    code,
                    rule,
                    Context::new().method("INVITE").supported(["100rel"]),
                )
            }),
        },
        // RFC 3262 §3: "The UAS MUST NOT send a second reliable provisional
        // response until the first is acknowledged."
        Recorded {
            code: 180,
            reference: "RFC 3262 §3",
            pick: |r| {
                matches!(r.kind(), Kind::Header(["RSeq"]))
                    && r.level() == Level::MustNot
                    && r.scope().after_final().is_none()
                    && r.scope().condition().is_some()
            },
            level: Level::MustNot,
            undecided: Some(|code, rule| lists(code, rule, Context::new().method("INVITE"))),
        },
        // RFC 3262 §3: "After the first, it is RECOMMENDED that the UAS not
        // send an additional reliable provisional response until the previous
        // is acknowledged."
        Recorded {
            code: 183,
            reference: "RFC 3262 §3",
            pick: |r| matches!(r.kind(), Kind::Header(["RSeq"])) && r.level() == Level::ShouldNot,
            level: Level::ShouldNot,
            undecided: Some(|code, rule| lists(code, rule, Context::new().method("INVITE"))),
        },
        // RFC 3262 §3: "A UAS MUST NOT send new reliable provisional responses
        // (as opposed to retransmissions of unacknowledged ones) after sending
        // a final response to a request."
        Recorded {
            code: 183,
            reference: "RFC 3262 §3",
            pick: |r| r.scope().after_final() == Some(true),
            level: Level::MustNot,
            undecided: Some(|code, rule| {
                lists(
                    code,
                    rule,
                    Context::new().method("INVITE").after_final(true),
                ) && !lists(
                    code,
                    rule,
                    Context::new().method("INVITE").after_final(false),
                )
            }),
        },
        // RFC 3262 §3: "If the PRACK does match an unacknowledged reliable
        // provisional response, it MUST be responded to with a 2xx response."
        Recorded {
            code: 200,
            reference: "RFC 3262 §3",
            pick: |r| is_send(r) && r.scope().methods() == ["PRACK"],
            level: Level::Must,
            undecided: None,
        },
        // RFC 3262 §3: "the UAS SHOULD reject the original request with a 5xx
        // response."
        Recorded {
            code: 500,
            reference: "RFC 3262 §3",
            pick: is_send,
            level: Level::Should,
            undecided: None,
        },
        // RFC 3262 §3: "it MUST NOT send a final response until those
        // provisional responses are acknowledged."
        Recorded {
            code: 200,
            reference: "RFC 3262 §3",
            pick: |r| is_send(r) && r.level() == Level::MustNot,
            level: Level::MustNot,
            undecided: Some(|code, rule| {
                lists(code, rule, Context::new().method("INVITE"))
                    && !lists(code, rule, Context::new().method("BYE"))
            }),
        },
        // RFC 3311 §5.2: "the UAS MUST adjust the session parameters
        // accordingly and generate an answer in the 2xx response."
        Recorded {
            code: 200,
            reference: "RFC 3311 §5.2",
            pick: |r| matches!(r.kind(), Kind::Body(_)),
            level: Level::Must,
            undecided: Some(|code, rule| {
                lists(code, rule, Context::new().method("UPDATE"))
                    && !lists(code, rule, Context::new().method("INVITE"))
            }),
        },
        // RFC 3903 §6 step 1: "If not, the ESC MUST return a 404 (Not Found)
        // response".
        Recorded {
            code: 404,
            reference: "RFC 3903 §6",
            pick: is_send,
            level: Level::Must,
            undecided: None,
        },
        // RFC 4028 §8.2: "This proxy MUST insert a Session-Expires header
        // field into the response".
        Recorded {
            code: 200,
            reference: "RFC 4028 §8.2",
            pick: |r| matches!(r.kind(), Kind::Header(["Session-Expires"])),
            level: Level::Must,
            undecided: Some(|code, rule| {
                lists(
                    code,
                    rule,
                    Context::new().method("INVITE").supported(["timer"]),
                )
            }),
        },
        // RFC 4028 §8.2: "The proxy MUST add the 'timer' option tag to any
        // Require header field in the response".
        Recorded {
            code: 200,
            reference: "RFC 4028 §8.2",
            pick: |r| matches!(r.kind(), Kind::Header(["Require"])),
            level: Level::Must,
            undecided: Some(|code, rule| {
                lists(
                    code,
                    rule,
                    Context::new().method("UPDATE").supported(["timer"]),
                ) && !lists(
                    code,
                    rule,
                    Context::new().method("UPDATE").supported(["100rel"]),
                )
            }),
        },
        // RFC 4028 §9: "the UAS MUST place a Require header field into the
        // response with the value 'timer'." (refresher=uac)
        Recorded {
            code: 200,
            reference: "RFC 4028 §9",
            pick: |r| r.level() == Level::Must,
            level: Level::Must,
            undecided: Some(|code, rule| {
                lists(
                    code,
                    rule,
                    Context::new().method("INVITE").roles(UAS).generates(true),
                )
            }),
        },
        // RFC 4028 §9: "the UAS SHOULD place a Require header field into the
        // response with the value 'timer'." (refresher=uas)
        Recorded {
            code: 200,
            reference: "RFC 4028 §9",
            pick: |r| r.level() == Level::Should,
            level: Level::Should,
            undecided: Some(|code, rule| {
                lists(
                    code,
                    rule,
                    Context::new().method("INVITE").supported(["timer"]),
                )
            }),
        },
        // RFC 6665 §4.1.3: "the subscriber SHOULD return a 200 response."
        Recorded {
            code: 200,
            reference: "RFC 6665 §4.1.3",
            pick: is_send,
            level: Level::Should,
            undecided: None,
        },
        // RFC 6665 §4.2.1.4: "the notifier SHOULD respond with a 423
        // (Interval Too Brief) response."
        Recorded {
            code: 423,
            reference: "RFC 6665 §4.2.1.4",
            pick: is_send,
            level: Level::Should,
            undecided: None,
        },
        // RFC 6665 §4.6: "the CANCEL request MUST NOT affect processing of the
        // SUBSCRIBE or NOTIFY request in any way."
        Recorded {
            code: 487,
            reference: "RFC 6665 §4.6",
            pick: is_send,
            level: Level::MustNot,
            undecided: Some(|code, rule| {
                lists(code, rule, Context::new().method("SUBSCRIBE"))
                    && !lists(code, rule, Context::new().method("INVITE"))
            }),
        },
    ]
}

#[test]
fn rules_recorded_with_their_level_basis_and_section() {
    for entry in recorded() {
        let found = rule(entry.code, entry.reference, entry.pick);
        assert_eq!(found.level(), entry.level, "{found}");
        assert_eq!(found.basis(), Basis::Keyword, "{found}");
        assert_eq!(found.reference().to_string(), entry.reference);
        match entry.undecided {
            Some(undecided) => assert!(undecided(entry.code, found), "{}: {found}", entry.code),
            // A rule the validator never checks has `when`, or is not about
            // the response's content.
            None => assert!(
                found.scope().condition().is_some()
                    || found.level() == Level::May
                    || is_receiver(found)
                    || is_send(found),
                "{found}"
            ),
        }
    }
}

// ---------------------------------------------------------------------------
// What a receiver does: rules stated for people, found with their level,
// roles, basis and section
// ---------------------------------------------------------------------------

/// One `receiver` rule that nothing acts on (it has no `treat-as`): the
/// registry states it so that a receiver's behaviour can be reported against
/// it.
struct Received {
    /// A code the rule covers.
    code: u16,
    reference: &'static str,
    /// Words of the rule's sentence that tell it from the other rules of the
    /// code citing the same section.
    says: &'static str,
    level: Level,
    roles: &'static [Role],
    /// Whether the rule's circumstance is prose (`when`).
    prose: bool,
    /// Codes the rule does not cover.
    absent: &'static [u16],
}

const UAC: &[Role] = &[Role::Uac];
const PROXY: &[Role] = &[Role::Proxy];
const CLIENTS: &[Role] = &[Role::Uac, Role::Proxy];

fn received() -> Vec<Received> {
    vec![
        // RFC 3261 §16.7 step 8: "the proxy MAY rewrite the URI" of its own
        // Record-Route value.
        Received {
            code: 200,
            reference: "RFC 3261 §16.7",
            says: "replace its own Record-Route",
            level: Level::May,
            roles: PROXY,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §16.7 step 8: the URI "MUST be a SIPS URI" (or a SIP URI) when
        // the proxy switched between TLS and not.
        Received {
            code: 200,
            reference: "RFC 3261 §16.7",
            says: "SIPS URI",
            level: Level::Must,
            roles: PROXY,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §16.7 step 8: the rewritten URI "SHOULD NOT contain the
        // transport parameter" unless the proxy knows the next element supports
        // it.
        Received {
            code: 200,
            reference: "RFC 3261 §16.7",
            says: "transport parameter",
            level: Level::ShouldNot,
            roles: PROXY,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §16.7 step 9: "The proxy MUST NOT add to, modify, or remove the
        // message body."
        Received {
            code: 486,
            reference: "RFC 3261 §16.7",
            says: "message body",
            level: Level::MustNot,
            roles: PROXY,
            prose: false,
            absent: &[],
        },
        // RFC 3261 §16.7 step 9: "Unless otherwise specified, the proxy MUST NOT
        // remove any other header field values than the Via header field value".
        Received {
            code: 180,
            reference: "RFC 3261 §16.7",
            says: "removes no header field value",
            level: Level::MustNot,
            roles: PROXY,
            prose: false,
            absent: &[],
        },
        // RFC 3261 §16.9: "the proxy SHOULD NOT cancel any outstanding client
        // transactions associated with the response context" on a transport error
        // forwarding a response.
        Received {
            code: 200,
            reference: "RFC 3261 §16.9",
            says: "fails to forward",
            level: Level::ShouldNot,
            roles: PROXY,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §16.11: the stateless proxy "MUST remove that Via header field
        // value from the response and forward the result".
        Received {
            code: 200,
            reference: "RFC 3261 §16.11",
            says: "takes its own Via value off",
            level: Level::Must,
            roles: PROXY,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §16.11: "the message MUST be silently discarded" if the top Via
        // is not the proxy's.
        Received {
            code: 404,
            reference: "RFC 3261 §16.11",
            says: "silently drops",
            level: Level::Must,
            roles: PROXY,
            prose: true,
            absent: &[],
        },
        // RFC 6026 §8.4: "the client transaction MUST ... set Timer D" on a
        // 300-699 response (replacing RFC 3261 §17.1.1.2).
        Received {
            code: 486,
            reference: "RFC 6026 §8.4",
            says: "Timer D",
            level: Level::Must,
            roles: CLIENTS,
            prose: false,
            absent: &[180, 200],
        },
        // RFC 4028 §8.2: the proxy "MUST NOT change the value of the Session-
        // Expires header field" in the 2xx.
        Received {
            code: 200,
            reference: "RFC 4028 §8.2",
            says: "never changed",
            level: Level::MustNot,
            roles: PROXY,
            prose: false,
            absent: &[180, 486],
        },
        // RFC 8760 §2.5: the forking proxy "MUST maintain the order of these
        // header fields" from one downstream proxy.
        Received {
            code: 401,
            reference: "RFC 8760 §2.5",
            says: "in the order they arrived",
            level: Level::Must,
            roles: PROXY,
            prose: true,
            absent: &[200],
        },
        // RFC 8760 §2.6: "SIP clients and servers MUST NOT accept or request Basic
        // authentication."
        Received {
            code: 407,
            reference: "RFC 8760 §2.6",
            says: "Basic challenge",
            level: Level::MustNot,
            roles: UAC,
            prose: true,
            absent: &[200],
        },
        // RFC 3261 §8.1.3.4: "a client processing 3xx class responses MUST
        // NOT add any given URI to the target set more than once."
        Received {
            code: 302,
            reference: "RFC 3261 §8.1.3.4",
            says: "at most once",
            level: Level::MustNot,
            roles: UAC,
            prose: true,
            absent: &[200, 404],
        },
        // RFC 3261 §8.1.3.4: "the client MAY choose to recurse to a non-SIPS
        // URI, but SHOULD inform the user of the redirection to an insecure
        // URI."
        Received {
            code: 301,
            reference: "RFC 3261 §8.1.3.4",
            says: "not secure",
            level: Level::Should,
            roles: UAC,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §8.1.3.4: "the client MAY generate new requests to the
        // URIs in any order" ... "MAY be generated serially or in parallel."
        Received {
            code: 300,
            reference: "RFC 3261 §8.1.3.4",
            says: "whatever order",
            level: Level::May,
            roles: UAC,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §8.1.3.4: "When a failure for a particular contact address
        // is received, the client SHOULD try the next contact address."
        Received {
            code: 486,
            reference: "RFC 3261 §8.1.3.4",
            says: "next one in its target set",
            level: Level::Should,
            roles: UAC,
            prose: true,
            absent: &[302, 200],
        },
        // RFC 3261 §8.1.3.4: "a UAC MUST copy the entire URI from the target
        // set into the Request-URI" ... "MUST have a new branch ID".
        Received {
            code: 305,
            reference: "RFC 3261 §8.1.3.4",
            says: "fresh Via branch",
            level: Level::Must,
            roles: UAC,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §8.1.3.4: "It is RECOMMENDED that the UAC reuse the same
        // To, From, and Call-ID" ... "SHOULD re-use the header fields and
        // bodies of the original request."
        Received {
            code: 380,
            reference: "RFC 3261 §8.1.3.4",
            says: "repeat the original",
            level: Level::Should,
            roles: UAC,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §8.1.3.5: "This new request constitutes a new transaction
        // and SHOULD have the same value of the Call-ID, To, and From".
        Received {
            code: 420,
            reference: "RFC 3261 §8.1.3.5",
            says: "carry over the Call-ID",
            level: Level::Should,
            roles: UAC,
            prose: true,
            absent: &[403, 408],
        },
        // RFC 3261 §8.3: "Malformed values SHOULD be treated as equivalent to
        // 3600."
        Received {
            code: 302,
            reference: "RFC 3261 §8.3",
            says: "3600 seconds",
            level: Level::Should,
            roles: CLIENTS,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §13.2.2.3: "Subsequent final responses (which would only
        // arrive under error conditions) MUST be ignored." Any final
        // response, a 2xx included; a provisional one is not final.
        Received {
            code: 200,
            reference: "RFC 3261 §13.2.2.3",
            says: "ignores every later final response",
            level: Level::Must,
            roles: UAC,
            prose: true,
            absent: &[180],
        },
        // RFC 3261 §13.2.2.4: "the dialog MUST be transitioned to the
        // "confirmed" state" ... "a new dialog in the "confirmed" state MUST
        // be constructed".
        Received {
            code: 200,
            reference: "RFC 3261 §13.2.2.4",
            says: "confirmed state",
            level: Level::Must,
            roles: UAC,
            prose: false,
            absent: &[180],
        },
        // RFC 3261 §13.2.2.4: "If the 2xx contains an offer ..., the ACK MUST
        // carry an answer in its body."
        Received {
            code: 200,
            reference: "RFC 3261 §13.2.2.4",
            says: "answer in the body of the ACK",
            level: Level::Must,
            roles: UAC,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §14.1: "If a UA receives a non-2xx final response to a
        // re-INVITE, the session parameters MUST remain unchanged".
        Received {
            code: 488,
            reference: "RFC 3261 §14.1",
            says: "keeps the parameters it had",
            level: Level::Must,
            roles: UAC,
            prose: false,
            absent: &[200],
        },
        // RFC 3261 §15: "The UAC MAY continue with the sessions established by
        // any 2xx responses, or MAY terminate them with BYE."
        Received {
            code: 200,
            reference: "RFC 3261 §15",
            says: "overtaken by a 2xx",
            level: Level::May,
            roles: UAC,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §16.5: "If a target URI is already present in the set ...,
        // it MUST NOT be added again."
        Received {
            code: 416,
            reference: "RFC 3261 §16.5",
            says: "already in it",
            level: Level::MustNot,
            roles: PROXY,
            prose: false,
            absent: &[415],
        },
        // RFC 3261 §16.5: "A proxy MUST NOT add additional targets to the
        // target set if the Request-URI of the original request does not
        // indicate a resource this proxy is responsible for."
        Received {
            code: 301,
            reference: "RFC 3261 §16.5",
            says: "not responsible",
            level: Level::MustNot,
            roles: PROXY,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §16.5: "the proxy MAY continue to add targets to the set
        // after beginning Request Forwarding."
        Received {
            code: 302,
            reference: "RFC 3261 §16.5",
            says: "go on growing",
            level: Level::May,
            roles: PROXY,
            prose: true,
            absent: &[416],
        },
        // RFC 3261 §16.7 step 2: "the proxy MUST reset timer C for that client
        // transaction."
        Received {
            code: 180,
            reference: "RFC 3261 §16.7",
            says: "Timer C",
            level: Level::Must,
            roles: PROXY,
            prose: false,
            absent: &[100, 200],
        },
        // RFC 3261 §16.7 step 4: "a proxy SHOULD NOT recurse to a non-SIPS URI
        // if the Request-URI of the original request was a SIPS URI."
        Received {
            code: 302,
            reference: "RFC 3261 §16.7",
            says: "SIPS Request-URI",
            level: Level::ShouldNot,
            roles: PROXY,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §16.7 step 6: "An element SHOULD preserve the To tag when
        // simply forwarding a 3-6xx response to a request that did not
        // contain a To tag."
        Received {
            code: 404,
            reference: "RFC 3261 §16.7",
            says: "leave the response's To tag",
            level: Level::Should,
            roles: PROXY,
            prose: true,
            absent: &[200],
        },
        // RFC 3261 §16.7 step 3: "If no Via header field values remain in the
        // response, the response was meant for this element and MUST NOT be
        // forwarded."
        Received {
            code: 486,
            reference: "RFC 3261 §16.7",
            says: "meant for the proxy itself",
            level: Level::MustNot,
            roles: PROXY,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §16.7 step 6: "A proxy MUST NOT modify the To tag in any
        // forwarded response to a request that contains a To tag."
        Received {
            code: 481,
            reference: "RFC 3261 §16.7",
            says: "leaves that tag untouched",
            level: Level::MustNot,
            roles: PROXY,
            prose: false,
            absent: &[200],
        },
        // RFC 3261 §17.1.1.2: "In the "Proceeding" state, the client
        // transaction SHOULD NOT retransmit the request any longer."
        Received {
            code: 100,
            reference: "RFC 3261 §17.1.1.2",
            says: "stop retransmitting",
            level: Level::ShouldNot,
            roles: CLIENTS,
            prose: false,
            absent: &[200],
        },
        // RFC 3261 §17.1.1.3: "placement of bodies in ACK for non-2xx is NOT
        // RECOMMENDED".
        Received {
            code: 486,
            reference: "RFC 3261 §17.1.1.3",
            says: "should have no body",
            level: Level::ShouldNot,
            roles: CLIENTS,
            prose: false,
            absent: &[200],
        },
        // RFC 3261 §17.1.1.3: "If it was, the body in the ACK MAY be any type
        // listed in the Accept header field in the 415."
        Received {
            code: 415,
            reference: "RFC 3261 §17.1.1.3",
            says: "Accept header field lists",
            level: Level::May,
            roles: CLIENTS,
            prose: true,
            absent: &[488],
        },
        // RFC 3261 §17.1.2.2: "If Timer E fires while in the "Proceeding"
        // state, the request MUST be passed to the transport layer for
        // retransmission, and Timer E MUST be reset with a value of T2".
        Received {
            code: 100,
            reference: "RFC 3261 §17.1.2.2",
            says: "every T2",
            level: Level::Must,
            roles: CLIENTS,
            prose: true,
            absent: &[180],
        },
        // RFC 3261 §22.1: "it SHOULD render to the user the contents of the
        // "realm" parameter in the challenge".
        Received {
            code: 407,
            reference: "RFC 3261 §22.1",
            says: "show that realm",
            level: Level::Should,
            roles: UAC,
            prose: true,
            absent: &[403],
        },
        // RFC 3261 §22.2: "UAs SHOULD cache the credentials for a given value
        // of the To header field and "realm"".
        Received {
            code: 401,
            reference: "RFC 3261 §22.2",
            says: "per To value and realm",
            level: Level::Should,
            roles: UAC,
            prose: false,
            absent: &[407],
        },
        // RFC 3261 §22.2 (for 401) and §22.3 (for 407): "UACs MAY attempt to
        // retry the request with a username of "anonymous" and no password".
        Received {
            code: 401,
            reference: "RFC 3261 §22.2",
            says: "anonymous",
            level: Level::May,
            roles: UAC,
            prose: true,
            absent: &[],
        },
        Received {
            code: 407,
            reference: "RFC 3261 §22.3",
            says: "anonymous",
            level: Level::May,
            roles: UAC,
            prose: true,
            absent: &[],
        },
        // RFC 3261 §22.3: "The UAC SHOULD also cache the credentials used in
        // the re-originated request."
        Received {
            code: 407,
            reference: "RFC 3261 §22.3",
            says: "should keep the credentials",
            level: Level::Should,
            roles: UAC,
            prose: false,
            absent: &[401],
        },
        // RFC 3261 §22.3: "These credentials MUST NOT be cached across
        // dialogs".
        Received {
            code: 401,
            reference: "RFC 3261 §22.3",
            says: "never kept for other dialogs",
            level: Level::MustNot,
            roles: UAC,
            prose: true,
            absent: &[],
        },
        // RFC 3262 §4: "If the response is a 100 (Trying) (as opposed to 101
        // to 199), this option tag MUST be ignored, and the procedures below
        // MUST NOT be used."
        Received {
            code: 100,
            reference: "RFC 3262 §4",
            says: "never acknowledged with a PRACK",
            level: Level::MustNot,
            roles: UAC,
            prose: false,
            absent: &[180],
        },
        // RFC 3262 §4: "The provisional response MUST establish a dialog if
        // one is not yet created." ... "the UAC MUST create a new request with
        // method PRACK."
        Received {
            code: 183,
            reference: "RFC 3262 §4",
            says: "acknowledges it with a PRACK",
            level: Level::Must,
            roles: UAC,
            prose: true,
            absent: &[100, 200],
        },
        // RFC 3262 §4: "a UAC SHOULD NOT retransmit the PRACK request when it
        // receives a retransmission of the provisional response being
        // acknowledged".
        Received {
            code: 180,
            reference: "RFC 3262 §4",
            says: "send its PRACK again",
            level: Level::ShouldNot,
            roles: UAC,
            prose: true,
            absent: &[100],
        },
        // RFC 3262 §4: "Once a reliable provisional response is received,
        // retransmissions of that response MUST be discarded."
        Received {
            code: 181,
            reference: "RFC 3262 §4",
            says: "repeated copies",
            level: Level::Must,
            roles: UAC,
            prose: true,
            absent: &[100],
        },
        // RFC 3262 §4: "that response MUST NOT be acknowledged with a PRACK,
        // and MUST NOT be processed further by the UAC."
        Received {
            code: 182,
            reference: "RFC 3262 §4",
            says: "out of sequence",
            level: Level::MustNot,
            roles: UAC,
            prose: true,
            absent: &[100],
        },
        // RFC 3262 §4: "The UAC MAY acknowledge reliable provisional responses
        // received after the final response or MAY discard them."
        Received {
            code: 199,
            reference: "RFC 3262 §4",
            says: "after the final response",
            level: Level::May,
            roles: UAC,
            prose: true,
            absent: &[100],
        },
        // RFC 3311 §5.3: "If a UA receives a non-2xx final response to a
        // UPDATE, the session parameters MUST remain unchanged".
        Received {
            code: 491,
            reference: "RFC 3311 §5.3",
            says: "keeps the parameters it had",
            level: Level::Must,
            roles: UAC,
            prose: false,
            absent: &[200],
        },
        // RFC 4028 §7.2: "the UAC MUST look for the Session-Expires header
        // field" ... "The UAC MUST set the identity of the refresher to the
        // value of this parameter."
        Received {
            code: 200,
            reference: "RFC 4028 §7.2",
            says: "reads Session-Expires",
            level: Level::Must,
            roles: UAC,
            prose: false,
            absent: &[422],
        },
        // RFC 4028 §7.2: "it MUST generate a refresh before the session
        // expiration. It is RECOMMENDED that this refresh be sent once half
        // the session interval has elapsed."
        Received {
            code: 200,
            reference: "RFC 4028 §7.2",
            says: "sends a session refresh",
            level: Level::Must,
            roles: UAC,
            prose: true,
            absent: &[],
        },
        // RFC 4028 §7.3: "This new request constitutes a new transaction and
        // SHOULD have the same value as the Call-ID, To, and From of the
        // previous request".
        Received {
            code: 422,
            reference: "RFC 4028 §7.3",
            says: "should keep the Call-ID",
            level: Level::Should,
            roles: UAC,
            prose: true,
            absent: &[423],
        },
        // RFC 4028 §8.2: "This session expiration MUST update any existing
        // session expiration for the session."
        Received {
            code: 200,
            reference: "RFC 4028 §8.2",
            says: "replaces whatever session expiration",
            level: Level::Must,
            roles: PROXY,
            prose: true,
            absent: &[],
        },
        // RFC 4028 §10: "the UAC SHOULD NOT continuously retry the request if
        // the server indicates the same error response."
        Received {
            code: 500,
            reference: "RFC 4028 §10",
            says: "same error every time",
            level: Level::ShouldNot,
            roles: UAC,
            prose: true,
            absent: &[408, 481, 200],
        },
        // RFC 6026 §8.9: "Otherwise, any element other than a stateless proxy
        // MUST silently discard the response."
        Received {
            code: 200,
            reference: "RFC 6026 §8.9",
            says: "quietly drops",
            level: Level::Must,
            roles: UAC,
            prose: true,
            absent: &[],
        },
        // RFC 6228 §4: "SIP entities that keep dialog state SHALL NOT release
        // resources associated with the early dialog when they receive the 199
        // response."
        Received {
            code: 199,
            reference: "RFC 6228 §4",
            says: "does not free",
            level: Level::MustNot,
            roles: CLIENTS,
            prose: true,
            absent: &[180],
        },
        // RFC 6228 §6: "The proxy MAY release resources it has reserved
        // associated with the early dialog that is terminated."
        Received {
            code: 199,
            reference: "RFC 6228 §6",
            says: "may free",
            level: Level::May,
            roles: PROXY,
            prose: false,
            absent: &[180],
        },
        // RFC 8760 §2.4: "When the UAC receives a 401 response with multiple
        // WWW-Authenticate header fields with different realms, it SHOULD
        // retry".
        Received {
            code: 401,
            reference: "RFC 8760 §2.4",
            says: "several realms",
            level: Level::Should,
            roles: UAC,
            prose: true,
            absent: &[407],
        },
    ]
}

#[test]
fn receiver_rules_recorded_with_their_level_roles_and_section() {
    for entry in received() {
        let pick = |r: &Constraint| is_receiver(r) && r.rule().contains(entry.says);
        let found = rule(entry.code, entry.reference, pick);
        let Kind::Receiver(receiver) = found.kind() else {
            unreachable!()
        };
        assert_eq!(found.level(), entry.level, "{found}");
        assert_eq!(found.basis(), Basis::Keyword, "{found}");
        assert_eq!(receiver.roles(), entry.roles, "{found}");
        assert_eq!(receiver.treat_as(), None, "{found}");
        assert_eq!(found.scope().condition().is_some(), entry.prose, "{found}");
        for &code in entry.absent {
            assert!(
                !status(code).rules().any(|r| core::ptr::eq(r, found)
                    || (r.reference().to_string() == entry.reference && pick(r))),
                "{code} should not have: {found}"
            );
        }
    }
}

/// A code's own receiver rule with the same roles and scope as a rule over
/// its class takes that rule's place for the code; the rules added for RFC
/// 3262, RFC 3311, RFC 6228 and RFC 3261 §17.1.1.3 are scoped so that they
/// take none away.
#[test]
fn new_receiver_rules_leave_the_class_rules_in_place() {
    let kept = |code: u16, reference: &str, says: &str| {
        status(code)
            .rules()
            .any(|r| r.reference().to_string() == reference && r.rule().contains(says))
    };
    // RFC 3261 §17.1.1.2: the INVITE client transaction acknowledges a 415.
    assert!(kept(
        415,
        "RFC 3261 §17.1.1.2",
        "acknowledges any 3xx to 6xx"
    ));
    // RFC 3261 §16.7: a proxy never adds or changes the To tag of a 199.
    assert!(kept(199, "RFC 3261 §16.7", "never adds a tag"));
    // RFC 3311 §5.3 holds for a 491 to an UPDATE, besides 491's own timer.
    assert!(kept(491, "RFC 3311 §5.3", "keeps the parameters it had"));
    assert!(kept(491, "RFC 3311 §5.3", "randomised time"));
    // RFC 3261 §8.1.3.5: the retry rule holds for each of its codes.
    for code in [401, 407, 413, 415, 416, 420] {
        assert!(
            kept(code, "RFC 3261 §8.1.3.5", "carry over the Call-ID"),
            "{code}"
        );
    }
}

// ---------------------------------------------------------------------------
// What a 2xx to an INVITE does to the dialog when the UAC will not go on
// ---------------------------------------------------------------------------

/// RFC 3261 §13.2.2.4: "If the offer in the 2xx response is not acceptable,
/// the UAC core MUST generate a valid answer in the ACK and then send a BYE
/// immediately." ... "the UAC MUST terminate the dialog by sending a BYE
/// request". §14.2: "the UAC SHOULD generate an answer with a valid session
/// description, and then send a BYE to terminate the session." Each holds in
/// a circumstance only the UAC knows, so `dialog_effect` applies none of them.
#[test]
fn a_2xx_to_an_invite_the_uac_will_not_keep() {
    let dialog_rules = |reference: &str| -> Vec<&'static Constraint> {
        StatusCode::OK
            .rules()
            .filter(|r| {
                r.reference().to_string() == reference && matches!(r.kind(), Kind::Dialog(_))
            })
            .collect()
    };
    let initial = dialog_rules("RFC 3261 §13.2.2.4");
    assert_eq!(initial.len(), 2);
    for rule in initial {
        assert_eq!(rule.kind(), Kind::Dialog(DialogEffect::Dialog), "{rule}");
        assert_eq!(rule.level(), Level::Must, "{rule}");
        assert_eq!(rule.basis(), Basis::Keyword, "{rule}");
        assert_eq!(rule.scope().methods(), ["INVITE"], "{rule}");
        assert_eq!(rule.scope().in_dialog(), Some(false), "{rule}");
        assert!(rule.scope().condition().is_some(), "{rule}");
    }
    let reinvite = dialog_rules("RFC 3261 §14.2");
    let [rule] = reinvite.as_slice() else {
        panic!("{reinvite:?}")
    };
    assert_eq!(rule.kind(), Kind::Dialog(DialogEffect::Usage));
    assert_eq!(rule.level(), Level::Should);
    assert_eq!(rule.basis(), Basis::Keyword);
    assert_eq!(rule.scope().in_dialog(), Some(true));
    assert!(rule.scope().condition().is_some());
    // Prose is not applied: a 2xx to an INVITE ends nothing by itself.
    for in_dialog in [false, true] {
        let invite = Context::new().method("INVITE").in_dialog(in_dialog);
        assert_eq!(
            StatusCode::OK.dialog_effect(&invite),
            DialogEffect::Transaction
        );
        assert!(StatusCode::OK.dialog_constraint(&invite).is_none());
    }
}
