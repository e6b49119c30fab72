//! A response read from its bytes, for the validator: any stack can check what
//! it is about to send, or what it received, without mapping its own types.

use core::fmt;

use crate::check::Check;
use crate::spec::grammar;
use crate::{ReceivedError, StatusLine, header};

/// The names of the header fields of a message head, in order, as written
/// (full or compact); a folded continuation line is part of the field before it.
/// A field whose name is not a token, or whose lines hold a bare CR (one not
/// followed by LF), is malformed and skipped, never merged with its neighbour:
/// parsers disagree on where such a field ends. [`Check::from_head`] reports them.
///
/// ```
/// use sipcodes::check::HeaderNames;
///
/// let head = b"SIP/2.0 200 OK\r\nv: SIP/2.0/UDP a\r\nSubject: a\r\n  folded\r\nCSeq: 1 BYE\r\n\r\n";
/// let names: Vec<&str> = HeaderNames::of(head).into_iter().collect();
/// assert_eq!(names, ["v", "Subject", "CSeq"]);
/// ```
#[derive(Copy, Clone, PartialEq, Eq)]
pub struct HeaderNames<'a> {
    /// The header fields, after the start line, up to the blank line.
    fields: &'a [u8],
}

impl<'a> HeaderNames<'a> {
    /// The header field names of `message`: its start line is skipped, and the
    /// fields end at the first empty line or at the end of the bytes.
    ///
    /// ```
    /// use sipcodes::check::HeaderNames;
    ///
    /// assert_eq!(HeaderNames::of(b"SIP/2.0 100 Trying\n").into_iter().count(), 0);
    /// ```
    pub fn of(message: &'a [u8]) -> HeaderNames<'a> {
        let (_, after_start) = split_line(message);
        let (fields, _) = split_head(after_start);
        HeaderNames { fields }
    }
}

/// The names, as a list: `["Via", "CSeq"]`.
impl core::fmt::Debug for HeaderNames<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(*self).finish()
    }
}

impl<'a> IntoIterator for HeaderNames<'a> {
    type Item = &'a str;
    type IntoIter = HeaderNamesIter<'a>;

    fn into_iter(self) -> HeaderNamesIter<'a> {
        HeaderNamesIter { rest: self.fields }
    }
}

/// The iterator of [`HeaderNames`]: each header field name, as written.
///
/// ```
/// use sipcodes::check::HeaderNames;
///
/// let mut names = HeaderNames::of(b"SIP/2.0 180 Ringing\r\nl: 0\r\n\r\n").into_iter();
/// assert_eq!(names.next(), Some("l"));
/// assert_eq!(names.next(), None);
/// ```
#[derive(Clone, Debug)]
pub struct HeaderNamesIter<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for HeaderNamesIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.next_field().map(|(name, _)| name)
    }
}

impl<'a> HeaderNamesIter<'a> {
    /// The next well-formed header field's name and the value on its first line.
    fn next_field(&mut self) -> Option<(&'a str, &'a [u8])> {
        loop {
            if let Ok(field) = self.next_group()? {
                return Some(field);
            }
        }
    }

    /// The next header field: its first line and the continuation lines after
    /// it (a line starting with whitespace continues the field before it, RFC
    /// 3261 §7.3.1), read as its name and first-line value, or what makes it
    /// malformed.
    fn next_group(&mut self) -> Option<Result<(&'a str, &'a [u8]), Malformed>> {
        if self.rest.is_empty() {
            return None;
        }
        let group = self.rest;
        let (line, mut rest) = split_line(group);
        while let [b' ' | b'\t', ..] = rest {
            rest = split_line(rest).1;
        }
        self.rest = rest;
        if let Some(at) = bare_cr(&group[..group.len() - rest.len()]) {
            return Some(Err(Malformed::BareCr { at }));
        }
        if let [b' ' | b'\t', ..] = line {
            return Some(Err(Malformed::Continuation));
        }
        let Some(colon) = line.iter().position(|byte| *byte == b':') else {
            return Some(Err(Malformed::MissingColon));
        };
        match core::str::from_utf8(trim_end(&line[..colon])) {
            Ok(name) if grammar::is_token(name) => Some(Ok((name, &line[colon + 1..]))),
            _ => Some(Err(Malformed::Name)),
        }
    }
}

/// What makes a header field malformed; offsets count from its first line.
enum Malformed {
    /// A CR not followed by LF, at this offset.
    BareCr {
        at: usize,
    },
    /// A continuation line with no field before it.
    Continuation,
    MissingColon,
    /// A name that is not a token.
    Name,
}

/// The offset of the first CR in `bytes` that no LF follows.
fn bare_cr(bytes: &[u8]) -> Option<usize> {
    bytes
        .iter()
        .enumerate()
        .position(|(at, byte)| *byte == b'\r' && bytes.get(at + 1) != Some(&b'\n'))
}

/// The length the Content-Length header field (or its compact form `l`)
/// gives, if there is one and it is a number.
fn content_length(fields: &[u8]) -> Option<usize> {
    let mut iter = HeaderNamesIter { rest: fields };
    while let Some((name, value)) = iter.next_field() {
        if header::same(name, "Content-Length") {
            let digits = trim_end(trim_start(value));
            return core::str::from_utf8(digits).ok()?.parse().ok();
        }
    }
    None
}

impl<'a> Check<'a, HeaderNames<'a>> {
    /// A response read from its bytes: the status line (parsed as
    /// [`StatusLine::parse_received`] does, after any line ends before it,
    /// which RFC 3261 §7.5 says to ignore), the names of its header fields, and
    /// whether it has a body: its Content-Length (or `l`) is above zero, or,
    /// without one, something follows the blank line that ends the head (RFC
    /// 3261 §18.3: bytes beyond Content-Length are not the body). What is known
    /// of the request is added with [`context`](Check::context).
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::check::Check;
    /// use sipcodes::rules::Context;
    ///
    /// let sent = b"SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776\r\n\
    ///              From: <sip:alice@example.com>;tag=1928\r\nTo: <sip:bob@example.com>;tag=a6c8\r\n\
    ///              Call-ID: a84b4c76e66710\r\nCSeq: 314159 INVITE\r\n\r\n";
    /// let response = Check::from_head(sent)?.context(Context::new().method("INVITE").in_dialog(false));
    /// assert_eq!(response.status(), StatusCode::RINGING);
    /// let violation = response.violations().find(|v| v.is_mandatory()).unwrap();
    /// assert_eq!(violation.header(), Some("Contact"));
    /// # Ok::<(), sipcodes::check::HeadError>(())
    /// ```
    ///
    /// A head that parsers could read in different ways is an error, at the
    /// byte where it goes wrong: a bare CR, or a header field name that is not a
    /// token.
    ///
    /// ```
    /// use sipcodes::check::{Check, HeadError};
    ///
    /// let smuggled = b"SIP/2.0 200 OK\r\nVia: a\rContact: <sip:x@y>\r\n\r\n";
    /// assert_eq!(Check::from_head(smuggled).unwrap_err(), HeadError::BareCr { position: 22 });
    /// let odd = b"SIP/2.0 200 OK\r\nVia a: b\r\n\r\n";
    /// assert_eq!(Check::from_head(odd).unwrap_err(), HeadError::HeaderName { position: 16 });
    /// ```
    pub fn from_head(message: &'a [u8]) -> Result<Self, HeadError> {
        let whole = message;
        let mut message = message;
        // RFC 3261 §7.5: line ends before the start line are ignored.
        while let [b'\r' | b'\n', rest @ ..] = message {
            message = rest;
        }
        let (start, after_start) = split_line(message);
        let line = StatusLine::parse_received(start).map_err(HeadError::StatusLine)?;
        let (fields, body) = split_head(after_start);
        check_fields(fields, whole.len() - after_start.len())?;
        let has_body = match content_length(fields) {
            Some(length) => length > 0,
            None => !body.is_empty(),
        };
        Ok(Check::new(line.status())
            .headers(HeaderNames { fields })
            .body(has_body))
    }
}

/// Why the bytes of a message head cannot be read safely; from
/// [`Check::from_head`]. Positions are byte offsets in the bytes given.
///
/// ```
/// use sipcodes::check::{Check, HeadError};
///
/// let error = Check::from_head(b"SIP/2.0 200 OK\r\nVia: a\rCSeq: 1 BYE\r\n\r\n").unwrap_err();
/// assert_eq!(error.to_string(), "a bare CR at byte 22: a line ends with CRLF (RFC 3261 §7)");
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HeadError {
    /// The status line is not usable.
    StatusLine(ReceivedError),
    /// A CR not followed by LF: one parser ends the line there, another does not.
    BareCr {
        /// Byte offset of the CR.
        position: usize,
    },
    /// A header field name that is not a token (RFC 3261 §7.3.1, §25.1).
    HeaderName {
        /// Byte offset where the name starts.
        position: usize,
    },
    /// A header line without a colon, which is no header field at all.
    MissingColon {
        /// Byte offset where the line starts.
        position: usize,
    },
}

impl fmt::Display for HeadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeadError::StatusLine(error) => write!(f, "in the status line: {error}"),
            HeadError::BareCr { position } => write!(
                f,
                "a bare CR at byte {position}: a line ends with CRLF (RFC 3261 §7)"
            ),
            HeadError::HeaderName { position } => write!(
                f,
                "the header field name at byte {position} is not a token (RFC 3261 §7.3.1)"
            ),
            HeadError::MissingColon { position } => write!(
                f,
                "the header line at byte {position} has no colon after its name (RFC 3261 §7.3.1)"
            ),
        }
    }
}

impl core::error::Error for HeadError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            HeadError::StatusLine(error) => Some(error),
            _ => None,
        }
    }
}

/// The first malformed header field, among fields that start at byte `offset`
/// of the message. A continuation line with nothing before it is folded into
/// nothing, as the names do.
fn check_fields(fields: &[u8], offset: usize) -> Result<(), HeadError> {
    let mut iter = HeaderNamesIter { rest: fields };
    loop {
        let position = offset + fields.len() - iter.rest.len();
        let error = match iter.next_group() {
            None => return Ok(()),
            Some(Ok(_) | Err(Malformed::Continuation)) => continue,
            Some(Err(Malformed::BareCr { at })) => HeadError::BareCr {
                position: position + at,
            },
            Some(Err(Malformed::MissingColon)) => HeadError::MissingColon { position },
            Some(Err(Malformed::Name)) => HeadError::HeaderName { position },
        };
        return Err(error);
    }
}

/// The first line (without its line end) and what follows it.
fn split_line(bytes: &[u8]) -> (&[u8], &[u8]) {
    match bytes.iter().position(|byte| *byte == b'\n') {
        Some(end) => {
            let line = &bytes[..end];
            (line.strip_suffix(b"\r").unwrap_or(line), &bytes[end + 1..])
        }
        None => (bytes, &[]),
    }
}

/// The header fields up to the first empty line, and what follows that line.
fn split_head(fields: &[u8]) -> (&[u8], &[u8]) {
    let mut offset = 0;
    let mut rest = fields;
    while !rest.is_empty() {
        let (line, after) = split_line(rest);
        if line.is_empty() {
            return (&fields[..offset], after);
        }
        offset = fields.len() - after.len();
        rest = after;
    }
    (fields, &[])
}

fn trim_start(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = bytes {
        bytes = rest;
    }
    bytes
}

fn trim_end(mut bytes: &[u8]) -> &[u8] {
    while let [rest @ .., b' ' | b'\t'] = bytes {
        bytes = rest;
    }
    bytes
}
