//! The one place where responses meet `sipcodes`' validator.
//!
//! [`check`] is called on every response this program builds, before it goes
//! to the stack; [`StackResponses`] runs it on the responses the stack builds
//! on its own (to CANCEL) and on retransmissions. When the request-aware
//! validator arrives, [`Facts`] is what it needs from the request: only
//! [`check`] changes.

use rsipstack::sip::{
    Header, HeadersExt, Request, Response, SipMessage, StatusCode, ToTypedHeader,
};
use rsipstack::transaction::endpoint::MessageInspector;
use rsipstack::transport::SipAddr;
use sipcodes::{SipCode, Violation};

/// What the validator is told about the request a response answers.
pub struct Facts<'a> {
    pub method: &'a str,
    /// The request's header field names, as received.
    pub headers: Vec<&'a str>,
    /// The option tags of its Require and Supported header fields.
    pub require: Vec<&'a str>,
    pub supported: Vec<&'a str>,
    /// Whether its To carries a tag: a request inside a dialog.
    pub in_dialog: bool,
}

impl<'a> Facts<'a> {
    pub fn of(request: &'a Request) -> Facts<'a> {
        Facts {
            method: method_name(request),
            headers: request.headers.iter().map(Header::name).collect(),
            require: option_tags(request, "Require").collect(),
            supported: option_tags(request, "Supported").collect(),
            in_dialog: request
                .headers
                .iter()
                .find_map(|header| match header {
                    Header::To(to) => Some(to.tag().ok().flatten().is_some()),
                    _ => None,
                })
                .unwrap_or(false),
        }
    }
}

/// The first MUST or MUST NOT rule of the registry the response breaks; a
/// SHOULD it breaks is logged.
pub fn check(request: &Facts<'_>, response: &Response) -> Result<(), Violation> {
    let names: Vec<&str> = response.headers.iter().map(Header::name).collect();
    // Every response the example sends, it generates as a UAS.
    let check = sipcodes::Response::new(status(&response.status_code))
        .generated_by(&[sipcodes::Role::Uas])
        .headers(&names)
        .body(!response.body.is_empty())
        .method(request.method)
        .request_headers(&request.headers)
        .request_require(&request.require)
        .request_supported(&request.supported)
        .in_dialog(request.in_dialog);
    let mut outcome = Ok(());
    for violation in check.violations() {
        if violation.is_mandatory() {
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
        if let SipMessage::Response(response) = &message {
            let method = response
                .headers
                .iter()
                .find_map(|header| match header {
                    Header::CSeq(cseq) => cseq.value().split_whitespace().nth(1),
                    _ => None,
                })
                .unwrap_or("");
            let facts = Facts {
                method,
                headers: Vec::new(),
                require: Vec::new(),
                supported: Vec::new(),
                in_dialog: false,
            };
            if let Err(violation) = check(&facts, response) {
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
