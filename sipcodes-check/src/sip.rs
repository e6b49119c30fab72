//! Recognising SIP by its content and reading what the checks need from a
//! message, with `rsip` as the parser.
//!
//! `rsip` reads the start line and every header field line strictly: a
//! message it refuses (an extension method it does not know, a folded header
//! line, a broken start line) is reported as unparsed with its reason, never
//! dropped. Header field values are read here only as far as the checks need:
//! Call-ID, CSeq, the tags of From and To, the topmost Via, and the option
//! tags of Require and Supported.

use std::borrow::Cow;

use rsip::headers::UntypedHeader;
use rsip::message::HasHeaders;
use rsip::{Header, SipMessage};

/// What the checks know of one SIP message.
#[derive(Clone, Debug)]
pub struct Message {
    pub start: Start,
    /// The header field names, as the parser names them (compact forms
    /// kept), end to end, and where each ends: two allocations for all.
    names: String,
    ends: Vec<usize>,
    pub call_id: String,
    pub cseq: u32,
    pub cseq_method: String,
    pub from_tag: Option<String>,
    pub to_tag: Option<String>,
    /// The topmost Via's branch parameter and sent-by.
    pub branch: Option<String>,
    pub sent_by: String,
    /// The second Via's: the element that sent the request to the one that
    /// forwarded it, when a proxy forwarded it.
    pub second: Option<(Option<String>, String)>,
    pub require: Vec<String>,
    pub supported: Vec<String>,
    pub has_body: bool,
    /// The start line as sent, for the report.
    pub first_line: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    Request { method: String },
    Response { code: u16 },
}

impl Message {
    /// The header field names, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> + Clone {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(start, end)| &self.names[start..end])
    }
}

/// Whether these bytes start like a SIP message: a status line, or a request
/// line whose last word is a SIP version (any version, so that a request a
/// server must refuse with 505 is still seen). Anything else is not SIP.
pub fn looks_like_sip(bytes: &[u8]) -> bool {
    let line = match bytes.iter().position(|&b| b == b'\n') {
        Some(end) => &bytes[..end],
        None => &bytes[..bytes.len().min(256)],
    };
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let is_version = |word: &[u8]| {
        matches!(word, [s, i, p, b'/', major, b'.', minor]
            if s.eq_ignore_ascii_case(&b's') && i.eq_ignore_ascii_case(&b'i')
                && p.eq_ignore_ascii_case(&b'p') && major.is_ascii_digit() && minor.is_ascii_digit())
    };
    let mut words = line.split(|&b| b == b' ');
    if words.next().is_some_and(is_version) {
        return true;
    }
    line.first().is_some_and(u8::is_ascii_alphabetic)
        && line.split(|&b| b == b' ').count() == 3
        && line.rsplit(|&b| b == b' ').next().is_some_and(is_version)
}

/// The first line of a message, for reports.
pub fn first_line(bytes: &[u8]) -> String {
    let end = bytes
        .iter()
        .position(|&b| b == b'\r' || b == b'\n')
        .unwrap_or(bytes.len())
        .min(200);
    String::from_utf8_lossy(&bytes[..end]).into_owned()
}

/// Reads a message; the error says why it could not be.
pub fn parse(bytes: &[u8]) -> Result<Message, String> {
    let unfolded = unfold(bytes);
    // The start line tells which it is: `rsip`'s own guess tries a response
    // first and formats an error for every request (15 % of the checker's
    // time, measured with callgrind).
    let message = if unfolded.starts_with(b"SIP/") {
        rsip::Response::try_from(&unfolded[..]).map(SipMessage::Response)
    } else {
        rsip::Request::try_from(&unfolded[..]).map(SipMessage::Request)
    }
    .map_err(|error| reason(&error))?;
    let start = match &message {
        SipMessage::Request(request) => Start::Request {
            method: request.method().to_string(),
        },
        SipMessage::Response(response) => Start::Response {
            code: response.status_code().code(),
        },
    };
    let has_body = match &message {
        SipMessage::Request(request) => !request.body().is_empty(),
        SipMessage::Response(response) => !response.body().is_empty(),
    };
    let mut read = Message {
        start,
        names: String::new(),
        ends: Vec::new(),
        call_id: String::new(),
        cseq: 0,
        cseq_method: String::new(),
        from_tag: None,
        to_tag: None,
        branch: None,
        sent_by: String::new(),
        second: None,
        require: Vec::new(),
        supported: Vec::new(),
        has_body,
        first_line: first_line(bytes),
    };
    let mut vias = 0;
    let mut seen_cseq = false;
    for header in message.headers().iter() {
        let (name, value) = name_and_value(header);
        read.names.push_str(name);
        read.ends.push(read.names.len());
        // `rsip` names the fields it knows in full; compact forms stay as sent.
        match sipcodes::header::full_name(name) {
            "Call-ID" => read.call_id = value.trim().to_owned(),
            "CSeq" => {
                let mut parts = value.split_whitespace();
                read.cseq = parts
                    .next()
                    .and_then(|number| number.parse().ok())
                    .ok_or_else(|| format!("CSeq `{value}` does not start with a number"))?;
                read.cseq_method = parts
                    .next()
                    .ok_or_else(|| format!("CSeq `{value}` names no method"))?
                    .to_owned();
                seen_cseq = true;
            }
            "From" => read.from_tag = parameter(value, "tag"),
            "To" => read.to_tag = parameter(value, "tag"),
            "Via" => {
                for via in value.split(',') {
                    match vias {
                        0 => (read.branch, read.sent_by) = branch_and_sent_by(via),
                        1 => read.second = Some(branch_and_sent_by(via)),
                        _ => break,
                    }
                    vias += 1;
                }
            }
            "Require" => read.require.extend(tags(value)),
            "Supported" => read.supported.extend(tags(value)),
            _ => {}
        }
    }
    if !seen_cseq {
        return Err("no CSeq header field".into());
    }
    if vias == 0 {
        return Err("no Via header field".into());
    }
    Ok(read)
}

/// The message with folded header lines joined (RFC 3261 §7.3.1: a line
/// that starts with a space or a tab continues the one before it), which
/// `rsip` does not read; the body is left as it is.
fn unfold(bytes: &[u8]) -> Cow<'_, [u8]> {
    // One pass over the line ends: where the head ends, and whether a line
    // of it starts with white space.
    let mut head_end = bytes.len();
    let mut folded = false;
    for at in memchr::memchr_iter(b'\n', bytes) {
        if at == 0 || bytes[at - 1] != b'\r' {
            continue;
        }
        match bytes.get(at + 1) {
            Some(b' ' | b'\t') => folded = true,
            Some(b'\r') if bytes.get(at + 2) == Some(&b'\n') => {
                head_end = at - 1;
                break;
            }
            _ => {}
        }
    }
    let head = &bytes[..head_end];
    if !folded {
        return Cow::Borrowed(bytes);
    }
    let mut joined = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < head.len() {
        if head[index..].starts_with(b"\r\n") && matches!(head.get(index + 2), Some(b' ' | b'\t')) {
            joined.push(b' ');
            index += 2;
            while matches!(head.get(index), Some(b' ' | b'\t')) {
                index += 1;
            }
        } else {
            joined.push(head[index]);
            index += 1;
        }
    }
    joined.extend_from_slice(&bytes[head_end..]);
    Cow::Owned(joined)
}

/// `rsip`'s error in one line: its errors quote the whole message.
fn reason(error: &rsip::Error) -> String {
    let text = error.to_string();
    let first = text
        .lines()
        .next()
        .unwrap_or_default()
        .trim_end_matches(':');
    let mut reason: String = first.chars().take(120).collect();
    if reason.len() < first.len() {
        reason.push('…');
    }
    reason
}

/// A Via value's branch parameter and its sent-by, lower-cased.
fn branch_and_sent_by(via: &str) -> (Option<String>, String) {
    // `SIP/2.0/UDP host:port;params`: the sent-by follows the protocol.
    let via = via.trim_start();
    let rest = via
        .find(char::is_whitespace)
        .map_or("", |end| via[end..].trim_start());
    let end = rest.find([';', ' ', '\t']).unwrap_or(rest.len());
    let mut sent_by = rest[..end].to_owned();
    sent_by.make_ascii_lowercase();
    (parameter(&rest[end..], "branch"), sent_by)
}

/// The value of a header parameter (`tag`, `branch`), outside any `<…>`.
fn parameter(value: &str, name: &str) -> Option<String> {
    let outside = match value.rfind('>') {
        Some(end) => &value[end + 1..],
        None => value,
    };
    outside.split(';').skip(1).find_map(|parameter| {
        let (key, found) = parameter.split_once('=')?;
        key.trim_ascii()
            .eq_ignore_ascii_case(name)
            .then(|| found.trim_ascii().to_owned())
    })
}

fn tags(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(',')
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .map(str::to_owned)
}

/// The name `rsip` read a header field under, and its value.
fn name_and_value(header: &Header) -> (&str, &str) {
    macro_rules! named {
        ($($variant:ident => $name:literal,)*) => {
            match header {
                Header::Other(name, value) => (name.as_str(), value.as_str()),
                $(Header::$variant(field) => ($name, field.value()),)*
            }
        };
    }
    named! {
        Accept => "Accept",
        AcceptEncoding => "Accept-Encoding",
        AcceptLanguage => "Accept-Language",
        AlertInfo => "Alert-Info",
        Allow => "Allow",
        AuthenticationInfo => "Authentication-Info",
        Authorization => "Authorization",
        CSeq => "CSeq",
        CallId => "Call-ID",
        CallInfo => "Call-Info",
        Contact => "Contact",
        ContentDisposition => "Content-Disposition",
        ContentEncoding => "Content-Encoding",
        ContentLanguage => "Content-Language",
        ContentLength => "Content-Length",
        ContentType => "Content-Type",
        Date => "Date",
        ErrorInfo => "Error-Info",
        Event => "Event",
        Expires => "Expires",
        From => "From",
        InReplyTo => "In-Reply-To",
        MaxForwards => "Max-Forwards",
        MimeVersion => "MIME-Version",
        MinExpires => "Min-Expires",
        Organization => "Organization",
        Priority => "Priority",
        ProxyAuthenticate => "Proxy-Authenticate",
        ProxyAuthorization => "Proxy-Authorization",
        ProxyRequire => "Proxy-Require",
        RecordRoute => "Record-Route",
        ReplyTo => "Reply-To",
        Require => "Require",
        RetryAfter => "Retry-After",
        Route => "Route",
        Server => "Server",
        Subject => "Subject",
        SubscriptionState => "Subscription-State",
        Supported => "Supported",
        Timestamp => "Timestamp",
        To => "To",
        Unsupported => "Unsupported",
        UserAgent => "User-Agent",
        Via => "Via",
        Warning => "Warning",
        WwwAuthenticate => "WWW-Authenticate",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &[u8] = b"SIP/2.0 200 OK\r\n\
        v: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;received=10.0.0.1, SIP/2.0/UDP 10.0.0.2\r\n\
        Via: SIP/2.0/UDP 10.0.0.3;branch=z9hG4bK3\r\n\
        From: <sip:a@x;tag=not-this>;tag=a1\r\n\
        t: \"B\" <sip:b@y>;tag=b2\r\n\
        Call-ID: c@x\r\n\
        CSeq: 7 INVITE\r\n\
        Require: 100rel, timer\r\n\
        Content-Length: 0\r\n\r\n";

    #[test]
    fn reads_what_the_checks_need() {
        let message = parse(OK).unwrap();
        assert_eq!(message.start, Start::Response { code: 200 });
        assert_eq!(message.branch.as_deref(), Some("z9hG4bK1"));
        assert_eq!(message.sent_by, "10.0.0.1:5060");
        assert_eq!(message.second, Some((None, "10.0.0.2".to_owned())));
        assert_eq!(message.from_tag.as_deref(), Some("a1"));
        assert_eq!(message.to_tag.as_deref(), Some("b2"));
        assert_eq!((message.cseq, message.cseq_method.as_str()), (7, "INVITE"));
        assert_eq!(message.call_id, "c@x");
        assert_eq!(message.require, ["100rel", "timer"]);
        assert_eq!(message.names().take(2).collect::<Vec<_>>(), ["v", "Via"]);
        assert!(!message.has_body);
    }

    #[test]
    fn refusals_say_why() {
        let no_cseq = b"OPTIONS sip:a@x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK2\r\n\r\n";
        assert_eq!(parse(no_cseq).unwrap_err(), "no CSeq header field");
        let bad = b"OPTIONS sip:a@x SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nCSeq: x OPTIONS\r\n\r\n";
        assert_eq!(
            parse(bad).unwrap_err(),
            "CSeq `x OPTIONS` does not start with a number"
        );
    }

    #[test]
    fn folded_lines_are_joined() {
        let folded = b"OPTIONS sip:a@x SIP/2.0\r\nVia: SIP/2.0/UDP\r\n  h:5060;branch=z9hG4bK2\r\n\
            CSeq: 1\r\n\tOPTIONS\r\nCall-ID: c\r\n\r\nbody\r\n two";
        let message = parse(folded).unwrap();
        assert_eq!(message.sent_by, "h:5060");
        assert_eq!((message.cseq, message.cseq_method.as_str()), (1, "OPTIONS"));
        assert_eq!(
            &unfold(folded)[..],
            b"OPTIONS sip:a@x SIP/2.0\r\nVia: SIP/2.0/UDP h:5060;branch=z9hG4bK2\r\n\
            CSeq: 1 OPTIONS\r\nCall-ID: c\r\n\r\nbody\r\n two"
        );
    }

    #[test]
    fn recognises_sip_by_its_first_line() {
        assert!(looks_like_sip(b"SIP/2.0 180 Ringing\r\n"));
        assert!(looks_like_sip(b"INVITE sip:b@y SIP/2.0\r\nVia: x\r\n"));
        assert!(looks_like_sip(b"FOO sip:b@y sip/2.0\r\n"));
        assert!(looks_like_sip(b"OPTIONS sip:b@y SIP/7.0\r\n"));
        assert!(looks_like_sip(b"SIP/3.0 200 OK\r\n"));
        assert!(!looks_like_sip(b"GET / HTTP/1.1\r\n"));
        assert!(!looks_like_sip(b"\r\n\r\n"));
        assert!(!looks_like_sip(&[0x16, 3, 1, 0, 0x2e]));
    }
}
