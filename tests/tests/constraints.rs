//! The registry's rules that the issue tracker and RFC 3261 name explicitly.

use sipcodes::SipCode;
use sipcodes::rules::{Constraint, Kind, Level, Role};

fn rules(code: SipCode) -> impl Iterator<Item = &'static Constraint> {
    code.constraints().iter()
}

fn header_rule(code: SipCode, header: &str) -> Option<&'static Constraint> {
    rules(code).find(|rule| matches!(rule.kind(), Kind::Header(names) if names.contains(&header)))
}

fn senders(code: SipCode, level: Level) -> Vec<Role> {
    rules(code)
        .filter(|rule| rule.level() == level)
        .filter_map(|rule| match rule.kind() {
            Kind::Sender(roles) => Some(roles),
            _ => None,
        })
        .flatten()
        .copied()
        .collect()
}

#[test]
fn mandatory_headers() {
    for (code, header, rfc) in [
        (SipCode::MethodNotAllowed, "Allow", 3261),
        (SipCode::Unauthorized, "WWW-Authenticate", 3261),
        (
            SipCode::ProxyAuthenticationRequired,
            "Proxy-Authenticate",
            3261,
        ),
        (SipCode::BadExtension, "Unsupported", 3261),
        (SipCode::ExtensionRequired, "Require", 3261),
        (SipCode::SessionIntervalTooSmall, "Min-SE", 4028),
        (SipCode::IntervalTooBrief, "Min-Expires", 3261),
        (SipCode::SecurityAgreementRequired, "Security-Server", 3329),
        (SipCode::UseProxy, "Contact", 3261),
    ] {
        let rule = header_rule(code, header).unwrap_or_else(|| panic!("{code}: no {header} rule"));
        assert_eq!(rule.level(), Level::Must, "{code} {header}");
        assert_eq!(rule.reference().rfc(), rfc, "{code} {header}");
    }
}

#[test]
fn redirections_name_their_targets_in_contact() {
    for code in [
        SipCode::MultipleChoices,
        SipCode::MovedPermanently,
        SipCode::MovedTemporarily,
    ] {
        let rule = header_rule(code, "Contact").unwrap_or_else(|| panic!("{code}"));
        assert_eq!(rule.level(), Level::Should, "{code}");
    }
}

#[test]
fn retry_after_is_allowed_where_rfc_3261_section_20_33_says() {
    for code in [
        SipCode::NotFound,
        SipCode::RequestEntityTooLarge,
        SipCode::TemporarilyUnavailable,
        SipCode::BusyHere,
        SipCode::ServerInternalError,
        SipCode::ServiceUnavailable,
        SipCode::BusyEverywhere,
        SipCode::Decline,
    ] {
        assert!(header_rule(code, "Retry-After").is_some(), "{code}");
    }
}

#[test]
fn who_sends_what() {
    assert_eq!(senders(SipCode::UseProxy, Level::Must), [Role::Uas]);
    let unauthorized = senders(SipCode::Unauthorized, Level::May);
    assert!(unauthorized.contains(&Role::Uas) && unauthorized.contains(&Role::Registrar));
    assert_eq!(
        senders(SipCode::Unauthorized, Level::MustNot),
        [Role::Proxy]
    );
    assert!(senders(SipCode::ProxyAuthenticationRequired, Level::May).contains(&Role::Proxy));
}

#[test]
fn how_receivers_treat_codes() {
    let receiver = |code: SipCode| {
        rules(code).filter_map(|rule| match rule.kind() {
            Kind::Receiver(receiver) => Some((rule.level(), receiver)),
            _ => None,
        })
    };
    assert!(rules(SipCode::Trying).any(|rule| matches!(
        rule.kind(),
        Kind::Proxy(proxy) if proxy.action() == sipcodes::rules::ProxyAction::Absorb
    )));
    assert!(
        receiver(SipCode::ServiceUnavailable)
            .any(|(_, r)| r.treat_as() == Some(SipCode::ServerInternalError)
                && r.unless_header() == Some("Retry-After"))
    );
    assert!(receiver(SipCode::Accepted).any(|(_, r)| r.treat_as() == Some(SipCode::Ok)));
}

#[test]
fn every_rule_cites_a_section() {
    for code in SipCode::ALL {
        for rule in code.constraints() {
            assert!(rule.reference().section().is_some(), "{code}: {rule}");
        }
    }
}

/// The levels of the receiver rules for `role` with this reference, among a
/// code's own rules and those of its class, that `keep` accepts, sorted.
fn receiver_levels(
    code: SipCode,
    role: Role,
    reference: &str,
    keep: impl Fn(&Constraint) -> bool,
) -> Vec<Level> {
    let mut levels: Vec<Level> = code
        .rules()
        .filter(|rule| {
            matches!(rule.kind(), Kind::Receiver(receiver) if receiver.roles().contains(&role))
                && rule.reference().to_string() == reference
                && keep(rule)
        })
        .map(|rule| rule.level())
        .collect();
    levels.sort_by_key(|level| level.as_str());
    levels
}

/// RFC 8760 §2.4: "it SHOULD use the topmost header field that it supports
/// [...] The client MUST ignore any challenge it does not understand." Two
/// sentences, two levels, two rules.
#[test]
fn a_uac_ignores_challenges_it_does_not_understand_at_must() {
    for code in [SipCode::Unauthorized, SipCode::ProxyAuthenticationRequired] {
        // The SHOULD for challenges from several realms is a third sentence,
        // about a 401 only, and has `when`.
        let levels = receiver_levels(code, Role::Uac, "RFC 8760 §2.4", |rule| {
            rule.scope().condition().is_none()
        });
        assert_eq!(levels, [Level::Must, Level::Should], "{code}");
    }
}

/// RFC 3261 §16.7 step 4: the recursed contacts "MUST remove them from the
/// response"; the contactless response "SHOULD NOT" be added to the context.
#[test]
fn a_proxy_s_recursion_on_a_3xx_keeps_the_rfc_s_two_levels() {
    // §16.7 states more about a 3xx a proxy receives (SIPS, the To tag); only
    // the two sentences on recursing are meant here.
    let levels = receiver_levels(
        SipCode::MovedTemporarily,
        Role::Proxy,
        "RFC 3261 §16.7",
        |rule| rule.rule().contains("recurse"),
    );
    assert_eq!(levels, [Level::Must, Level::ShouldNot]);
}
