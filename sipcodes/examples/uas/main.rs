//! A small SIP UAS over UDP on the loopback address. It answers INVITE, OPTIONS,
//! BYE, ACK, CANCEL and REGISTER from a routing table, decides its replies with
//! a `#[derive(SipResponseHandler)]` enum, and checks every response against the
//! registry's MUST rules before sending it.
//!
//! ```text
//! cargo run -p sipcodes --example uas -- 127.0.0.1:5060 [--routes routes.toml]
//! ```
//!
//! The default routing table is `examples/uas/routes.toml`. Ctrl-C stops it.

mod message;
mod routes;

use std::collections::HashSet;
use std::net::{SocketAddr, UdpSocket};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use message::{Malformed, Request};
use routes::Routes;
use sipcodes::{ReasonPhrase, Response, SipCode, SipResponseHandler, StatusLine};

/// The methods this UAS implements, in its Allow header field.
const ALLOW: &str = "INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER";

/// The option tags this UAS supports: none, so any Require gets 420.
const SUPPORTED: &[&str] = &[];

/// What the UAS does, by the code it answers with.
#[derive(Debug, PartialEq, SipResponseHandler)]
enum Reply {
    #[sip(Ok)]
    Accept,
    #[sip(BadRequest)]
    BadRequest,
    #[sip(NotFound)]
    UnknownUser,
    #[sip(MethodNotAllowed)]
    MethodNotAllowed,
    #[sip(BadExtension)]
    BadExtension,
    #[sip(CallTransactionDoesNotExist)]
    NoSuchCall,
    #[sip(1xx, 3xx)]
    NotFinal(SipCode),
    #[sip(other)]
    Refuse(SipCode),
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("uas: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (address, routes) = match args.as_slice() {
        [address] => (address, routes::DEFAULT.to_owned()),
        [address, flag, file] if flag == "--routes" => (
            address,
            std::fs::read_to_string(file).map_err(|error| format!("{file}: {error}"))?,
        ),
        _ => return Err("usage: uas <loopback-address:port> [--routes FILE]".to_owned()),
    };
    let address: SocketAddr = address
        .parse()
        .map_err(|error| format!("{address}: {error}"))?;
    if !address.ip().is_loopback() {
        return Err(format!(
            "{address} is not a loopback address; this example only listens on loopback"
        ));
    }
    let routes = Routes::parse(&routes)?;
    let socket = UdpSocket::bind(address).map_err(|error| format!("bind {address}: {error}"))?;
    socket
        .set_read_timeout(Some(Duration::from_millis(100)))
        .map_err(|error| error.to_string())?;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .map_err(|error| error.to_string())?;

    println!("uas: listening on udp {address}");
    let mut uas = Uas {
        routes,
        local: address,
        dialogs: HashSet::new(),
    };
    let mut buffer = vec![0u8; 65_535];
    while !stop.load(Ordering::SeqCst) {
        let (length, peer) = match socket.recv_from(&mut buffer) {
            Ok(received) => received,
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                continue;
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(format!("receive: {error}")),
        };
        let Ok(text) = std::str::from_utf8(&buffer[..length]) else {
            println!("{peer} ignored: not UTF-8");
            continue;
        };
        if let Some(response) = uas.handle(peer, text) {
            socket
                .send_to(response.as_bytes(), peer)
                .map_err(|error| format!("send to {peer}: {error}"))?;
        }
    }
    println!("uas: stopped");
    Ok(())
}

struct Uas {
    routes: Routes,
    local: SocketAddr,
    /// Call-IDs of the calls answered with 200 and not yet ended.
    dialogs: HashSet<String>,
}

impl Uas {
    /// The response to one datagram, if it gets one; logs one line.
    fn handle(&mut self, peer: SocketAddr, text: &str) -> Option<String> {
        if text.starts_with("SIP/") {
            println!("{peer} ignored: a response");
            return None;
        }
        let request = match Request::parse(text) {
            Ok(request) => request,
            Err(Malformed(problem)) => {
                let headers = message::header_lines(text);
                let response = self.respond(&headers, "", SipCode::BadRequest, problem, Vec::new());
                println!("{peer} malformed request -> 400 {problem}");
                return response;
            }
        };
        let (code, extra) = self.decide(&request);
        let Some(code) = code else {
            println!("{peer} {} {} -> no response", request.method, request.uri);
            return None;
        };
        println!("{peer} {} {} -> {code}", request.method, request.uri);
        self.respond(
            &request.headers,
            request.method,
            code,
            code.reason_phrase(),
            extra,
        )
    }

    /// The code to answer with and the header fields it needs beyond the
    /// copied ones; `None` for ACK, which gets no response.
    fn decide(&mut self, request: &Request<'_>) -> (Option<SipCode>, Vec<(&'static str, String)>) {
        let call_id = request.header("Call-ID").unwrap_or_default().to_owned();
        let unsupported: Vec<&str> = request
            .all("Require")
            .flat_map(|tags| tags.split(','))
            .map(str::trim)
            .filter(|tag| !tag.is_empty() && !SUPPORTED.contains(tag))
            .collect();
        let reply = match request.method {
            "ACK" => return (None, Vec::new()),
            "INVITE" if !unsupported.is_empty() => Reply::BadExtension,
            "INVITE" => match request.user().and_then(|user| self.routes.get(user)) {
                Some(code) => Reply::from_code(code),
                None => Reply::UnknownUser,
            },
            "OPTIONS" | "REGISTER" => Reply::Accept,
            "BYE" if self.dialogs.remove(&call_id) => Reply::Accept,
            "BYE" | "CANCEL" => Reply::NoSuchCall,
            _ => Reply::MethodNotAllowed,
        };
        let extra = match (&reply, request.method) {
            (Reply::Accept, "INVITE") => {
                self.dialogs.insert(call_id);
                vec![("Contact", format!("<sip:uas@{}>", self.local))]
            }
            (Reply::Accept, "OPTIONS") => vec![
                ("Allow", ALLOW.to_owned()),
                ("Accept", "application/sdp".to_owned()),
            ],
            (Reply::Accept, "REGISTER") => request
                .all("Contact")
                .map(|contact| ("Contact", contact.to_owned()))
                .collect(),
            (Reply::MethodNotAllowed, _) => vec![("Allow", ALLOW.to_owned())],
            (Reply::BadExtension, _) => vec![("Unsupported", unsupported.join(", "))],
            _ => Vec::new(),
        };
        // Every variant here lists or carries a registered code.
        let code = reply
            .status()
            .and_then(|status| status.known())
            .unwrap_or(SipCode::ServerInternalError);
        (Some(code), extra)
    }

    /// Builds the response, copying Via, From, To (with a tag), Call-ID and
    /// CSeq, and checks it against the registry before it is sent.
    fn respond(
        &self,
        request: &[(&str, &str)],
        method: &str,
        code: SipCode,
        phrase: &str,
        extra: Vec<(&'static str, String)>,
    ) -> Option<String> {
        let phrase = ReasonPhrase::new(phrase).unwrap_or(ReasonPhrase::canonical(code));
        let mut headers: Vec<(String, String)> = Vec::new();
        for name in ["Via", "From", "To", "Call-ID", "CSeq"] {
            for (_, value) in request
                .iter()
                .filter(|(n, _)| sipcodes::header::same(n, name))
            {
                let value = if name == "To" && !value.contains(";tag=") {
                    format!("{value};tag={}", tag(request))
                } else {
                    (*value).to_owned()
                };
                headers.push((name.to_owned(), value));
            }
        }
        headers.extend(
            extra
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value)),
        );
        headers.push(("Content-Length".to_owned(), "0".to_owned()));

        let names: Vec<&str> = headers.iter().map(|(name, _)| name.as_str()).collect();
        let mut check = Response::new(code).headers(&names);
        if !method.is_empty() {
            check = check.method(method);
        }
        if let Some(violation) = check
            .violations()
            .find(|violation| violation.is_mandatory())
        {
            eprintln!("uas: not sending an invalid response: {violation}");
            return None;
        }
        let mut response = StatusLine::new(code.into(), phrase).to_string();
        for (name, value) in &headers {
            response.push_str(&format!("{name}: {value}\r\n"));
        }
        response.push_str("\r\n");
        Some(response)
    }
}

/// A To tag that stays the same for every response of a call.
fn tag(request: &[(&str, &str)]) -> String {
    let call_id = request
        .iter()
        .find(|(n, _)| sipcodes::header::same(n, "Call-ID"))
        .map_or("", |(_, v)| v);
    let hash = call_id
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
        });
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uas() -> Uas {
        Uas {
            routes: Routes::parse(routes::DEFAULT).unwrap(),
            local: "127.0.0.1:5060".parse().unwrap(),
            dialogs: HashSet::new(),
        }
    }

    fn request(method: &str, user: &str, extra: &str) -> String {
        format!(
            "{method} sip:{user}@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK1\r\nv: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK0\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:{user}@127.0.0.1>\r\nCall-ID: c1\r\nCSeq: 1 {method}\r\n{extra}Content-Length: 0\r\n\r\n"
        )
    }

    fn answer(uas: &mut Uas, text: &str) -> String {
        uas.handle("127.0.0.1:5061".parse().unwrap(), text)
            .expect("a response")
    }

    #[test]
    fn responses_follow_the_routing_table_and_the_method() {
        let mut uas = uas();
        assert!(
            answer(&mut uas, &request("INVITE", "nobody", ""))
                .starts_with("SIP/2.0 404 Not Found\r\n")
        );
        assert!(
            answer(&mut uas, &request("INVITE", "bob", ""))
                .starts_with("SIP/2.0 486 Busy Here\r\n")
        );
        let not_allowed = answer(&mut uas, &request("MESSAGE", "alice", ""));
        assert!(
            not_allowed.starts_with("SIP/2.0 405 Method Not Allowed\r\n")
                && not_allowed.contains("\r\nAllow: INVITE,")
        );
        let unsupported = answer(
            &mut uas,
            &request("INVITE", "alice", "Require: 100rel, timer\r\n"),
        );
        assert!(unsupported.starts_with("SIP/2.0 420 Bad Extension\r\n"));
        assert!(unsupported.contains("\r\nUnsupported: 100rel, timer\r\n"));
        let options = answer(&mut uas, &request("OPTIONS", "alice", ""));
        assert!(options.starts_with("SIP/2.0 200 OK\r\n") && options.contains("\r\nAllow: "));
        assert_eq!(
            uas.handle(
                "127.0.0.1:5061".parse().unwrap(),
                &request("ACK", "alice", "")
            ),
            None
        );
    }

    #[test]
    fn a_call_is_answered_and_ended() {
        let mut uas = uas();
        let ok = answer(&mut uas, &request("INVITE", "alice", ""));
        assert!(
            ok.starts_with("SIP/2.0 200 OK\r\n")
                && ok.contains("\r\nContact: <sip:uas@127.0.0.1:5060>\r\n")
        );
        assert!(answer(&mut uas, &request("BYE", "alice", "")).starts_with("SIP/2.0 200 OK\r\n"));
        assert!(
            answer(&mut uas, &request("BYE", "alice", ""))
                .starts_with("SIP/2.0 481 Call/Transaction Does Not Exist\r\n")
        );
    }

    #[test]
    fn responses_copy_the_request_headers_and_tag_to() {
        let response = answer(&mut uas(), &request("INVITE", "bob", ""));
        let vias: Vec<&str> = response
            .lines()
            .filter(|line| line.starts_with("Via: "))
            .collect();
        assert_eq!(
            vias,
            [
                "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK1",
                "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK0"
            ]
        );
        assert!(response.contains("\r\nTo: <sip:bob@127.0.0.1>;tag="));
        assert!(response.contains("\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n"));
        assert!(response.ends_with("Content-Length: 0\r\n\r\n"));
    }

    #[test]
    fn malformed_requests_get_400_naming_the_problem() {
        let mut uas = uas();
        let cases = [
            (
                request("INVITE", "bob", "").replace("SIP/2.0\r\nVia", "SIP/3.0\r\nVia"),
                "Unsupported SIP Version",
            ),
            (
                request("INVITE", "bob", "").replace("sip:bob@127.0.0.1 SIP", "bob SIP"),
                "Malformed Request-URI",
            ),
            (
                request("INVITE", "bob", "").replace("CSeq: 1 INVITE", "CSeq: 1 BYE"),
                "CSeq Does Not Match Method",
            ),
            (
                request("INVITE", "bob", "").replace("Call-ID: c1\r\n", ""),
                "Missing Call-ID",
            ),
            (
                request("INVITE", "bob", "Broken header\r\n"),
                "Malformed Header Field",
            ),
        ];
        for (text, phrase) in cases {
            let response = answer(&mut uas, &text);
            assert!(
                response.starts_with(&format!("SIP/2.0 400 {phrase}\r\n")),
                "{response}"
            );
        }
    }

    #[test]
    fn routing_tables_are_checked() {
        assert!(Routes::parse("[users]\nx = \"486\"\ny = 603\n").is_ok());
        let error = |text: &str| Routes::parse(text).err().unwrap();
        assert_eq!(
            error("[users]\nx = \"499\"\n"),
            "user `x`: 499 is not a registered SIP response code"
        );
        assert_eq!(
            error("[users]\nx = \"180\"\n"),
            "user `x`: 180 Ringing is not a final answer this example can give"
        );
        assert_eq!(
            error("[people]\nx = \"486\"\n"),
            "unknown table `people`; the table is `[users]`"
        );
        assert!(error("[users\n").starts_with("invalid TOML"));
    }
}
