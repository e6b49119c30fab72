//! A forking proxy's response context, scenario by scenario (RFC 3261 §16.7).

use proptest::prelude::*;
use sipcodes::proxy::{Best, ResponseContext, Slot};
use sipcodes::rules::{Context, Failure, Names, ProxyAction};
use sipcodes::{SipCode, StatusCode};

fn code(number: u16) -> StatusCode {
    StatusCode::new(number).unwrap()
}

/// Feeds `responses` (branch, code) to a context of `branches` branches for an
/// INVITE and returns the actions and the best response's (status, send_as).
fn run(
    method: &str,
    branches: usize,
    responses: &[(usize, u16)],
) -> (Vec<ProxyAction>, Option<(u16, u16)>) {
    let mut slots: Vec<Slot<StatusCode>> = (0..branches).map(|_| Slot::Pending).collect();
    let mut context = ResponseContext::new(Context::new().method(method), &mut slots);
    let actions = responses
        .iter()
        .map(|&(branch, number)| context.receive(branch, code(number)))
        .collect();
    for branch in 0..branches {
        context.end_branch(branch);
    }
    (actions, best(&context))
}

/// Feeds `responses` (branch, status) to a response context of `branches`
/// branches for a request known by `context`, and hands it to `look`.
fn fed<T, H: Names, Q: Names, S: Names>(
    context: Context<'_, H, Q, S>,
    branches: usize,
    responses: &[(usize, StatusCode)],
    look: impl FnOnce(&ResponseContext<'_, '_, StatusCode, H, Q, S>) -> T,
) -> T {
    let mut slots: Vec<Slot<StatusCode>> = (0..branches).map(|_| Slot::Pending).collect();
    let mut context = ResponseContext::new(context, &mut slots);
    for &(branch, status) in responses {
        context.receive(branch, status);
    }
    look(&context)
}

/// The best response as (status, send_as), with status 0 for a code of the
/// proxy's own.
fn best(context: &ResponseContext<'_, '_, StatusCode>) -> Option<(u16, u16)> {
    match context.best() {
        Some(Best::Response {
            response, send_as, ..
        }) => Some((response.as_u16(), send_as.as_u16())),
        Some(Best::Generate(code)) => Some((0, code.as_u16())),
        None => None,
    }
}

#[test]
fn a_100_is_absorbed() {
    assert_eq!(run("INVITE", 1, &[(0, 100)]).0, [ProxyAction::Absorb]);
}

#[test]
fn a_180_is_forwarded_while_no_final_response_went_upstream() {
    let (actions, _) = run("INVITE", 2, &[(0, 180), (1, 200), (0, 180)]);
    assert_eq!(
        actions,
        [
            ProxyAction::Forward,
            ProxyAction::Forward,
            ProxyAction::Absorb
        ]
    );
}

#[test]
fn every_2xx_to_an_invite_is_forwarded_at_once() {
    let (actions, best) = run("INVITE", 3, &[(0, 486), (1, 200), (2, 200)]);
    assert_eq!(
        actions,
        [
            ProxyAction::Collect,
            ProxyAction::Forward,
            ProxyAction::Forward
        ]
    );
    assert_eq!(best, None, "a final response already went upstream");
}

#[test]
fn only_the_first_2xx_to_a_non_invite_is_forwarded() {
    let (actions, _) = run("OPTIONS", 2, &[(0, 200), (1, 200)]);
    assert_eq!(actions, [ProxyAction::Forward, ProxyAction::Absorb]);
}

#[test]
fn every_2xx_on_one_invite_branch_is_forwarded() {
    // A proxy further downstream forked the INVITE and two callees answered.
    let (actions, best) = run("INVITE", 2, &[(0, 200), (0, 200), (1, 486), (1, 200)]);
    assert_eq!(
        actions,
        [
            ProxyAction::Forward,
            ProxyAction::Forward,
            ProxyAction::Absorb,
            ProxyAction::Forward
        ]
    );
    assert_eq!(best, None);
    let (actions, _) = run("OPTIONS", 1, &[(0, 200), (0, 200)]);
    assert_eq!(actions, [ProxyAction::Forward, ProxyAction::Absorb]);
}

#[test]
fn what_else_arrives_on_an_ended_branch_is_absorbed() {
    // A late provisional response, and a retransmitted final one.
    let (actions, best) = run("INVITE", 2, &[(0, 486), (0, 180), (0, 486), (1, 404)]);
    assert_eq!(
        actions,
        [
            ProxyAction::Collect,
            ProxyAction::Absorb,
            ProxyAction::Absorb,
            ProxyAction::Collect
        ]
    );
    assert_eq!(best, Some((486, 486)));
}

#[test]
fn a_6xx_cancels_the_other_branches_and_wins() {
    // The other branches answer the CANCEL with 487; the 6xx is then sent.
    let (actions, best) = run("INVITE", 3, &[(0, 404), (1, 603), (2, 487)]);
    assert_eq!(
        actions,
        [
            ProxyAction::Collect,
            ProxyAction::CancelBranches,
            ProxyAction::Collect
        ]
    );
    assert_eq!(best, Some((603, 603)));
    // An unregistered 6xx too, by its class.
    let (actions, best) = run("INVITE", 2, &[(0, 699), (1, 302)]);
    assert_eq!(actions, [ProxyAction::CancelBranches, ProxyAction::Collect]);
    assert_eq!(best, Some((699, 699)));
}

#[test]
fn a_2xx_after_a_6xx_still_goes_upstream() {
    let (actions, best) = run("INVITE", 2, &[(0, 603), (1, 200)]);
    assert_eq!(actions, [ProxyAction::CancelBranches, ProxyAction::Forward]);
    assert_eq!(best, None, "the 2xx was the final response");
}

/// What a context fed `first`, then a 407 and a 401, on three branches of an
/// INVITE, chooses: the response, the header fields it merges, and the
/// responses whose challenges are merged.
fn challenged_after(first: StatusCode) -> (StatusCode, Vec<&'static str>, Vec<StatusCode>) {
    let responses = [
        (0, first),
        (1, StatusCode::PROXY_AUTHENTICATION_REQUIRED),
        (2, StatusCode::UNAUTHORIZED),
    ];
    fed(Context::new().method("INVITE"), 3, &responses, |context| {
        let Some(Best::Response {
            response, merge, ..
        }) = context.best()
        else {
            panic!("a response is chosen")
        };
        (
            *response,
            merge.to_vec(),
            context.merged().copied().collect(),
        )
    })
}

#[test]
fn challenges_are_merged_and_preferred_over_404() {
    let (response, merge, merged) = challenged_after(StatusCode::NOT_FOUND);
    assert_eq!(response, StatusCode::PROXY_AUTHENTICATION_REQUIRED);
    let merges = |name| <[&str]>::contains(&merge, &name);
    assert!(merges("WWW-Authenticate") && merges("Proxy-Authenticate"));
    assert_eq!(
        merged,
        [
            StatusCode::PROXY_AUTHENTICATION_REQUIRED,
            StatusCode::UNAUTHORIZED
        ]
    );
}

#[test]
fn nothing_is_merged_when_no_challenge_is_chosen() {
    let mut slots: [Slot<StatusCode>; 2] = Default::default();
    let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
    context.receive(0, StatusCode::MOVED_TEMPORARILY);
    context.receive(1, StatusCode::UNAUTHORIZED);
    assert!(matches!(
        context.best(),
        Some(Best::Response { merge: [], .. })
    ));
    assert_eq!(context.merged().count(), 0);
}

#[test]
fn a_lone_503_goes_upstream_as_500() {
    assert_eq!(run("INVITE", 1, &[(0, 503)]).1, Some((503, 500)));
}

#[test]
fn a_3xx_beats_a_4xx_and_a_4xx_a_5xx() {
    assert_eq!(run("INVITE", 2, &[(0, 404), (1, 302)]).1, Some((302, 302)));
    assert_eq!(run("INVITE", 2, &[(0, 500), (1, 486)]).1, Some((486, 486)));
}

#[test]
fn unregistered_codes_are_ranked_by_class_and_kept_whole() {
    assert_eq!(run("INVITE", 2, &[(0, 599), (1, 499)]).1, Some((499, 499)));
    // Without a registry preference, the earliest branch wins within a class.
    assert_eq!(run("INVITE", 2, &[(0, 499), (1, 404)]).1, Some((499, 499)));
    // A registry preference beats an unregistered code of the same class.
    assert_eq!(run("INVITE", 2, &[(0, 499), (1, 484)]).1, Some((484, 484)));
}

#[test]
fn no_final_response_gives_408_to_an_invite() {
    let (_, best) = run("INVITE", 2, &[(0, 180)]);
    assert_eq!(best, Some((0, 408)));
}

#[test]
fn no_408_is_produced_for_a_non_invite_request() {
    // RFC 4320 §4.2: no 408 to a non-INVITE request.
    let (_, best) = run("OPTIONS", 2, &[]);
    assert_eq!(best, None);
    assert_eq!(run("BYE", 1, &[(0, 100)]).1, None);
}

/// A branch's event: a response with this code, or a failure.
#[derive(Clone, Copy, Debug)]
enum Event {
    Response(u16),
    Failed(Failure),
}

/// One event per branch, in branch order; returns the actions and the best
/// response as `run` does.
fn run_events(method: &str, events: &[Event]) -> (Vec<ProxyAction>, Option<(u16, u16)>) {
    let mut slots: Vec<Slot<StatusCode>> = events.iter().map(|_| Slot::Pending).collect();
    let mut context = ResponseContext::new(Context::new().method(method), &mut slots);
    let actions = events
        .iter()
        .enumerate()
        .map(|(branch, event)| match *event {
            Event::Response(number) => context.receive(branch, code(number)),
            Event::Failed(failure) => context.fail_branch(branch, failure),
        })
        .collect();
    (actions, best(&context))
}

#[test]
fn a_timed_out_branch_counts_as_a_408() {
    use Event::*;
    // RFC 3261 §16.8: as if the branch had received a 408, which as a 4xx beats
    // a 5xx (§16.7 step 6).
    let (actions, best) = run_events("INVITE", &[Failed(Failure::Timeout), Response(500)]);
    assert_eq!(actions, [ProxyAction::Collect, ProxyAction::Collect]);
    assert_eq!(best, Some((0, 408)));
    // A 3xx still beats it.
    let (_, best) = run_events("INVITE", &[Failed(Failure::Timeout), Response(302)]);
    assert_eq!(best, Some((302, 302)));
}

#[test]
fn a_failed_transport_counts_as_a_503_and_goes_upstream_as_500() {
    use Event::*;
    // RFC 3261 §16.9, and §16.7 step 6 for the 503.
    let (actions, best) = run_events("INVITE", &[Failed(Failure::TransportError)]);
    assert_eq!(actions, [ProxyAction::Collect]);
    assert_eq!(best, Some((0, 500)));
    let (_, best) = run_events("INVITE", &[Failed(Failure::TransportError), Response(486)]);
    assert_eq!(best, Some((486, 486)));
    let (_, best) = run_events("MESSAGE", &[Failed(Failure::TransportError)]);
    assert_eq!(best, Some((0, 500)));
}

#[test]
fn no_408_goes_upstream_for_a_non_invite_request_even_from_a_branch() {
    use Event::*;
    // RFC 4320 §4.2: the timeout's 408 is not sent; another candidate is.
    let (_, best) = run_events("OPTIONS", &[Failed(Failure::Timeout), Response(404)]);
    assert_eq!(best, Some((404, 404)));
    let (_, best) = run_events("OPTIONS", &[Failed(Failure::Timeout)]);
    assert_eq!(best, None);
    // Nor a 408 a branch sent against that rule.
    assert_eq!(run_events("BYE", &[Response(408)]).1, None);
    assert_eq!(run_events("INVITE", &[Response(408)]).1, Some((408, 408)));
}

#[test]
fn a_failure_after_the_branch_ended_is_absorbed() {
    let mut slots: [Slot<StatusCode>; 2] = Default::default();
    let mut context = ResponseContext::new(Context::new().method("OPTIONS"), &mut slots);
    context.receive(0, StatusCode::NOT_FOUND);
    assert_eq!(
        context.fail_branch(0, Failure::Timeout),
        ProxyAction::Absorb
    );
    assert_eq!(
        context.fail_branch(7, Failure::Timeout),
        ProxyAction::Absorb
    );
    // After a final response went upstream, a failure is kept for nothing.
    let mut slots: [Slot<StatusCode>; 2] = Default::default();
    let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
    context.receive(0, StatusCode::OK);
    assert_eq!(
        context.fail_branch(1, Failure::TransportError),
        ProxyAction::Absorb
    );
    assert!(context.is_complete());
    assert_eq!(context.best(), None);
    assert!(matches!(slots[1], Slot::Ended));
}

#[test]
fn best_waits_for_every_branch() {
    let mut slots: [Slot<StatusCode>; 2] = Default::default();
    let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
    context.receive(0, StatusCode::NOT_FOUND);
    assert_eq!(context.best(), None);
    context.receive(1, StatusCode::BUSY_HERE);
    assert!(context.best().is_some());
}

#[test]
fn an_application_response_type_plugs_in() {
    #[derive(Debug, PartialEq)]
    struct Response {
        status: StatusCode,
        branch: &'static str,
    }
    impl sipcodes::proxy::ProxiedResponse for Response {
        fn status(&self) -> StatusCode {
            self.status
        }
    }
    let mut slots: [Slot<Response>; 2] = Default::default();
    let mut context = ResponseContext::new(Context::new().method("INVITE"), &mut slots);
    context.receive(
        0,
        Response {
            status: StatusCode::NOT_FOUND,
            branch: "a",
        },
    );
    context.receive(
        1,
        Response {
            status: StatusCode::NOT_FOUND,
            branch: "b",
        },
    );
    let Some(Best::Response { response, .. }) = context.best() else {
        panic!()
    };
    assert_eq!(response.branch, "a");
}

fn any_final() -> impl Strategy<Value = u16> {
    prop_oneof![200..700u16, Just(401u16), Just(407), Just(503), Just(603)]
}

proptest! {
    /// The response chosen is one that was received, sent as itself or as the
    /// registry's upstream code; or 408 when nothing final arrived.
    #[test]
    fn the_best_response_is_one_received(
        codes in proptest::collection::vec(any_final(), 0..6),
        method in prop_oneof![Just("INVITE"), Just("OPTIONS")],
    ) {
        let responses: Vec<(usize, u16)> = codes.iter().copied().enumerate().collect();
        let (_, best) = run(method, codes.len().max(1), &responses);
        match best {
            Some((0, generated)) => {
                prop_assert_eq!(generated, 408);
                prop_assert!(codes.is_empty() && method == "INVITE");
            }
            Some((received, sent)) => {
                prop_assert!(codes.contains(&received));
                prop_assert!(sent == received || (received == 503 && sent == 500));
            }
            None => prop_assert!(
                codes.iter().any(|&c| (200..300).contains(&c)) || method != "INVITE"
            ),
        }
    }

    /// With failed branches among the responses, the best is still one
    /// received, or a failure's stand-in as the registry sends it upstream; a
    /// non-INVITE request never gets a 408.
    #[test]
    fn failed_branches_stand_in_for_responses(
        events in proptest::collection::vec(
            prop_oneof![
                any_final().prop_map(Event::Response),
                Just(Event::Failed(Failure::Timeout)),
                Just(Event::Failed(Failure::TransportError)),
            ],
            1..6,
        ),
        method in prop_oneof![Just("INVITE"), Just("OPTIONS")],
    ) {
        let (_, best) = run_events(method, &events);
        let received: Vec<u16> = events
            .iter()
            .filter_map(|event| match event {
                Event::Response(number) => Some(*number),
                Event::Failed(_) => None,
            })
            .collect();
        let failed = |wanted: Failure| {
            events.iter().any(|event| matches!(event, Event::Failed(failure) if *failure == wanted))
        };
        match best {
            Some((0, 408)) => prop_assert!(method == "INVITE" && failed(Failure::Timeout)),
            Some((0, 500)) => prop_assert!(failed(Failure::TransportError)),
            Some((0, other)) => prop_assert!(false, "generated {}", other),
            Some((chosen, sent)) => {
                prop_assert!(received.contains(&chosen));
                prop_assert!(sent == chosen || (chosen == 503 && sent == 500));
                prop_assert!(!(chosen == 408 && method != "INVITE"));
            }
            None => prop_assert!(
                received.iter().any(|c| (200..300).contains(c)) || method != "INVITE"
            ),
        }
    }

    /// A 6xx wins over any non-2xx received before or after it.
    #[test]
    fn a_6xx_always_wins_over_any_non_2xx(
        before in proptest::collection::vec(300..600u16, 0..4),
        global in 600..700u16,
        after in proptest::collection::vec(300..600u16, 0..4),
    ) {
        let mut responses: Vec<u16> = before.clone();
        responses.push(global);
        responses.extend(&after);
        let indexed: Vec<(usize, u16)> = responses.iter().copied().enumerate().collect();
        let (actions, best) = run("INVITE", responses.len(), &indexed);
        prop_assert_eq!(actions[before.len()], ProxyAction::CancelBranches);
        let (chosen, sent) = best.expect("a response is chosen");
        prop_assert_eq!((chosen, sent), (global, global));
    }
}

#[test]
fn the_proxy_actions_come_from_the_registry() {
    use sipcodes::rules::ProxyAction;
    // Every registered code has a proxy action for an INVITE, from its own
    // rule or its class's.
    for code in SipCode::ALL {
        assert!(
            StatusCode::from(code)
                .proxy_rule(&Context::new().method("INVITE").after_final(false))
                .is_some(),
            "{code}"
        );
        assert!(
            StatusCode::from(code)
                .proxy_rule(&Context::new().method("INVITE").after_final(true))
                .is_some(),
            "{code}"
        );
    }
    assert_eq!(
        StatusCode::SESSION_PROGRESS
            .proxy_rule(&Context::new().method("INVITE").after_final(false))
            .map(|rule| rule.action()),
        Some(ProxyAction::Forward)
    );
}

/// RFC 3261 §16.10: "a new response context is not created for" a CANCEL;
/// the proxy answers it itself, so the 200 to a CANCEL it sent on a branch is
/// not forwarded, while a 2xx to any other non-INVITE request is.
#[test]
fn a_2xx_to_a_cancel_has_no_response_context() {
    let ok = |method| {
        StatusCode::OK
            .proxy_rule(&Context::new().method(method).after_final(false))
            .map(|rule| rule.action())
    };
    assert_eq!(ok("CANCEL"), None);
    assert_eq!(ok("BYE"), Some(sipcodes::rules::ProxyAction::Forward));
    assert_eq!(ok("INVITE"), Some(sipcodes::rules::ProxyAction::Forward));
}

/// The decisions name no code and no preference in Rust: every one is read
/// from the registry. Checked on the source, comments and doc examples aside.
#[test]
fn no_code_is_named_in_the_decision_code() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../sipcodes/src");
    // The class fallback of RFC 3261 §8.1.3.2 is read from the registry too;
    // those two files name class digits (`code / 100`), so only names count there.
    for (file, digits_too) in [
        ("proxy.rs", true),
        ("receiver.rs", true),
        ("rules/general.rs", false),
        ("class.rs", false),
    ] {
        let source = std::fs::read_to_string(root.join(file)).expect("read the source");
        for (number, line) in source.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            // The one code the context names: the 199 a forking proxy makes
            // itself, which RFC 6228 §6 is about (`owes_early_dialog_terminated`).
            if file == "proxy.rs"
                && code == "let rules = SipCode::EarlyDialogTerminated.constraints();"
            {
                continue;
            }
            let names_a_code = SipCode::ALL.iter().any(|variant| {
                code.contains(&format!("SipCode::{variant:?}"))
                    || code.contains(&format!("StatusCode::{}", constant(*variant)))
            });
            assert!(
                !names_a_code && !code.contains("StatusCode::new("),
                "{file}:{}: {line}",
                number + 1
            );
            let digits: Vec<&str> = code
                .split(|c: char| !c.is_ascii_digit())
                .filter(|run| run.len() == 3)
                .collect();
            assert!(
                !digits_too || digits.is_empty(),
                "{file}:{}: {line}",
                number + 1
            );
        }
    }
}

/// `BusyHere` → `BUSY_HERE`.
fn constant(code: SipCode) -> String {
    let mut name = String::new();
    for (index, c) in format!("{code:?}").chars().enumerate() {
        if c.is_ascii_uppercase() && index > 0 {
            name.push('_');
        }
        name.push(c.to_ascii_uppercase());
    }
    name
}

/// RFC 3261 §16.7 step 7: "If the selected response is a 401 (Unauthorized)
/// or 407 (Proxy Authentication Required), the proxy MUST collect any
/// WWW-Authenticate and Proxy-Authenticate header field values from all other
/// 401 (Unauthorized) and 407 (Proxy Authentication Required) responses";
/// step 6 only says the proxy SHOULD prefer them. Two rules, two levels.
#[test]
fn the_challenges_are_merged_at_must_and_preferred_at_should() {
    use sipcodes::rules::{Kind, Level};
    for status in [
        StatusCode::UNAUTHORIZED,
        StatusCode::PROXY_AUTHENTICATION_REQUIRED,
    ] {
        let proxy: Vec<_> = status
            .rules()
            .filter_map(|rule| match rule.kind() {
                Kind::Proxy(proxy) => Some((rule.level(), proxy.prefer(), proxy.merge())),
                _ => None,
            })
            .collect();
        assert!(
            proxy.contains(&(Level::Should, Some(3), &[][..])),
            "{status}: {proxy:?}"
        );
        assert!(
            proxy.contains(&(
                Level::Must,
                None,
                &["WWW-Authenticate", "Proxy-Authenticate"][..]
            )),
            "{status}: {proxy:?}"
        );
    }
    // The preference still ranks them first among 4xx, and the merge still
    // gathers every challenge, not the 486.
    let (response, merge, merged) = challenged_after(StatusCode::BUSY_HERE);
    assert_eq!(response, StatusCode::PROXY_AUTHENTICATION_REQUIRED);
    assert_eq!(merge, ["WWW-Authenticate", "Proxy-Authenticate"]);
    assert_eq!(
        merged,
        [
            StatusCode::PROXY_AUTHENTICATION_REQUIRED,
            StatusCode::UNAUTHORIZED
        ]
    );
    // A 486 chosen merges nothing.
    let busy = [(0, StatusCode::BUSY_HERE)];
    let merged = fed(Context::new().method("INVITE"), 1, &busy, |context| {
        context.merged().count()
    });
    assert_eq!(merged, 0);
}

/// RFC 3261 §16.7 step 10: "If the forwarded response was a final response,
/// the proxy MUST generate a CANCEL request for all pending client
/// transactions associated with this response context. A proxy SHOULD also
/// generate a CANCEL request [...] when it receives a 6xx response."
#[test]
fn the_branches_left_pending_by_a_2xx_or_a_6xx_are_to_be_cancelled() {
    let cancelled = |method: &'static str, responses: &[(usize, StatusCode)]| {
        fed(Context::new().method(method), 3, responses, |context| {
            context.to_cancel().collect::<Vec<_>>()
        })
    };
    let ringing = [(0, StatusCode::RINGING), (1, StatusCode::RINGING)];
    assert_eq!(cancelled("INVITE", &ringing), [] as [usize; 0]);
    let answered = [ringing[0], ringing[1], (2, StatusCode::OK)];
    assert_eq!(cancelled("INVITE", &answered), [0, 1]);
    let declined = [ringing[0], (1, StatusCode::DECLINE)];
    assert_eq!(cancelled("INVITE", &declined), [0, 2]);
    // A 486 is collected, and the other branches go on.
    let busy = [ringing[0], (1, StatusCode::BUSY_HERE)];
    assert_eq!(cancelled("INVITE", &busy), [] as [usize; 0]);
    // A CANCEL is for INVITE only (§9.1): a 200 to OPTIONS cancels nothing.
    assert_eq!(
        cancelled("OPTIONS", &[(2, StatusCode::OK)]),
        [] as [usize; 0]
    );
    // The rule behind it, for the report.
    let rule = StatusCode::OK
        .cancels_branches(&Context::new().method("INVITE"))
        .unwrap();
    assert_eq!(rule.level(), sipcodes::rules::Level::Must);
    assert_eq!(rule.reference().to_string(), "RFC 3261 §16.7");
}

/// RFC 6228 §6: a forking proxy "MUST generate and send a 199 response
/// upstream" when a non-2xx final response ends an early dialog and is not
/// forwarded at once, if the request's Supported had "199"; "MUST NOT" when
/// the request required 100rel; not once a final response went upstream.
#[test]
fn a_forking_proxy_owes_a_199_for_an_early_dialog_a_kept_failure_ends() {
    let owed = |context: Context<'_, [&str; 1], [&str; 1], [&str; 1]>,
                responses: &[(usize, StatusCode)],
                last: StatusCode| {
        fed(context, 2, responses, |context| {
            context
                .owes_early_dialog_terminated(last)
                .map(|rule| rule.reference().to_string())
        })
    };
    let invite = |supported, required| {
        Context::new()
            .method("INVITE")
            .request_headers(["Supported"])
            .supported([supported])
            .require([required])
    };
    let busy = [(0, StatusCode::RINGING), (0, StatusCode::BUSY_HERE)];
    assert_eq!(
        owed(invite("199", "timer"), &busy, StatusCode::BUSY_HERE).as_deref(),
        Some("RFC 6228 §6")
    );
    // Without 199 in Supported, or with 100rel required: none.
    assert_eq!(
        owed(invite("timer", "timer"), &busy, StatusCode::BUSY_HERE),
        None
    );
    assert_eq!(
        owed(invite("199", "100rel"), &busy, StatusCode::BUSY_HERE),
        None
    );
    // A 6xx is kept too, and ends its early dialog.
    let declined = [(0, StatusCode::RINGING), (0, StatusCode::DECLINE)];
    assert!(owed(invite("199", "timer"), &declined, StatusCode::DECLINE).is_some());
    // A 2xx is no failure; after a final response went upstream nothing is owed.
    assert_eq!(owed(invite("199", "timer"), &[], StatusCode::OK), None);
    let answered = [
        (1, StatusCode::OK),
        (0, StatusCode::RINGING),
        (0, StatusCode::BUSY_HERE),
    ];
    assert_eq!(
        owed(invite("199", "timer"), &answered, StatusCode::BUSY_HERE),
        None
    );
}

/// RFC 3261 §16.7 step 2: "For an INVITE transaction, if the response is a
/// provisional response with status codes 101 to 199 inclusive (i.e.,
/// anything but 100), the proxy MUST reset timer C for that client
/// transaction."
#[test]
fn a_provisional_but_100_to_an_invite_restarts_timer_c() {
    use sipcodes::rules::Timer;
    let restarts = |method: &'static str, status: StatusCode| {
        fed(Context::new().method(method), 1, &[], |context| {
            context.restarts_timer(status)
        })
    };
    for status in [
        StatusCode::RINGING,
        StatusCode::SESSION_PROGRESS,
        code(199),
        code(150),
    ] {
        assert_eq!(restarts("INVITE", status), Some(Timer::C), "{status}");
    }
    assert_eq!(restarts("INVITE", StatusCode::TRYING), None);
    assert_eq!(restarts("INVITE", StatusCode::OK), None);
    assert_eq!(restarts("OPTIONS", StatusCode::RINGING), None);
}
