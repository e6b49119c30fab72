//! The answer to a request the stack could not read (RFC 3261 §8.2, RFC 4475):
//! 501 to a method the stack does not know (§21.5.2: "the appropriate
//! response when a UAS does not recognize the request method"), 400 to any
//! other malformed request. Built from the request's text, since the stack
//! gives nothing else: its Via, From, To, Call-ID and CSeq lines copied as
//! sent (§8.2.6.2), a To tag added. A request without a Via cannot be answered.

use std::net::SocketAddr;

use rsipstack::sip::Method;
use sipcodes::check::{Check, HeaderFields};
use sipcodes::rules::Context;
use sipcodes::{SipCode, header};

/// The response to send, and its code; `None` for a datagram that is not a
/// request or has no Via to answer along.
pub fn answer(raw: &str, source: SocketAddr, to_tag: &str) -> Option<(SipCode, String)> {
    let start = raw.split("\r\n").next()?;
    if start.starts_with("SIP/") {
        return None;
    }
    let method = start.split(' ').next().unwrap_or_default();
    let known = Method::all()
        .iter()
        .any(|known| known.to_string() == method);
    let code = if known {
        SipCode::BadRequest
    } else {
        SipCode::NotImplemented
    };
    // Read as the library reads a head, a malformed field (a bare CR, a name
    // that is not a token) skipped rather than copied; folded values whole.
    let mut copied = Vec::new();
    for (name, value) in HeaderFields::of(raw.as_bytes()) {
        let wanted = ["Via", "From", "To", "Call-ID", "CSeq"]
            .into_iter()
            .find(|wanted| header::same(name, wanted));
        if let (Some(wanted), Ok(value)) = (wanted, std::str::from_utf8(value)) {
            copied.push((wanted, value));
        }
    }
    let top_via = copied.iter().position(|(name, _)| *name == "Via")?;
    let mut response = String::from(code.status_line());
    for (index, (name, value)) in copied.iter().enumerate() {
        response.push_str(name);
        response.push_str(": ");
        response.push_str(value);
        // RFC 3261 §18.2.1: the address the request came from, where the
        // Via's sent-by names another host.
        if index == top_via && sent_by_host(value) != Some(source.ip().to_string().as_str()) {
            response.push_str(&format!(";received={}", source.ip()));
        }
        if *name == "To" && header::parameter(value, "tag").is_none() {
            response.push_str(";tag=");
            response.push_str(to_tag);
        }
        response.push_str("\r\n");
    }
    response.push_str(concat!(
        "Server: sipcodes-uas/",
        env!("CARGO_PKG_VERSION"),
        "\r\n"
    ));
    response.push_str("Content-Length: 0\r\n\r\n");
    Some((code, response))
}

/// Whether the response breaks none of the registry's MUST rules; the rules
/// it breaks because the request lacked what it copies are logged.
pub fn broken_rules(response: &str) -> Vec<String> {
    match Check::from_head(response.as_bytes()) {
        Ok(check) => check
            .context(Context::new())
            .violations()
            .filter(|violation| violation.is_mandatory())
            .map(|violation| violation.to_string())
            .collect(),
        Err(error) => vec![error.to_string()],
    }
}

/// `host` of `SIP/2.0/UDP host:port;params`.
fn sent_by_host(via: &str) -> Option<&str> {
    let sent_by = via.split_whitespace().nth(1)?;
    let host_port = sent_by.split(';').next()?;
    Some(
        host_port
            .rsplit_once(':')
            .map_or(host_port, |(host, _)| host),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> SocketAddr {
        "127.0.0.1:5062".parse().unwrap()
    }

    #[test]
    fn an_unknown_method_gets_501_with_the_request_s_identifiers() {
        let raw = "NEWMETHOD sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1\r\n\
                   f: <sip:c@d>;tag=1\r\nTo: <sip:a@b>\r\ni: x\r\nCSeq: 8 NEWMETHOD\r\n\r\n";
        let (code, response) = answer(raw, source(), "t1").unwrap();
        assert_eq!(code, SipCode::NotImplemented);
        assert_eq!(
            response,
            "SIP/2.0 501 Not Implemented\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK1\r\n\
             From: <sip:c@d>;tag=1\r\nTo: <sip:a@b>;tag=t1\r\nCall-ID: x\r\nCSeq: 8 NEWMETHOD\r\n\
             Server: sipcodes-uas/0.2.0\r\nContent-Length: 0\r\n\r\n"
        );
        assert!(broken_rules(&response).is_empty());
    }

    #[test]
    fn a_known_method_the_stack_could_not_read_gets_400() {
        // The CSeq number is above 2**32 - 1 (RFC 4475 §3.1.2.4); the Via
        // names another host than the one the request came from.
        let raw = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP host.example;branch=z9hG4bK2\r\n\
                   From: <sip:c@d>;tag=1\r\nTo: <sip:a@b>;tag=9\r\nCall-ID: y\r\nCSeq: 36893488147419103232 OPTIONS\r\n\r\n";
        let (code, response) = answer(raw, source(), "t1").unwrap();
        assert_eq!(code, SipCode::BadRequest);
        assert!(response.starts_with(
            "SIP/2.0 400 Bad Request\r\nVia: SIP/2.0/UDP host.example;branch=z9hG4bK2;received=127.0.0.1\r\n"
        ));
        assert!(
            response.contains("\r\nTo: <sip:a@b>;tag=9\r\n"),
            "{response}"
        );
    }

    #[test]
    fn what_cannot_be_answered() {
        assert_eq!(
            answer("SIP/2.0 200 OK\r\nVia: x\r\n\r\n", source(), "t"),
            None
        );
        assert_eq!(
            answer(
                "OPTIONS sip:a SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n",
                source(),
                "t"
            ),
            None
        );
        // Without Call-ID, From and To the answer still goes, and says what
        // it could not carry.
        let (_, response) = answer(
            "OPTIONS sip:a SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1\r\n\r\n",
            source(),
            "t",
        )
        .unwrap();
        let broken = broken_rules(&response);
        assert_eq!(broken.len(), 4, "{broken:?}");
    }
}
