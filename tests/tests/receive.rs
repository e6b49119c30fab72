//! What an element acts on when its transaction or transport layer reports a
//! failure instead of a response (RFC 3261 §8.1.3.1, §16.8, §16.9).

use sipcodes::rules::{Client, Context, Failure, Role};
use sipcodes::{SipCode, StatusCode};

#[test]
fn failures_stand_for_the_codes_the_registry_names() {
    for &client in Client::ALL {
        assert_eq!(
            SipCode::for_failure(Failure::Timeout, client),
            SipCode::RequestTimeout
        );
        assert_eq!(
            SipCode::for_failure(Failure::TransportError, client),
            SipCode::ServiceUnavailable
        );
    }
    // The codes are the registry's stands-for rules, for each client's role.
    for &client in Client::ALL {
        for &failure in Failure::ALL {
            let code = SipCode::for_failure(failure, client);
            assert!(code.constraints().iter().any(|rule| matches!(
                rule.kind(),
                sipcodes::rules::Kind::Receiver(receiver)
                    if receiver.stands_for() == Some(failure)
                        && receiver.roles().contains(&client.role())
            )));
        }
    }
}

#[test]
fn a_stand_in_is_acted_on_like_the_code_it_stands_for() {
    let none: [&str; 0] = [];
    // The transport error's 503 carries no Retry-After: a UAC acts on it as on
    // a 500 (RFC 3261 §21.5.4).
    let transport = SipCode::for_failure(Failure::TransportError, Client::Uac);
    assert_eq!(
        StatusCode::from(transport)
            .effective_for(&Context::new().roles(&[Role::Uac]).method("INVITE"), none),
        SipCode::ServerInternalError
    );
    let timeout = SipCode::for_failure(Failure::Timeout, Client::Uac);
    assert_eq!(
        StatusCode::from(timeout)
            .effective_for(&Context::new().roles(&[Role::Uac]).method("INVITE"), none),
        SipCode::RequestTimeout
    );
}

/// A response to CANCEL ends only the CANCEL transaction (RFC 5057 §5.1 on
/// 481), and ACK is never answered: no code ends a dialog or a usage for them.
#[test]
fn responses_to_cancel_or_ack_end_no_dialog() {
    use sipcodes::rules::{Context, DialogEffect};
    for method in ["CANCEL", "ACK"] {
        let inside = Context::new().method(method).in_dialog(true);
        for code in sipcodes::SipCode::ALL {
            assert_eq!(
                sipcodes::StatusCode::from(code).dialog_effect(&inside),
                DialogEffect::Transaction,
                "{code} to {method}"
            );
        }
    }
    // The same codes still end the dialog for other methods.
    let bye = Context::new().method("BYE").in_dialog(true);
    assert_eq!(
        sipcodes::StatusCode::CALL_TRANSACTION_DOES_NOT_EXIST.dialog_effect(&bye),
        DialogEffect::Dialog
    );
}
