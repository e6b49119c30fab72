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
    assert!(found.next().is_none(), "{code}: more than one such rule citing {reference}");
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
    assert!(StatusCode::TRYING.rules().all(|r| !(is_header("RSeq")(r) && r.level() == Level::May)));
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
            .context(Context::new().method("MESSAGE").roles(roles).generates(generates))
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
    let may = rule(200, "RFC 6665 §4.1.3", |r| matches!(r.kind(), Kind::Body(_)));
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
    /// A context in which `Check::undecided()` lists the rule; `None` for a
    /// rule it never lists (a MAY, a send duty, a receiver rule).
    undecided_in: Option<Context<'static>>,
}

fn recorded() -> Vec<Recorded> {
    vec![
        // RFC 3261 §13.3.1.1: "A UAS MAY send as many provisional responses as
        // it likes."
        Recorded {
            code: 180,
            reference: "RFC 3261 §13.3.1.1",
            pick: |r| is_send(r) && r.level() == Level::May,
            level: Level::May,
            undecided_in: None,
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
        if let Some(context) = entry.undecided_in {
            let check = Check::new(status(entry.code)).headers(BASE).context(context);
            assert!(
                check.undecided().any(|r| core::ptr::eq(r, found)),
                "{} not undecided: {found}",
                entry.code
            );
        }
        let _ = is_receiver(found);
    }
}
