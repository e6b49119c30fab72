//! The one place where responses meet `sipcodes`' validator.
//!
//! [`check`] is called on every response this program builds, before it goes
//! to the stack; [`StackResponses`] runs it on the responses the stack builds
//! on its own (to CANCEL) and on retransmissions. [`context_of`] is what the
//! validator is told about the request, read from the stack's own request
//! without copying anything.

use rsipstack::sip::{
    Header, HeadersExt, Request, Response, SipMessage, StatusCode, ToTypedHeader, Version,
};
use rsipstack::transaction::endpoint::MessageInspector;
use rsipstack::transaction::make_tag;
use rsipstack::transport::SipAddr;
use sipcodes::SipCode;
use sipcodes::check::{Check, Problem, Violation};
use sipcodes::rules::{Context, Names, Role, from_fn};

/// Every response this program sends, it generates as a UAS.
const UAS: &[Role] = &[Role::Uas];

/// What the validator is told about the request a response answers: its
/// method, header field names, Require and Supported option tags, and whether
/// it came inside a dialog (its To carries a tag).
pub fn context_of(
    request: &Request,
) -> Context<'_, impl Names + '_, impl Names + '_, impl Names + '_> {
    let in_dialog = request
        .headers
        .iter()
        .find_map(|header| match header {
            Header::To(to) => Some(to.tag().ok().flatten().is_some()),
            _ => None,
        })
        .unwrap_or(false);
    Context::new()
        .method(method_name(request))
        .request_headers(from_fn(|| request.headers.iter().map(Header::name)))
        .require(from_fn(|| option_tags(request, "Require")))
        .supported(from_fn(|| option_tags(request, "Supported")))
        .in_dialog(in_dialog)
        .roles(UAS)
        .generates(true)
}

/// The header fields a response copies from its request (RFC 3261 §8.2.6.2).
const COPIED: [&str; 5] = ["Via", "From", "To", "Call-ID", "CSeq"];

/// The first MUST or MUST NOT rule of the registry the response breaks; a
/// SHOULD it breaks is logged, and so is a header field the response cannot
/// carry because the request lacked it (a 400 to a request without To has no
/// To to copy): no other response would carry it either.
pub fn check(
    context: &Context<'_, impl Names, impl Names, impl Names>,
    response: &Response,
) -> Result<(), Violation> {
    let check = Check::new(status(&response.status_code))
        .headers(from_fn(|| response.headers.iter().map(Header::name)))
        .body(!response.body.is_empty())
        .context(context.clone());
    let mut outcome = Ok(());
    for violation in check.violations() {
        let lacked = violation.problem() == Problem::MissingHeader
            && violation.header().is_some_and(|name| {
                <[&str]>::contains(&COPIED, &name) && context.request_has(name) == Some(false)
            });
        if lacked {
            eprintln!("uas: sending, though the request lacked what {violation}");
        } else if violation.is_mandatory() {
            outcome = outcome.and(Err(violation));
        } else {
            // A SHOULD the example does not meet is a choice worth seeing.
            eprintln!("uas: sending, although {violation}");
        }
    }
    outcome
}

/// The registered code as the stack's status, with the registry's exact phrase.
pub fn stack_status(code: SipCode) -> StatusCode {
    let status = StatusCode::from(code.as_u16());
    if status.text() == code.reason_phrase() {
        status
    } else {
        StatusCode::Other(code.as_u16(), code.reason_phrase().to_owned())
    }
}

fn status(status: &StatusCode) -> sipcodes::StatusCode {
    sipcodes::StatusCode::new(status.code()).unwrap_or(SipCode::ServerInternalError.into())
}

/// The method as written on the wire.
pub fn method_name(request: &Request) -> &'static str {
    use rsipstack::sip::Method::*;
    match request.method {
        Ack => "ACK",
        Bye => "BYE",
        Cancel => "CANCEL",
        Info => "INFO",
        Invite => "INVITE",
        Message => "MESSAGE",
        Notify => "NOTIFY",
        Options => "OPTIONS",
        PRack => "PRACK",
        Publish => "PUBLISH",
        Refer => "REFER",
        Register => "REGISTER",
        Subscribe => "SUBSCRIBE",
        Update => "UPDATE",
    }
}

/// The comma-separated option tags of every header field with this name.
pub fn option_tags<'r>(request: &'r Request, name: &'r str) -> impl Iterator<Item = &'r str> {
    request
        .headers
        .iter()
        .filter(move |header| sipcodes::header::same(header.name(), name))
        .flat_map(|header| header.value().split(','))
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
}

/// Checks what the stack sends by itself: the answers to CANCEL (RFC 3261
/// §9.2) and retransmitted responses. It cannot hold them back, so a broken
/// rule is logged; each CANCEL answered here also gets its log line.
pub struct StackResponses;

impl MessageInspector for StackResponses {
    fn before_send(&self, message: SipMessage, _destination: Option<&SipAddr>) -> SipMessage {
        let message = match message {
            SipMessage::Response(response) => SipMessage::Response(conform(response)),
            other => other,
        };
        if let SipMessage::Response(response) = &message {
            let method = response
                .headers
                .iter()
                .find_map(|header| match header {
                    Header::CSeq(cseq) => cseq.value().split_whitespace().nth(1),
                    _ => None,
                })
                .unwrap_or("");
            // Of the request only the method is known here.
            let context = Context::new().method(method).roles(UAS).generates(true);
            if let Err(violation) = check(&context, response) {
                eprintln!("uas: the stack sent a response that breaks a rule: {violation}");
            }
            if method == "CANCEL" {
                // Where it goes: the top Via's received/rport, else its sent-by.
                let peer = response
                    .via_received()
                    .or_else(|| {
                        Some(
                            response
                                .top_via_header()
                                .ok()?
                                .typed()
                                .ok()?
                                .uri
                                .host_with_port,
                        )
                    })
                    .map_or_else(|| "?".to_owned(), |peer| peer.to_string());
                println!(
                    "{peer} CANCEL -> {} (answered by the stack)",
                    status(&response.status_code)
                );
            }
        }
        message
    }

    fn after_received(&self, message: SipMessage, _from: Option<&SipAddr>) -> SipMessage {
        message
    }
}

/// What the stack's own responses (to CANCEL, RFC 3261 §9.2) get wrong, put
/// right before they leave: the version is always SIP/2.0 (§7.1, §8.2.6.2: the
/// stack copies the request's), and every response but 100 has a To tag
/// (§8.2.6.2: the stack leaves it out of a 481 to a CANCEL that matches no
/// transaction).
fn conform(mut response: Response) -> Response {
    response.version = Version::V2;
    if response.status_code.code() != 100 {
        for header in response.headers.iter_mut() {
            if let Header::To(to) = header
                && to.tag().ok().flatten().is_none()
            {
                *to = to.clone().with_tag(make_tag());
            }
        }
    }
    response
}
