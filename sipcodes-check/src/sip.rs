//! Recognising SIP by its content and reading what the checks need from a
//! message, with the library's message reader ([`sipcodes::check::Head`]).
//!
//! The reader takes any start line of the right shape and every header field
//! whose name is a token: a message it refuses (a bare CR, a header line
//! without a colon, a start line that is neither a request line nor a status
//! line) is reported as unparsed with its reason, never dropped. Header field
//! values are read here only as far as the checks need: Call-ID, CSeq, the
//! tags of From and To, the topmost two Vias, and the option tags of Require
//! and Supported.

use std::borrow::Cow;

use sipcodes::check::Head;
use sipcodes::{ReceivedError, SipVersion, StatusLine, header};

/// What the checks know of one SIP message. The texts are kept end to end
/// in one string, each read through its span: a string each took eleven
/// allocations a message, and one string took the benchmark capture from
/// about 0.45 to 0.35 s.
#[derive(Clone, Debug)]
pub struct Message {
    pub start: Start,
    pub cseq: u32,
    pub has_body: bool,
    text: String,
    /// The header field names, as written (compact forms kept).
    names: Vec<Span>,
    method: Span,
    call_id: Span,
    cseq_method: Span,
    from_tag: Option<Span>,
    to_tag: Option<Span>,
    /// The topmost Via's branch parameter and sent-by (lower-cased).
    branch: Option<Span>,
    sent_by: Span,
    /// The second Via's: the element that sent the request to the one that
    /// forwarded it, when a proxy forwarded it.
    second: Option<(Option<Span>, Span)>,
    require: Vec<Span>,
    supported: Vec<Span>,
    /// The subscription an Event names: its event type and `id`, as RFC
    /// 6665 §8.2.1 compares them (byte by byte, no other parameter).
    event: Option<Span>,
    /// The start line as sent, for the report.
    first_line: Span,
}

/// A range of a message's `text`. A message is at most a datagram or the
/// 1 MiB a stream holds, so its offsets fit in 32 bits.
#[derive(Copy, Clone, Debug, Default)]
struct Span {
    start: u32,
    end: u32,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Start {
    Request,
    Response { code: u16 },
}

impl Message {
    fn get(&self, span: Span) -> &str {
        &self.text[span.start as usize..span.end as usize]
    }

    /// Adds `text` to the message's texts.
    fn push(&mut self, text: &str) -> Span {
        let start = self.text.len() as u32;
        self.text.push_str(text);
        Span {
            start,
            end: self.text.len() as u32,
        }
    }

    /// Reads one header field, if it is one the checks need.
    fn field(
        &mut self,
        name: &str,
        value: &[u8],
        vias: &mut usize,
        seen_cseq: &mut bool,
    ) -> Result<(), String> {
        let span = self.push(name);
        self.names.push(span);
        let value = match std::str::from_utf8(value) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(value),
        };
        match header::full_name(name) {
            "Call-ID" => self.call_id = self.push(value.trim()),
            "CSeq" => {
                let mut parts = value.split_whitespace();
                self.cseq = parts
                    .next()
                    .and_then(|number| number.parse().ok())
                    .ok_or_else(|| format!("CSeq `{value}` does not start with a number"))?;
                let method = parts
                    .next()
                    .ok_or_else(|| format!("CSeq `{value}` names no method"))?;
                self.cseq_method = self.push(method);
                *seen_cseq = true;
            }
            "From" => self.from_tag = header::parameter(&value, "tag").map(|tag| self.push(tag)),
            "To" => self.to_tag = header::parameter(&value, "tag").map(|tag| self.push(tag)),
            "Via" => {
                for via in value.split(',') {
                    if *vias == 2 {
                        break;
                    }
                    let (branch, sent_by) = branch_and_sent_by(via);
                    let branch = branch.map(|branch| self.push(branch));
                    let sent_by = self.push(sent_by);
                    let at = sent_by.start as usize..sent_by.end as usize;
                    self.text[at].make_ascii_lowercase();
                    match *vias {
                        0 => (self.branch, self.sent_by) = (branch, sent_by),
                        _ => self.second = Some((branch, sent_by)),
                    }
                    *vias += 1;
                }
            }
            "Require" => {
                for tag in tags(&value) {
                    let tag = self.push(tag);
                    self.require.push(tag);
                }
            }
            "Supported" => {
                for tag in tags(&value) {
                    let tag = self.push(tag);
                    self.supported.push(tag);
                }
            }
            "Event" => {
                let event_type = value.split(';').next().unwrap_or_default().trim_ascii();
                let start = self.push(event_type).start;
                if let Some(id) = header::parameter(&value, "id") {
                    self.push(";id=");
                    self.push(id);
                }
                self.event = Some(Span {
                    start,
                    end: self.text.len() as u32,
                });
            }
            _ => {}
        }
        Ok(())
    }

    /// The header field names, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> + Clone {
        self.names.iter().map(|&span| self.get(span))
    }

    /// A request's method, as written; empty for a response.
    pub fn method(&self) -> &str {
        self.get(self.method)
    }

    pub fn call_id(&self) -> &str {
        self.get(self.call_id)
    }

    /// The method CSeq names.
    pub fn cseq_method(&self) -> &str {
        self.get(self.cseq_method)
    }

    /// The From header field's tag (not a conversion).
    #[expect(clippy::wrong_self_convention)]
    pub fn from_tag(&self) -> Option<&str> {
        self.from_tag.map(|span| self.get(span))
    }

    pub fn to_tag(&self) -> Option<&str> {
        self.to_tag.map(|span| self.get(span))
    }

    /// The topmost Via's branch parameter.
    pub fn branch(&self) -> Option<&str> {
        self.branch.map(|span| self.get(span))
    }

    /// The topmost Via's sent-by, lower-cased.
    pub fn sent_by(&self) -> &str {
        self.get(self.sent_by)
    }

    /// The second Via's branch and sent-by.
    pub fn second(&self) -> Option<(Option<&str>, &str)> {
        self.second
            .map(|(branch, sent_by)| (branch.map(|span| self.get(span)), self.get(sent_by)))
    }

    /// The option tags of Require.
    pub fn require(&self) -> impl Iterator<Item = &str> + Clone {
        self.require.iter().map(|&span| self.get(span))
    }

    /// The option tags of Supported.
    pub fn supported(&self) -> impl Iterator<Item = &str> + Clone {
        self.supported.iter().map(|&span| self.get(span))
    }

    /// The subscription the Event header field names (`presence;id=7`).
    pub fn event(&self) -> Option<&str> {
        self.event.map(|span| self.get(span))
    }

    /// The start line as sent, for the report.
    pub fn first_line(&self) -> &str {
        self.get(self.first_line)
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
    let is_version = |word: &[u8]| SipVersion::from_bytes(word).is_some();
    if line.split(|&b| b == b' ').next().is_some_and(is_version) {
        return true;
    }
    line.first().is_some_and(u8::is_ascii_alphabetic)
        && line.split(|&b| b == b' ').count() == 3
        && line.rsplit(|&b| b == b' ').next().is_some_and(is_version)
}

/// The first line of a message, for reports.
pub fn first_line(bytes: &[u8]) -> Cow<'_, str> {
    let end = bytes
        .iter()
        .position(|&b| b == b'\r' || b == b'\n')
        .unwrap_or(bytes.len())
        .min(200);
    String::from_utf8_lossy(&bytes[..end])
}

const NEITHER: &str = "the start line is neither a request line (Method SP Request-URI SP \
    SIP-Version) nor a status line (SIP-Version SP Status-Code SP Reason-Phrase), RFC 3261 §7.1, §7.2";

/// Reads a message; the error says why it could not be.
pub fn parse(bytes: &[u8]) -> Result<Message, String> {
    let mut read = Message {
        start: Start::Request,
        cseq: 0,
        has_body: false,
        // Room for a usual message's texts (about 200 bytes): growing from
        // nothing took five or six reallocations.
        text: String::with_capacity(256),
        names: Vec::with_capacity(16),
        method: Span::default(),
        call_id: Span::default(),
        cseq_method: Span::default(),
        from_tag: None,
        to_tag: None,
        branch: None,
        sent_by: Span::default(),
        second: None,
        require: Vec::new(),
        supported: Vec::new(),
        event: None,
        first_line: Span::default(),
    };
    let (mut vias, mut seen_cseq, mut refused) = (0, false, None);
    // The fields are read as the head is checked, in one pass.
    let head = Head::read_each(bytes, |name, value| {
        if refused.is_none()
            && let Err(why) = read.field(name, value, &mut vias, &mut seen_cseq)
        {
            refused = Some(why);
        }
    })
    .map_err(|error| error.to_string())?;
    if let Some(why) = refused {
        return Err(why);
    }
    read.has_body = head.has_body();
    if !seen_cseq {
        return Err("no CSeq header field".into());
    }
    if vias == 0 {
        return Err("no Via header field".into());
    }
    read.start = match head.method() {
        Some(method) => {
            read.method = read.push(method);
            Start::Request
        }
        // A code with a phrase or a version this crate does not read is still
        // a response with that code.
        None => match StatusLine::parse_received(head.start_line()) {
            Ok(line) => Start::Response {
                code: line.status().as_u16(),
            },
            Err(ReceivedError::Version) => return Err(NEITHER.into()),
            Err(error) => Start::Response {
                code: error.status().ok_or_else(|| error.to_string())?.as_u16(),
            },
        },
    };
    read.first_line = read.push(&first_line(bytes));
    Ok(read)
}

/// A Via value's branch parameter and its sent-by.
fn branch_and_sent_by(via: &str) -> (Option<&str>, &str) {
    // `SIP/2.0/UDP host:port;params`: the sent-by follows the protocol.
    let via = via.trim_ascii_start();
    // Bytes, not chars: the delimiters are ASCII.
    let rest = via
        .bytes()
        .position(|byte| byte.is_ascii_whitespace())
        .map_or("", |end| via[end..].trim_ascii_start());
    let end = rest
        .bytes()
        .position(|byte| matches!(byte, b';' | b' ' | b'\t' | b'\r' | b'\n'))
        .unwrap_or(rest.len());
    (header::parameter(&rest[end..], "branch"), &rest[..end])
}

fn tags(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(',')
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
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
        assert_eq!(message.branch(), Some("z9hG4bK1"));
        assert_eq!(message.sent_by(), "10.0.0.1:5060");
        assert_eq!(message.second(), Some((None, "10.0.0.2")));
        assert_eq!(message.from_tag(), Some("a1"));
        assert_eq!(message.to_tag(), Some("b2"));
        assert_eq!((message.cseq, message.cseq_method()), (7, "INVITE"));
        assert_eq!(message.call_id(), "c@x");
        assert_eq!(message.require().collect::<Vec<_>>(), ["100rel", "timer"]);
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
        let no_method = b"OPTIONS sip:a@x SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nCSeq: 1\r\n\r\n";
        assert_eq!(parse(no_method).unwrap_err(), "CSeq `1` names no method");
        let neither =
            b"OPTIONS sip:a@x SIP/2.0 extra\r\nVia: SIP/2.0/UDP h\r\nCSeq: 1 OPTIONS\r\n\r\n";
        assert_eq!(
            parse(neither).unwrap_err(),
            "the start line is neither a request line (Method SP Request-URI SP SIP-Version) \
             nor a status line (SIP-Version SP Status-Code SP Reason-Phrase), RFC 3261 §7.1, §7.2"
        );
        // The library's reader says where a head goes wrong.
        let bare_cr = b"OPTIONS sip:a@x SIP/2.0\r\nVia: a\rb\r\nCSeq: 1 OPTIONS\r\n\r\n";
        assert_eq!(
            parse(bare_cr).unwrap_err(),
            "a bare CR at byte 31: a line ends with CRLF (RFC 3261 §7)"
        );
    }

    /// What a stricter parser refused is read: an extension method, another
    /// SIP version, a reason phrase outside the grammar (the code stands).
    #[test]
    fn any_method_version_and_phrase_is_read() {
        let tail = "Via: SIP/2.0/UDP h;branch=z9hG4bK9\r\nCSeq: 1 FROBNICATE\r\n\r\n";
        let request = parse(format!("FROBNICATE sip:a@x SIP/2.0\r\n{tail}").as_bytes()).unwrap();
        assert_eq!(
            (request.start, request.method()),
            (Start::Request, "FROBNICATE")
        );
        let newer = parse(format!("SIP/3.0 486 Busy Here\r\n{tail}").as_bytes()).unwrap();
        assert_eq!(newer.start, Start::Response { code: 486 });
        let phrase = parse(format!("SIP/2.0 486 Besetzt <jetzt>\r\n{tail}").as_bytes()).unwrap();
        assert_eq!(phrase.start, Start::Response { code: 486 });
    }

    #[test]
    fn folded_values_are_read_across_their_lines() {
        let folded = b"OPTIONS sip:a@x SIP/2.0\r\nVia: SIP/2.0/UDP\r\n  h:5060;branch=z9hG4bK2\r\n\
            CSeq: 1\r\n\tOPTIONS\r\nCall-ID: c\r\n\r\nbody\r\n two";
        let message = parse(folded).unwrap();
        assert_eq!(message.sent_by(), "h:5060");
        assert_eq!((message.cseq, message.cseq_method()), (1, "OPTIONS"));
        assert_eq!(message.call_id(), "c");
        assert!(message.has_body);
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
