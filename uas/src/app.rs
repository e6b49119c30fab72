//! What this UAS decides: which code each request gets and what that response
//! carries. Parsing, transactions, retransmissions, CANCEL matching and Via
//! `received=` are the stack's.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rsipstack::sip::headers::make_header;
use rsipstack::sip::{
    Header, Headers, HeadersExt, Method, Request, Response, Scheme, SipMessage, StatusCode,
    ToTypedHeader, Version,
};
use rsipstack::transaction::make_tag;
use rsipstack::transaction::transaction::{Transaction, TransactionEvent};
use sipcodes::{ReasonPhrase, SipCode, SipResponseHandler};

use crate::check::{self, context_of, method_name, option_tags};
use crate::routes::Routes;
use crate::sdp;
use crate::sent_methods::SentMethods;
use crate::unacknowledged;

/// The methods this UAS implements, in its Allow header field. It is not a
/// registrar: REGISTER gets 405 (see the README).
pub const ALLOW: &str = "INVITE, ACK, BYE, CANCEL, OPTIONS";

/// The option tags this UAS supports: none, so any Require gets 420.
const SUPPORTED: &[&str] = &[];

/// The only body type it understands.
const ACCEPT: &str = "application/sdp";

/// What the UAS does, by the code it answers with.
#[derive(Debug, PartialEq, SipResponseHandler)]
pub enum Reply {
    #[sip(Ok)]
    Accept,
    #[sip(BadRequest)]
    BadRequest,
    #[sip(NotFound)]
    UnknownUser,
    #[sip(MethodNotAllowed)]
    MethodNotAllowed,
    #[sip(UnsupportedMediaType)]
    UnsupportedMediaType,
    #[sip(UnsupportedUriScheme)]
    UnsupportedUriScheme,
    #[sip(BadExtension)]
    BadExtension,
    #[sip(CallTransactionDoesNotExist)]
    NoSuchCall,
    #[sip(RequestTerminated)]
    Terminated,
    #[sip(NotAcceptableHere)]
    NotAcceptableHere,
    #[sip(NotAcceptable)]
    NotAcceptable,
    #[sip(VersionNotSupported)]
    VersionNotSupported,
    #[sip(NotImplemented)]
    NotImplemented,
    #[sip(ServiceUnavailable)]
    Overloaded,
    #[sip(1xx, 3xx)]
    NotFinal(SipCode),
    #[sip(other)]
    Refuse(SipCode),
}

impl Reply {
    fn code(&self) -> SipCode {
        // Every variant lists or carries a registered code.
        self.status()
            .and_then(|status| status.known())
            .unwrap_or(SipCode::ServerInternalError)
    }
}

/// The decision for one request.
#[derive(Debug)]
pub struct Answer {
    pub reply: Reply,
    /// A 400's phrase naming what is wrong.
    pub phrase: Option<&'static str>,
    /// Header fields beyond Via, From, To, Call-ID, CSeq and Content-Length.
    pub headers: Vec<(&'static str, String)>,
    /// An SDP body.
    pub sdp: Option<String>,
    /// Ring (180) this long before answering.
    pub ring: Option<Duration>,
    /// Why, for the log.
    pub note: Option<String>,
}

impl Answer {
    fn new(reply: Reply) -> Answer {
        Answer {
            reply,
            phrase: None,
            headers: Vec::new(),
            sdp: None,
            ring: None,
            note: None,
        }
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Answer {
        self.headers.push((name, value.into()));
        self
    }

    fn bad(phrase: &'static str) -> Answer {
        Answer {
            phrase: Some(phrase),
            ..Answer::new(Reply::BadRequest)
        }
    }
}

/// A dialog this UAS accepted: Call-ID, its own tag, the peer's tag.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct Dialog {
    call_id: String,
    local_tag: String,
    remote_tag: String,
}

impl Dialog {
    /// The dialog a 2xx with To tag `tag` to this INVITE creates.
    fn of(request: &Request, tag: &str) -> Option<Dialog> {
        Some(Dialog {
            call_id: request.call_id_header().ok()?.value().to_owned(),
            local_tag: tag.to_owned(),
            remote_tag: request.from_header().ok()?.tag().ok()??.to_string(),
        })
    }
}

pub struct App {
    routes: Routes,
    local: SocketAddr,
    /// Methods as written where the stack changed their case.
    methods: SentMethods,
    dialogs: Mutex<HashSet<Dialog>>,
    /// The o= session version of the next SDP this UAS writes.
    sdp_version: AtomicU64,
}

impl App {
    pub fn new(routes: Routes, local: SocketAddr, methods: SentMethods) -> App {
        App {
            routes,
            local,
            methods,
            dialogs: Mutex::new(HashSet::new()),
            sdp_version: AtomicU64::new(1),
        }
    }

    /// The answer to a request whose method was written `method`, in the
    /// order of RFC 3261 §8.2: the SIP version, well-formedness, the method
    /// (§8.2.1), the Request-URI scheme (§8.2.2.1), Require (§8.2.2.3), the
    /// body (§8.2.3), then the method's own processing.
    pub fn decide(&self, request: &Request, method: &str) -> Answer {
        if request.version != Version::V2 {
            // RFC 3261 §8.2 and §21.5.6.
            return Answer::new(Reply::VersionNotSupported);
        }
        if let Some(problem) = malformed(request, method) {
            return Answer::bad(problem);
        }
        if method != method_name(request) {
            // RFC 3261 §7.1: method names are case-sensitive, so this is a
            // method the uas does not know (§21.5.2), whatever the stack read.
            return Answer {
                note: Some(format!("method names are case-sensitive: {method}")),
                ..Answer::new(Reply::NotImplemented)
            };
        }
        if !matches!(
            request.method,
            Method::Invite | Method::Ack | Method::Bye | Method::Cancel | Method::Options
        ) {
            return Answer::new(Reply::MethodNotAllowed).with("Allow", ALLOW);
        }
        match &request.uri.scheme {
            Some(Scheme::Sip | Scheme::Sips) => {}
            Some(Scheme::Other(_)) => return Answer::new(Reply::UnsupportedUriScheme),
            // The stack leaves out schemes with `.` or `+` (`soap.beep:`), which
            // RFC 3986 §3.1 allows: a Request-URI that starts with one is
            // still an unsupported scheme, not a malformed request.
            None if has_scheme(&request.uri.to_string()) => {
                return Answer::new(Reply::UnsupportedUriScheme);
            }
            None => return Answer::bad("Malformed Request-URI"),
        }
        if !matches!(request.method, Method::Ack | Method::Cancel) {
            let unsupported: Vec<&str> = option_tags(request, "Require")
                .filter(|tag| !SUPPORTED.iter().any(|ours| ours.eq_ignore_ascii_case(tag)))
                .collect();
            if !unsupported.is_empty() {
                return Answer::new(Reply::BadExtension)
                    .with("Unsupported", unsupported.join(", "));
            }
        }
        if let Some(answer) = self.content(request) {
            return answer;
        }
        match request.method {
            Method::Options => {
                let answer = Answer::new(Reply::Accept)
                    .with("Allow", ALLOW)
                    .with("Accept", ACCEPT)
                    .with("Accept-Encoding", "identity")
                    .with("Accept-Language", "en")
                    .with("Supported", SUPPORTED.join(", "));
                // RFC 3261 §11.2: the media capabilities, as an SDP offer would
                // state them, when the request accepts SDP.
                let sdp = accepts_sdp(request).then(|| {
                    let version = self.sdp_version.fetch_add(1, Ordering::Relaxed);
                    sdp::offer(self.local.ip(), version)
                });
                Answer { sdp, ..answer }
            }
            Method::Bye => match self.dialog(request) {
                Some(dialog) if self.dialogs.lock().unwrap().remove(&dialog) => {
                    Answer::new(Reply::Accept)
                }
                _ => Answer::new(Reply::NoSuchCall),
            },
            Method::Invite if to_tag(request).is_some() => match self.dialog(request) {
                // A re-INVITE: the session is modified, the dialog stays.
                Some(dialog) if self.dialogs.lock().unwrap().contains(&dialog) => {
                    self.accept_invite(request)
                }
                _ => Answer::new(Reply::NoSuchCall),
            },
            Method::Invite => {
                let route = request
                    .uri
                    .auth
                    .as_ref()
                    .and_then(|auth| self.routes.get(&auth.user));
                let Some(route) = route else {
                    return Answer::new(Reply::UnknownUser);
                };
                let mut answer = match Reply::from_code(route.answer) {
                    Reply::Accept => self.accept_invite(request),
                    reply => Answer::new(reply),
                };
                answer.ring = route.ring;
                answer
            }
            // The stack answers CANCEL and absorbs ACK; neither starts a
            // transaction of its own here.
            _ => Answer::new(Reply::NoSuchCall),
        }
    }

    /// RFC 3261 §8.2.3: a body must have a type and encoding this UAS understands.
    fn content(&self, request: &Request) -> Option<Answer> {
        let mut encodings = all(request, "Content-Encoding")
            .flat_map(|header| header.value().split(','))
            .map(str::trim)
            .filter(|coding| !coding.is_empty());
        if encodings.any(|coding| !coding.eq_ignore_ascii_case("identity")) {
            return Some(
                Answer::new(Reply::UnsupportedMediaType).with("Accept-Encoding", "identity"),
            );
        }
        if request.body.is_empty() {
            return None;
        }
        let Some(content_type) = all(request, "Content-Type").next() else {
            // RFC 3261 §7.4.1: a body MUST come with its Content-Type.
            return Some(Answer::bad("Missing Content-Type"));
        };
        let media_type = content_type.value().split(';').next().unwrap_or("").trim();
        if !media_type.eq_ignore_ascii_case(ACCEPT) {
            return Some(
                Answer::new(Reply::UnsupportedMediaType)
                    .with("Accept", ACCEPT)
                    .with("Accept-Encoding", "identity"),
            );
        }
        None
    }

    /// 200 to an INVITE: Contact, and the SDP answer to its offer (RFC 3264
    /// §6), or an offer when it carried none (RFC 3261 §13.2.1).
    fn accept_invite(&self, request: &Request) -> Answer {
        if !accepts_sdp(request) {
            // RFC 3261 §21.4.7: the 200 would carry SDP, which Accept rules out.
            return Answer::new(Reply::NotAcceptable).with(
                "Warning",
                "399 uas \"The session description needs application/sdp\"",
            );
        }
        let local = self.local.ip();
        let version = self.sdp_version.fetch_add(1, Ordering::Relaxed);
        let sdp = if request.body.is_empty() {
            Ok(sdp::offer(local, version))
        } else {
            sdp::answer(&String::from_utf8_lossy(&request.body), local, version)
        };
        match sdp {
            Ok(sdp) => Answer {
                sdp: Some(sdp),
                ..Answer::new(Reply::Accept)
                    .with("Contact", format!("<sip:uas@{}>", self.local))
                    .with("Allow", ALLOW)
                    .with("Supported", SUPPORTED.join(", "))
            },
            Err(refusal) => Answer {
                note: Some(refusal.to_string()),
                ..Answer::new(Reply::NotAcceptableHere)
                    .with("Warning", "304 uas \"Media type not available\"")
            },
        }
    }

    /// The dialog a request inside one names: Call-ID, To tag (ours), From tag.
    fn dialog(&self, request: &Request) -> Option<Dialog> {
        Dialog::of(request, &to_tag(request)?)
    }

    /// The response to `request`, before any check.
    pub fn response(
        &self,
        request: &Request,
        answer: &Answer,
        code: SipCode,
        tag: &str,
    ) -> Response {
        let mut headers = Headers::default();
        for header in request.headers.iter() {
            if let Header::Via(_) = header {
                headers.push(header.clone());
            }
        }
        // One of each, even when the request repeated them.
        if let Ok(from) = request.from_header() {
            headers.push(from.clone().into());
        }
        if let Ok(to) = request.to_header() {
            let tagged = code != SipCode::Trying && to.tag().ok().flatten().is_none();
            // RFC 3261 §8.2.6.2: a To tag on every response but 100.
            let to = if tagged {
                to.with_tag(tag.into())
            } else {
                to.clone()
            };
            headers.push(to.into());
        }
        if let Ok(call_id) = request.call_id_header() {
            headers.push(call_id.clone().into());
        }
        if let Ok(cseq) = request.cseq_header() {
            headers.push(cseq.clone().into());
        }
        // RFC 3261 §12.1.1: a response that creates a dialog (101-199, 2xx, to
        // a request outside one) copies every Record-Route value, in order.
        let creates_dialog = (101..300).contains(&code.as_u16())
            && request
                .to_header()
                .is_ok_and(|to| to.tag().ok().flatten().is_none());
        if creates_dialog {
            for header in request.headers.iter() {
                if let Header::RecordRoute(_) = header {
                    headers.push(header.clone());
                }
            }
        }
        for (name, value) in &answer.headers {
            headers.push(make_header(name, value.clone()));
        }
        headers.push(make_header(
            "Server",
            concat!("sipcodes-uas/", env!("CARGO_PKG_VERSION")).to_owned(),
        ));
        let body = answer.sdp.clone().unwrap_or_default().into_bytes();
        if !body.is_empty() {
            headers.push(make_header("Content-Type", ACCEPT.to_owned()));
        }
        headers.push(make_header("Content-Length", body.len().to_string()));
        let status_code = match answer
            .phrase
            .and_then(|phrase| ReasonPhrase::new(phrase).ok())
        {
            Some(phrase) if code == SipCode::BadRequest => {
                StatusCode::Other(code.as_u16(), phrase.as_str().to_owned())
            }
            _ => check::stack_status(code),
        };
        Response {
            status_code,
            wire_reason: None,
            // Always SIP/2.0, whatever version the request named (§21.5.6).
            version: Version::V2,
            headers,
            body,
        }
    }

    /// The 503 for a request turned away for load, asking the client to
    /// retry after `retry_after` seconds (RFC 3261 §21.5.4), checked as every
    /// response is; the code sent with it.
    pub fn overloaded(&self, request: &Request, retry_after: u32) -> (Response, SipCode) {
        let answer = Answer::new(Reply::Overloaded).with("Retry-After", retry_after.to_string());
        let code = answer.reply.code();
        let tag = make_tag().to_string();
        checked(self, request, &answer, code, &tag)
            .unwrap_or_else(|| (self.response(request, &answer, code, &tag), code))
    }

    /// The answer to a request the stack cannot key a transaction for, sent
    /// without one: the application's own decision when it is a final
    /// response other than a 2xx to an INVITE (which needs a transaction to
    /// be retransmitted and acknowledged), a 400 otherwise. What the response cannot carry
    /// because the request lacked it (a From, a Call-ID) is logged, and the
    /// response is sent all the same: it is the only answer there can be.
    pub fn stateless(&self, request: &Request) -> (Response, SipCode) {
        // RFC 3261 §25.1 allows LWS around a parameter's `=` and `;`
        // (`; tag = 98asjd8`, RFC 4475 §3.1.1.1), which the stack's From and
        // To parsers do not; read as written without it, the tags are seen.
        let mut request = request.clone();
        for header in request.headers.iter_mut() {
            match header {
                Header::From(from) => *header = make_header("From", tight(from.value())),
                Header::To(to) => *header = make_header("To", tight(to.value())),
                _ => {}
            }
        }
        let request = &request;
        let mut answer = self.decide(request, method_name(request));
        let code = answer.reply.code();
        let needs_transaction = code.is_success() && request.method == Method::Invite;
        if answer.ring.is_some() || code.is_provisional() || needs_transaction {
            answer = Answer::bad("Transaction Not Identifiable");
        }
        let code = answer.reply.code();
        let response = self.response(request, &answer, code, &make_tag().to_string());
        if let Err(violation) = check::check(&context_of(request), &response) {
            eprintln!("uas: answering without a transaction, although {violation}");
        }
        (response, code)
    }

    /// Records the dialog a 2xx to an INVITE creates, or confirms: `tag` is
    /// the To tag of that 2xx.
    fn remember(&self, request: &Request, tag: &str) {
        if let Some(dialog) = Dialog::of(request, tag) {
            self.dialogs.lock().unwrap().insert(dialog);
        }
    }

    /// Forgets the dialog of a 2xx to an INVITE: its session ended.
    fn forget(&self, request: &Request, tag: &str) {
        if let Some(dialog) = Dialog::of(request, tag) {
            self.dialogs.lock().unwrap().remove(&dialog);
        }
    }
}

/// Answers one server transaction and drives it to its end: CANCEL while
/// ringing gets the INVITE a 487; retransmissions and timers are the stack's.
pub async fn serve(app: Arc<App>, mut transaction: Transaction) {
    let request = transaction.original.clone();
    if request.method == Method::Ack {
        return;
    }
    let peer = transaction
        .connection
        .as_ref()
        .and_then(|connection| connection.get_remote_addr())
        .map_or_else(|| "?".to_owned(), |addr| addr.addr.to_string());
    let cseq = request.cseq_header().map(|cseq| cseq.value().to_owned());
    let written = cseq.ok().and_then(|cseq| app.methods.take(&peer, &cseq));
    let method = written.as_deref().unwrap_or(method_name(&request));
    let line = format!("{peer} {method} {}", request.uri);
    let answer = app.decide(&request, method);
    let tag = to_tag(&request).unwrap_or_else(|| make_tag().to_string());
    let code = answer.reply.code();

    let Some(ring) = answer.ring else {
        let sent = send(&app, &mut transaction, &request, &answer, code, &tag).await;
        log(
            &line,
            sent.as_ref().map_or(code, |(code, _)| *code),
            sent.is_some(),
            &answer,
        );
        let watch = Unacknowledged::new(&transaction, &request, &tag, &peer);
        let unacknowledged = sent
            .filter(|(code, _)| code.is_success() && request.method == Method::Invite)
            .map(|(_, response)| {
                let app = Arc::clone(&app);
                tokio::spawn(async move { watch.run(&app, response).await })
            });
        drain(&mut transaction, &peer, unacknowledged).await;
        return;
    };

    // A 180 to an INVITE creates an early dialog: it names where the dialog's
    // requests go (RFC 3261 §12.1.1, §13.3.1.1).
    let ringing = Answer::new(Reply::NotFinal(SipCode::Ringing))
        .with("Contact", format!("<sip:uas@{}>", app.local));
    send(
        &app,
        &mut transaction,
        &request,
        &ringing,
        SipCode::Ringing,
        &tag,
    )
    .await;
    // The first of "the ringing time is over" and "a CANCEL came" decides.
    let decided = Arc::new(AtomicBool::new(false));
    let timer = {
        let (app, request, tag, line) =
            (Arc::clone(&app), request.clone(), tag.clone(), line.clone());
        let decided = Arc::clone(&decided);
        let sender = transaction.tu_sender.clone();
        let watch = Unacknowledged::new(&transaction, &request, &tag, &peer);
        tokio::spawn(async move {
            tokio::time::sleep(ring).await;
            if decided.swap(true, Ordering::SeqCst) {
                return;
            }
            let Some((response, sent)) = checked(&app, &request, &answer, code, &tag) else {
                return log(&line, code, false, &answer);
            };
            if sent.is_success() {
                app.remember(&request, &tag);
            }
            let delivered = sender
                .send(TransactionEvent::Respond(response.clone()))
                .is_ok();
            log(&line, sent, delivered, &answer);
            // Aborted with this task when the ACK comes.
            if delivered && sent.is_success() {
                watch.run(&app, response).await;
            }
        })
    };
    while let Some(message) = transaction.receive().await {
        let SipMessage::Request(cancel) = message else {
            continue;
        };
        if cancel.method == Method::Ack {
            println!("{peer} ACK {}", cancel.uri);
            timer.abort();
        }
        if cancel.method == Method::Cancel && !decided.swap(true, Ordering::SeqCst) {
            // RFC 3261 §9.2: the stack has answered the CANCEL with 200; the
            // INVITE gets 487.
            let terminated = Answer::new(Reply::Terminated);
            let code = SipCode::RequestTerminated;
            let sent = send(&app, &mut transaction, &request, &terminated, code, &tag).await;
            let sent = sent.map(|(code, _)| code);
            log(&line, sent.unwrap_or(code), sent.is_some(), &terminated);
        }
    }
    timer.abort();
}

/// Builds, checks and sends one response; the code sent (a 500 in place of a
/// final response that breaks a rule) and the response, or `None` if nothing
/// was sent.
async fn send(
    app: &App,
    transaction: &mut Transaction,
    request: &Request,
    answer: &Answer,
    code: SipCode,
    tag: &str,
) -> Option<(SipCode, Response)> {
    let (response, code) = checked(app, request, answer, code, tag)?;
    if code.is_success() && request.method == Method::Invite {
        app.remember(request, tag);
    }
    match transaction.respond(response.clone()).await {
        Ok(()) => Some((code, response)),
        Err(error) => {
            eprintln!("uas: sending {code}: {error}");
            None
        }
    }
}

/// A 2xx to an INVITE waiting for its ACK (see `unacknowledged`): what
/// retransmitting it and the BYE need.
struct Unacknowledged {
    sender: rsipstack::transaction::transaction::TransactionEventSender,
    endpoint: rsipstack::transaction::endpoint::EndpointInnerRef,
    request: Request,
    tag: String,
    peer: String,
}

impl Unacknowledged {
    fn new(transaction: &Transaction, request: &Request, tag: &str, peer: &str) -> Self {
        Unacknowledged {
            sender: transaction.tu_sender.clone(),
            endpoint: transaction.endpoint_inner.clone(),
            request: request.clone(),
            tag: tag.to_owned(),
            peer: peer.to_owned(),
        }
    }

    /// Retransmits the 2xx `response` until the task running this is aborted
    /// (the ACK came); after 64·T1 without one, ends the session with a BYE
    /// and forgets the dialog.
    async fn run(self, app: &App, response: Response) {
        let Unacknowledged {
            sender,
            endpoint,
            request,
            tag,
            peer,
        } = self;
        let outcome = unacknowledged::until_acknowledged(
            sender,
            endpoint,
            request.clone(),
            response,
            tag.clone(),
        )
        .await;
        app.forget(&request, &tag);
        match outcome {
            Ok(code) => println!("{peer} no ACK for the 2xx after 64*T1: BYE -> {code}"),
            Err(why) => println!("{peer} no ACK for the 2xx after 64*T1, no BYE: {why}"),
        }
    }
}

/// The response to send and its code. One that breaks a MUST rule of the
/// registry is logged and never sent; the request is not left unanswered for
/// it: a final response is replaced by a 500 (RFC 3261 §21.5.1), and a
/// provisional one, which the final response follows anyway, is left out
/// (`None`).
fn checked(
    app: &App,
    request: &Request,
    answer: &Answer,
    code: SipCode,
    tag: &str,
) -> Option<(Response, SipCode)> {
    let response = app.response(request, answer, code, tag);
    let Err(violation) = check::check(&context_of(request), &response) else {
        return Some((response, code));
    };
    eprintln!("uas: not sending an invalid response: {violation}");
    if code.is_provisional() {
        return None;
    }
    let failure = SipCode::ServerInternalError;
    let instead = Answer {
        note: Some(format!("in place of {code}, which breaks a rule")),
        ..Answer::new(Reply::Refuse(failure))
    };
    let response = app.response(request, &instead, failure, tag);
    if let Err(violation) = check::check(&context_of(request), &response) {
        eprintln!("uas: sending the 500 that replaces it, although {violation}");
    }
    Some((response, failure))
}

fn log(line: &str, code: SipCode, sent: bool, answer: &Answer) {
    let phrase = answer.phrase.unwrap_or(code.reason_phrase());
    let note = answer
        .note
        .as_ref()
        .map_or_else(String::new, |note| format!(" ({note})"));
    let refused = if sent { "" } else { " NOT SENT" };
    println!("{line} -> {} {phrase}{note}{refused}", code.as_u16());
}

/// Runs the transaction until the stack ends it (ACK, timers); logs the ACK
/// that reaches it, which stops the retransmissions of a 2xx.
async fn drain(
    transaction: &mut Transaction,
    peer: &str,
    unacknowledged: Option<tokio::task::JoinHandle<()>>,
) {
    while let Some(message) = transaction.receive().await {
        if let SipMessage::Request(ack) = message
            && ack.method == Method::Ack
        {
            println!("{peer} ACK {}", ack.uri);
            if let Some(watch) = &unacknowledged {
                watch.abort();
            }
        }
    }
}

/// Each character of a header field value, with whether it stands outside
/// quoted strings and outside `<…>`, where LWS and separators are syntax
/// rather than text.
fn syntax_chars(value: &str) -> impl Iterator<Item = (char, bool)> + '_ {
    let (mut quoted, mut bracketed, mut escaped) = (false, false, false);
    value.chars().map(move |c| {
        let plain = !quoted && !bracketed;
        match c {
            '"' if !bracketed && !escaped => quoted = !quoted,
            '<' if !quoted => bracketed = true,
            '>' if !quoted => bracketed = false,
            _ => {}
        }
        escaped = quoted && c == '\\' && !escaped;
        (c, plain)
    })
}

/// A name-addr with its parameters, without the LWS around `;` and `=` that
/// RFC 3261 §25.1 allows there (SEMI and EQUAL); quoted strings and what is
/// between `<` and `>` are kept as written.
fn tight(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut pending_space = false;
    for (c, plain) in syntax_chars(value) {
        if plain && c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !(plain && (c == ';' || c == '=') || out.ends_with([';', '='])) {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Whether a header field value has an empty parameter or element: a `;`
/// or `,` followed by another, or by nothing, outside quoted strings and
/// what is between `<` and `>`.
fn has_empty_part(value: &str) -> bool {
    let mut after_separator = false;
    for (c, plain) in syntax_chars(value) {
        match c {
            _ if !plain => {}
            ';' | ',' if after_separator => return true,
            ';' | ',' => after_separator = true,
            c if c.is_whitespace() => {}
            _ => after_separator = false,
        }
    }
    after_separator
}

/// Every header field with this name, compact forms included.
fn all<'r>(request: &'r Request, name: &'r str) -> impl Iterator<Item = &'r Header> {
    request
        .headers
        .iter()
        .filter(move |header| sipcodes::header::same(header.name(), name))
}

/// RFC 3986 §3.1: `scheme ":"`, the scheme a letter then letters, digits,
/// `+`, `-` or `.`.
fn has_scheme(uri: &str) -> bool {
    uri.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// Whether the request's Accept, if any, lets a response carry SDP
/// (RFC 3261 §20.1: no Accept means application/sdp).
fn accepts_sdp(request: &Request) -> bool {
    let mut ranges = all(request, "Accept")
        .flat_map(|accept| accept.value().split(','))
        .map(|range| range.split(';').next().unwrap_or("").trim())
        .filter(|range| !range.is_empty())
        .peekable();
    ranges.peek().is_none()
        || ranges.any(|range| {
            ["application/sdp", "application/*", "*/*"]
                .iter()
                .any(|ok| range.eq_ignore_ascii_case(ok))
        })
}

fn to_tag(request: &Request) -> Option<String> {
    Some(request.to_header().ok()?.tag().ok()??.to_string())
}

/// What makes a request unanswerable but by 400, as a reason phrase; its
/// method as written is `method`.
fn malformed(request: &Request, method_written: &str) -> Option<&'static str> {
    for (name, missing, repeated) in [
        ("Via", "Missing Via", None),
        ("From", "Missing From", Some("Repeated From")),
        ("To", "Missing To", Some("Repeated To")),
        ("Call-ID", "Missing Call-ID", Some("Repeated Call-ID")),
        ("CSeq", "Missing CSeq", Some("Repeated CSeq")),
    ] {
        match (all(request, name).count(), repeated) {
            (0, _) => return Some(missing),
            (2.., Some(repeated)) => return Some(repeated),
            _ => {}
        }
    }
    // RFC 3261 §25.1: a parameter is a token after SEMI, and a header field
    // value after COMMA (RFC 4475 §3.1.2.1: `;;,;,,`).
    for (name, broken) in [("Via", "Malformed Via"), ("Contact", "Malformed Contact")] {
        if all(request, name).any(|header| has_empty_part(header.value())) {
            return Some(broken);
        }
    }
    for (name, repeated) in [
        ("Max-Forwards", "Repeated Max-Forwards"),
        ("Content-Length", "Repeated Content-Length"),
        ("Content-Type", "Repeated Content-Type"),
    ] {
        if all(request, name).count() > 1 {
            return Some(repeated);
        }
    }
    let cseq = request.cseq_header().ok()?.value();
    let mut parts = cseq.split_whitespace();
    let number = parts.next().and_then(|n| n.parse::<u32>().ok());
    let method = parts.next();
    // RFC 3261 §8.1.1.5: a 32-bit number below 2**31, and the request's method.
    if number.is_none_or(|n| n >= 1 << 31) || parts.next().is_some() {
        return Some("Malformed CSeq");
    }
    if method != Some(method_written) {
        return Some("CSeq Does Not Match Method");
    }
    if request.from_header().ok()?.typed().is_err() {
        return Some("Malformed From");
    }
    if request.to_header().ok()?.typed().is_err() {
        return Some("Malformed To");
    }
    if all(request, "Max-Forwards")
        .next()
        .is_some_and(|max_forwards| max_forwards.value().trim().parse::<u8>().is_err())
    {
        return Some("Malformed Max-Forwards");
    }
    if let Some(length) = all(request, "Content-Length").next() {
        // RFC 3261 §18.3: over UDP a body shorter than Content-Length is an error.
        match length.value().trim().parse::<usize>() {
            Ok(length) if length <= request.body.len() => {}
            Ok(_) => return Some("Content-Length Exceeds Body"),
            Err(_) => return Some("Malformed Content-Length"),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsipstack::sip::SipMessage;

    fn app() -> App {
        App::new(
            Routes::parse(crate::routes::DEFAULT).unwrap(),
            "127.0.0.1:5060".parse().unwrap(),
            SentMethods::default(),
        )
    }

    fn decide(app: &App, request: &Request) -> Answer {
        app.decide(request, method_name(request))
    }

    fn request(first_line: &str, extra: &str, body: &str) -> Request {
        let method = first_line.split(' ').next().unwrap();
        let text = format!(
            "{first_line}\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK1\r\nv: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK0\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:x@127.0.0.1>\r\nCall-ID: c1\r\nCSeq: 1 {method}\r\nMax-Forwards: 70\r\n{extra}Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        match SipMessage::try_from(text.as_str()).unwrap() {
            SipMessage::Request(request) => request,
            SipMessage::Response(_) => unreachable!(),
        }
    }

    fn decided(first_line: &str, extra: &str, body: &str) -> (u16, Answer) {
        let answer = decide(&app(), &request(first_line, extra, body));
        (answer.reply.code().as_u16(), answer)
    }

    fn header<'a>(answer: &'a Answer, name: &str) -> Option<&'a str> {
        answer
            .headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    const OFFER: &str = "v=0\r\no=a 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\n";

    #[test]
    fn empty_parameters_and_elements_are_found() {
        assert!(has_empty_part("SIP/2.0/UDP 192.0.2.15;;,;,,"));
        assert!(has_empty_part("\"Joe\" <sip:joe@example.org>;;;;"));
        assert!(has_empty_part("SIP/2.0/UDP h;branch=z9hG4bK1;"));
        assert!(has_empty_part("<sip:a@b>, , <sip:c@d>"));
        assert!(!has_empty_part(
            "SIP/2.0/UDP h;branch=z9hG4bK1;rport, SIP/2.0/UDP g"
        ));
        assert!(!has_empty_part("\"a;;b\" <sip:a@b;;x>;expires=3"));
        assert!(!has_empty_part("*"));
    }

    #[test]
    fn lws_around_parameters_is_taken_out_outside_quotes_and_brackets() {
        assert_eq!(
            tight(r#""J Rosenberg \\\""       <sip:jdrosen@example.com> ; tag = 98asjd8"#),
            r#""J Rosenberg \\\"" <sip:jdrosen@example.com>;tag=98asjd8"#
        );
        assert_eq!(
            tight("<sip:a@b ; x>;tag    = 1918181833n"),
            "<sip:a@b ; x>;tag=1918181833n"
        );
        assert_eq!(tight("\"a ; b\" <sip:a@b>"), "\"a ; b\" <sip:a@b>");
    }

    #[test]
    fn a_method_not_in_capitals_is_a_method_it_does_not_know() {
        // The stack reads `options` as OPTIONS; the uas is told how it was written.
        let written = request("OPTIONS sip:x@127.0.0.1 SIP/2.0", "", "");
        let as_written = |cseq: &str, method: &str| {
            let mut request = written.clone();
            request
                .headers
                .unique_push(make_header("CSeq", cseq.to_owned()));
            app().decide(&request, method)
        };
        let answer = as_written("1 options", "options");
        assert_eq!(answer.reply, Reply::NotImplemented);
        // The CSeq's method must still be the request's, as written.
        assert_eq!(
            as_written("1 OPTIONS", "options").phrase,
            Some("CSeq Does Not Match Method")
        );
        assert_eq!(as_written("1 OPTIONS", "OPTIONS").reply, Reply::Accept);
    }

    #[test]
    fn requests_are_checked_in_the_order_of_rfc_3261_8_2() {
        assert_eq!(decided("OPTIONS sip:alice@h SIP/7.0", "", "").0, 505);
        let (code, answer) = decided("REGISTER sip:h SIP/2.0", "", "");
        assert_eq!((code, header(&answer, "Allow")), (405, Some(ALLOW)));
        assert_eq!(decided("OPTIONS xmpp:alice@h SIP/2.0", "", "").0, 416);
        let (code, answer) = decided("OPTIONS sip:alice@h SIP/2.0", "Require: foo, bar\r\n", "");
        assert_eq!(
            (code, header(&answer, "Unsupported")),
            (420, Some("foo, bar"))
        );
        let (code, answer) = decided(
            "OPTIONS sip:alice@h SIP/2.0",
            "Content-Type: text/plain\r\n",
            "hi",
        );
        assert_eq!((code, header(&answer, "Accept")), (415, Some(ACCEPT)));
        let (code, answer) = decided("OPTIONS sip:alice@h SIP/2.0", "Call-ID: c2\r\n", "");
        assert_eq!((code, answer.phrase), (400, Some("Repeated Call-ID")));
        let (code, answer) = decided("OPTIONS sip:alice@h SIP/2.0", "CSeq: 1 OPTIONS\r\n", "");
        assert_eq!((code, answer.phrase), (400, Some("Repeated CSeq")));
        let mut empty_to = request("OPTIONS sip:alice@h SIP/2.0", "", "");
        empty_to.headers.iter_mut().for_each(|header| {
            if let Header::To(to) = header {
                *to = rsipstack::sip::headers::To::new("");
            }
        });
        assert_eq!(decide(&app(), &empty_to).phrase, Some("Malformed To"));
    }

    #[test]
    fn invites_follow_the_routing_table_and_get_an_sdp_answer() {
        assert_eq!(decided("INVITE sip:nobody@h SIP/2.0", "", "").0, 404);
        assert_eq!(decided("INVITE sip:bob@h SIP/2.0", "", "").0, 486);
        let (code, answer) = decided(
            "INVITE sip:alice@h SIP/2.0",
            "Content-Type: application/sdp\r\n",
            OFFER,
        );
        assert_eq!(code, 200);
        assert!(answer.sdp.unwrap().contains("m=audio 40000 RTP/AVP 0\r\n"));
        assert_eq!(
            decided("INVITE sip:alice@h SIP/2.0", "Accept: text/plain\r\n", "").0,
            406
        );
        let (code, answer) = decided("INVITE sip:erin@h SIP/2.0", "", "");
        assert_eq!((code, answer.ring), (200, Some(Duration::from_secs(3))));
    }

    #[test]
    fn a_dialog_ends_with_its_first_bye() {
        let app = app();
        let invite = request("INVITE sip:alice@h SIP/2.0", "", "");
        app.remember(&invite, "ours");
        let bye = |app: &App| {
            let mut bye = request("BYE sip:alice@h SIP/2.0", "", "");
            bye.headers.iter_mut().for_each(|header| {
                if let Header::To(to) = header {
                    *to = to.with_tag("ours".into());
                }
            });
            decide(app, &bye).reply.code().as_u16()
        };
        assert_eq!(bye(&app), 200);
        assert_eq!(bye(&app), 481);
    }

    #[test]
    fn responses_have_one_tagged_to_and_pass_the_validator() {
        let app = app();
        let request = request(
            "MESSAGE sip:alice@h SIP/7.0",
            "To: <sip:y@h>\r\nCSeq: 2 MESSAGE\r\n",
            "",
        );
        let answer = Answer::new(Reply::MethodNotAllowed).with("Allow", ALLOW);
        let response = app.response(&request, &answer, SipCode::MethodNotAllowed, "t1");
        let text = response.to_string();
        assert!(
            text.starts_with("SIP/2.0 405 Method Not Allowed\r\n"),
            "{text}"
        );
        assert_eq!(text.matches("\r\nTo: ").count(), 1, "{text}");
        assert!(
            text.contains("\r\nTo: <sip:x@127.0.0.1>;tag=t1\r\n"),
            "{text}"
        );
        assert_eq!(text.matches("\r\nCSeq: ").count(), 1, "{text}");
        assert_eq!(text.matches("\r\nVia: ").count(), 2, "{text}");
        assert!(check::check(&context_of(&request), &response).is_ok());
        let without_allow = app.response(
            &request,
            &Answer::new(Reply::MethodNotAllowed),
            SipCode::MethodNotAllowed,
            "t1",
        );
        let violation = check::check(&context_of(&request), &without_allow).unwrap_err();
        assert_eq!(violation.header(), Some("Allow"));
    }

    /// A 400 to a request without To has no To to copy (RFC 3261 §8.2.6.2):
    /// it is sent as it is, not replaced by a 500 that would lack it too.
    #[test]
    fn what_the_request_lacked_does_not_turn_a_400_into_a_500() {
        let app = app();
        let mut request = request("OPTIONS sip:x@127.0.0.1 SIP/2.0", "", "");
        request
            .headers
            .retain(|header| !matches!(header, Header::To(_)));
        let answer = decide(&app, &request);
        assert_eq!(answer.phrase, Some("Missing To"));
        let (response, code) = checked(&app, &request, &answer, answer.reply.code(), "t1").unwrap();
        assert_eq!(code, SipCode::BadRequest);
        assert!(!response.to_string().contains("\r\nTo:"));
        // A response that lacks what the request had is still refused.
        let full = self::request("OPTIONS sip:x@127.0.0.1 SIP/2.0", "", "");
        let mut bare = app.response(&full, &answer, SipCode::BadRequest, "t1");
        bare.headers
            .retain(|header| !matches!(header, Header::To(_)));
        assert!(check::check(&context_of(&full), &bare).is_err());
    }

    /// RFC 3261 §12.1.1: a call through record-routing proxies is answered with
    /// their Record-Route values, in order, and the answer passes the validator.
    #[test]
    fn a_2xx_to_an_initial_invite_copies_record_route_in_order() {
        let app = app();
        let routes =
            "Record-Route: <sip:p2.example.com;lr>\r\nRecord-Route: <sip:p1.example.com;lr>\r\n";
        let request = request("INVITE sip:alice@127.0.0.1 SIP/2.0", routes, "");
        let answer = decide(&app, &request);
        let (response, code) = checked(&app, &request, &answer, answer.reply.code(), "t1").unwrap();
        assert!(code.is_success(), "{code}");
        let text = response.to_string();
        let first = text
            .find("Record-Route: <sip:p2.example.com;lr>")
            .expect(&text);
        let second = text
            .find("Record-Route: <sip:p1.example.com;lr>")
            .expect(&text);
        assert!(first < second, "{text}");
        // Not on a response that creates no dialog.
        let busy = app.response(
            &request,
            &Answer::new(Reply::Refuse(SipCode::BusyHere)),
            SipCode::BusyHere,
            "t1",
        );
        assert!(!busy.to_string().contains("Record-Route"));
    }

    /// A final response the validator refuses is replaced by a 500, never by
    /// silence; a refused provisional response is left out.
    #[test]
    fn a_refused_response_becomes_a_500_not_silence() {
        let app = app();
        let request = request("REGISTER sip:h SIP/2.0", "", "");
        // A 405 without Allow breaks RFC 3261 §8.2.1's MUST.
        let (response, code) = checked(
            &app,
            &request,
            &Answer::new(Reply::MethodNotAllowed),
            SipCode::MethodNotAllowed,
            "t1",
        )
        .expect("an answer");
        assert_eq!(code, SipCode::ServerInternalError);
        assert!(
            response
                .to_string()
                .starts_with("SIP/2.0 500 Server Internal Error\r\n")
        );
        // A 180 without Contact to an initial INVITE is not sent at all.
        let invite = request_for_invite();
        let ringing = Answer::new(Reply::NotFinal(SipCode::Ringing));
        assert!(checked(&app, &invite, &ringing, SipCode::Ringing, "t1").is_none());
    }

    fn request_for_invite() -> Request {
        request("INVITE sip:alice@127.0.0.1 SIP/2.0", "", "")
    }
}
