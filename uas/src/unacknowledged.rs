//! A 2xx to an INVITE until its ACK comes: the UAS core retransmits it, from
//! T1 doubling up to T2 (RFC 3261 §13.3.1.4; the server transaction does not,
//! RFC 6026 §7.1), and if no ACK came after 64·T1 it ends the session with a
//! BYE sent along the dialog's route set (§12.1.1, §12.2.1.1).

use std::time::Duration;

use rsipstack::sip::headers::make_header;
use rsipstack::sip::typed::RecordRoute;
use rsipstack::sip::{Header, HeadersExt, Method, Request, Response, SipMessage, Uri, Version};
use rsipstack::transaction::endpoint::EndpointInnerRef;
use rsipstack::transaction::key::{TransactionKey, TransactionRole};
use rsipstack::transaction::transaction::{Transaction, TransactionEvent};

/// The retransmission intervals of a 2xx, each after the one before: T1,
/// doubling, at most T2, until 64·T1 have passed since it was first sent.
pub fn intervals(t1: Duration, t2: Duration) -> impl Iterator<Item = Duration> {
    let give_up = t1 * 64;
    let mut interval = t1;
    let mut elapsed = Duration::ZERO;
    std::iter::from_fn(move || {
        let next = interval.min(give_up.saturating_sub(elapsed));
        if next.is_zero() {
            return None;
        }
        elapsed += next;
        interval = (interval * 2).min(t2);
        Some(next)
    })
}

/// Retransmits `response` through its transaction until the caller aborts
/// this task (the ACK came); after 64·T1 without one, sends the BYE that ends
/// the session. Returns the BYE's final status, for the log, or why none was
/// sent.
pub async fn until_acknowledged(
    transaction: rsipstack::transaction::transaction::TransactionEventSender,
    endpoint: EndpointInnerRef,
    invite: Request,
    response: Response,
    local_tag: String,
) -> Result<u16, String> {
    let mut steps = intervals(endpoint.option.t1, endpoint.option.t2).peekable();
    while let Some(interval) = steps.next() {
        tokio::time::sleep(interval).await;
        // The last step ends at 64·T1: time for the BYE, not another 2xx.
        let last = steps.peek().is_none();
        if last
            || transaction
                .send(TransactionEvent::Respond(response.clone()))
                .is_err()
        {
            break;
        }
    }
    // Boxed: the BYE's transaction is large, and this task sleeps most of
    // its life; its own size stays that of the sleep.
    Box::pin(send_bye(endpoint, &invite, &local_tag)).await
}

/// Sends the BYE for the session an unacknowledged 2xx set up; its final
/// status, or why none.
async fn send_bye(
    endpoint: EndpointInnerRef,
    invite: &Request,
    local_tag: &str,
) -> Result<u16, String> {
    let via = endpoint
        .get_via(None, None)
        .map_err(|error| format!("no Via for the BYE: {error}"))?;
    let bye = bye(invite, local_tag, make_header("Via", via.to_string()))?;
    let key = TransactionKey::from_request(&bye, TransactionRole::Client)
        .map_err(|error| format!("the BYE: {error}"))?;
    let mut client = Transaction::new_client(key, bye, endpoint, None);
    client
        .send()
        .await
        .map_err(|error| format!("sending the BYE: {error}"))?;
    while let Some(message) = client.receive().await {
        if let SipMessage::Response(answer) = message {
            let code = u16::from(answer.status_code.clone());
            if code >= 200 {
                return Ok(code);
            }
        }
    }
    Err("the BYE got no final response".to_owned())
}

/// The BYE that ends the dialog an INVITE created, sent by its UAS: the
/// INVITE's Contact is the remote target, its Record-Route values in order the
/// route set (RFC 3261 §12.1.1), used as §12.2.1.1 says: with a loose router
/// first, the Request-URI is the remote target and Route the route set; with a
/// strict one, the Request-URI is that router and the remote target ends the
/// Route. From and To are the INVITE's To (with this UAS's tag) and From.
pub fn bye(invite: &Request, local_tag: &str, via: Header) -> Result<Request, String> {
    let contact = invite
        .contact_header()
        .map_err(|_| "the INVITE has no Contact, so no remote target".to_owned())?;
    // The URI as written, parameters and all (§12.1.1: the remote target is
    // the URI of the Contact; the header's own parameters are not part of it).
    let value = contact.value().trim();
    let written = match value.split_once('<') {
        Some((_, rest)) => rest.split_once('>').map(|(uri, _)| uri),
        None => value.split(';').next(),
    };
    let written = written.map(str::trim).unwrap_or_default();
    let target = Uri::try_from(written).map_err(|_| "the INVITE's Contact is not a URI")?;
    let mut routes = Vec::new();
    for header in invite.headers.iter() {
        if let Header::RecordRoute(record_route) = header {
            let values = RecordRoute::parse_header_list(record_route.value())
                .map_err(|error| format!("Record-Route: {error}"))?;
            routes.extend(values);
        }
    }
    let (uri, route): (_, Vec<String>) = match routes.first() {
        Some(first) if !first.has_lr() => {
            let rest = routes[1..].iter().map(ToString::to_string);
            let target = format!("<{written}>");
            (first.uri.clone(), rest.chain([target]).collect())
        }
        _ => (target, routes.iter().map(ToString::to_string).collect()),
    };
    let to = invite.to_header().map_err(|_| "the INVITE has no To")?;
    let from = invite.from_header().map_err(|_| "the INVITE has no From")?;
    let call_id = invite
        .call_id_header()
        .map_err(|_| "the INVITE has no Call-ID")?;
    let mut headers = vec![
        via,
        make_header("Max-Forwards", "70".to_owned()),
        make_header(
            "From",
            to.clone().with_tag(local_tag.into()).value().to_owned(),
        ),
        make_header("To", from.value().to_owned()),
        call_id.clone().into(),
        // The UAS's own sequence numbers start here (§12.1.1 leaves them empty).
        make_header("CSeq", "1 BYE".to_owned()),
    ];
    headers.extend(route.into_iter().map(|value| make_header("Route", value)));
    headers.push(make_header("Content-Length", "0".to_owned()));
    Ok(Request {
        method: Method::Bye,
        uri,
        headers: headers.into(),
        body: Vec::new(),
        version: Version::V2,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_2xx_is_resent_from_t1_doubling_to_t2_for_64_t1() {
        let ms = Duration::from_millis;
        let steps: Vec<_> = intervals(ms(500), ms(4000)).collect();
        assert_eq!(
            steps,
            [
                500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000, 500
            ]
            .map(ms)
        );
        assert_eq!(steps.iter().sum::<Duration>(), ms(32_000));
        // A short T1, as the tests run the uas with: T2 is never reached.
        let short: Vec<_> = intervals(ms(50), ms(4000)).collect();
        assert_eq!(short, [50, 100, 200, 400, 800, 1600, 50].map(ms));
        assert_eq!(short.iter().sum::<Duration>(), ms(3200));
    }

    fn invite(record_route: &str) -> Request {
        let text = format!(
            "INVITE sip:bob@127.0.0.1:5060 SIP/2.0\r\n\
             Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n{record_route}\
             From: \"Alice\" <sip:alice@127.0.0.1:5070>;tag=a1\r\n\
             To: <sip:bob@127.0.0.1:5060>\r\nCall-ID: c1@127.0.0.1\r\nCSeq: 7 INVITE\r\n\
             Contact: <sip:alice@127.0.0.1:5070;transport=udp>\r\nMax-Forwards: 70\r\n\
             Content-Length: 0\r\n\r\n"
        );
        let SipMessage::Request(request) = SipMessage::try_from(text.as_str()).unwrap() else {
            panic!("a request");
        };
        request
    }

    fn via() -> Header {
        make_header(
            "Via",
            "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKb".to_owned(),
        )
    }

    fn lines(request: &Request) -> String {
        request.to_string()
    }

    fn routes(text: &str) -> Vec<&str> {
        text.lines()
            .filter(|line| line.starts_with("Route:"))
            .collect()
    }

    #[test]
    fn the_bye_follows_the_route_set_of_loose_routers_in_order() {
        let invite = invite(
            "Record-Route: <sip:p1.example.com;lr>\r\n\
             Record-Route: <sip:p2.example.com;lr>, <sip:p3.example.com;lr>\r\n",
        );
        let bye = bye(&invite, "b2", via()).unwrap();
        let text = lines(&bye);
        assert!(
            // The stack writes the transport parameter's value in capitals;
            // parameter values compare without case (RFC 3261 §19.1.4).
            text.starts_with("BYE sip:alice@127.0.0.1:5070;transport=UDP SIP/2.0\r\n"),
            "{text}"
        );
        assert_eq!(
            routes(&text),
            [
                "Route: <sip:p1.example.com;lr>",
                "Route: <sip:p2.example.com;lr>",
                "Route: <sip:p3.example.com;lr>"
            ]
        );
        assert!(
            text.contains("\r\nFrom: <sip:bob@127.0.0.1:5060>;tag=b2\r\n"),
            "{text}"
        );
        assert!(
            text.contains("\r\nTo: \"Alice\" <sip:alice@127.0.0.1:5070>;tag=a1\r\n"),
            "{text}"
        );
        assert!(text.contains("\r\nCall-ID: c1@127.0.0.1\r\n"), "{text}");
        assert!(text.contains("\r\nCSeq: 1 BYE\r\n"), "{text}");
    }

    #[test]
    fn a_strict_router_becomes_the_request_uri_and_the_target_ends_the_route() {
        let invite = invite("Record-Route: <sip:strict.example.com>, <sip:p2.example.com;lr>\r\n");
        let text = lines(&bye(&invite, "b2", via()).unwrap());
        assert!(
            text.starts_with("BYE sip:strict.example.com SIP/2.0\r\n"),
            "{text}"
        );
        assert_eq!(
            routes(&text),
            [
                "Route: <sip:p2.example.com;lr>",
                "Route: <sip:alice@127.0.0.1:5070;transport=udp>"
            ]
        );
    }

    #[test]
    fn without_a_route_set_the_bye_goes_to_the_contact() {
        let text = lines(&bye(&invite(""), "b2", via()).unwrap());
        assert!(text.starts_with("BYE sip:alice@127.0.0.1:5070;transport=UDP SIP/2.0\r\n"));
        assert!(!text.contains("Route:"));
    }
}
