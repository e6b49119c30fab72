//! A response read from its bytes, for the validator: any stack can check what
//! it is about to send, or what it received, without mapping its own types.

use core::fmt;

use crate::check::Check;
use crate::spec::grammar;
use crate::{ReceivedError, SipVersion, StatusLine, header};

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
    /// The header fields, after the start line: up to the blank line, and
    /// whatever follows it, which the names stop before.
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
        HeaderNames {
            fields: after_start,
        }
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
        HeaderNamesIter::new(self.fields)
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
    /// What is left of the head, from the next header field on.
    rest: &'a [u8],
    /// What follows the blank line, once it is reached.
    body: &'a [u8],
}

impl<'a> Iterator for HeaderNamesIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        self.next_field().map(|(name, _)| name)
    }
}

impl<'a> HeaderNamesIter<'a> {
    fn new(fields: &'a [u8]) -> Self {
        HeaderNamesIter {
            rest: fields,
            body: &[],
        }
    }

    /// The next well-formed header field's name and value.
    fn next_field(&mut self) -> Option<(&'a str, &'a [u8])> {
        loop {
            if let Ok(field) = self.next_group()? {
                return Some(field);
            }
        }
    }

    /// The next header field: its first line and the continuation lines after
    /// it (a line starting with whitespace continues the field before it, RFC
    /// 3261 §7.3.1), read as its name and value, or what makes it malformed.
    fn next_group(&mut self) -> Option<Result<(&'a str, &'a [u8]), Malformed>> {
        let group = self.rest;
        if group.is_empty() {
            return None;
        }
        let first = next_line(group);
        if first.text.is_empty() {
            // The blank line that ends the head.
            (self.rest, self.body) = (&[], first.rest);
            return None;
        }
        let (mut rest, mut bare_cr) = (first.rest, first.bare_cr);
        while let [b' ' | b'\t', ..] = rest {
            let line = next_line(rest);
            let at = group.len() - rest.len();
            bare_cr = bare_cr.or(line.bare_cr.map(|offset| at + offset));
            rest = line.rest;
        }
        self.rest = rest;
        if let Some(at) = bare_cr {
            return Some(Err(Malformed::BareCr { at }));
        }
        let line = first.text;
        if let [b' ' | b'\t', ..] = line {
            return Some(Err(Malformed::Continuation));
        }
        // The name, then white space, then the colon (RFC 3261 §7.3.1, HCOLON).
        let name_end = line
            .iter()
            .position(|&byte| !grammar::is_token_byte(byte))
            .unwrap_or(line.len());
        let spaces = line[name_end..]
            .iter()
            .take_while(|&&byte| matches!(byte, b' ' | b'\t'))
            .count();
        let colon = name_end + spaces;
        match line.get(colon) {
            Some(b':') if name_end > 0 => {}
            _ if line.contains(&b':') => return Some(Err(Malformed::Name)),
            _ => return Some(Err(Malformed::MissingColon)),
        }
        // The value runs to the field's last line end; folded line ends stay.
        let field = &group[..group.len() - rest.len()];
        let value = match field {
            [.., b'\r', b'\n'] => &field[colon + 1..field.len() - 2],
            [.., b'\n'] => &field[colon + 1..field.len() - 1],
            _ => &field[colon + 1..],
        };
        // A token is ASCII, so always UTF-8.
        let name = core::str::from_utf8(&line[..name_end]).unwrap_or_default();
        Some(Ok((name, trim_end(trim_start(value)))))
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
        // The status line first: it says whether this is a response at all.
        let (start, _) = split_line(skip_line_ends(message));
        let line = StatusLine::parse_received(start).map_err(HeadError::StatusLine)?;
        let head = Head::read(message)?;
        Ok(Check::new(line.status())
            .headers(head.names())
            .body(head.has_body()))
    }
}

/// A SIP message, request or response, read as far as checking it needs: its
/// start line, its header fields and whether it has a body. Reading checks what
/// parsers could read in different ways (a bare CR, a header field name that is
/// not a token, a line without a colon) and nothing else, so that a message
/// with a method, a header field or a version this crate does not know is still
/// read.
///
/// ```
/// use sipcodes::check::Head;
///
/// let request = b"OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n\
///                 Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bKhjhs8ass877\r\n\
///                 i: a84b4c76e66710\r\nCSeq: 63104 OPTIONS\r\n\r\n";
/// let head = Head::read(request)?;
/// assert_eq!(head.method(), Some("OPTIONS"));
/// let fields: Vec<(&str, &[u8])> = head.fields().collect();
/// assert_eq!(fields[1], ("i", &b"a84b4c76e66710"[..]));
/// assert!(!head.has_body());
/// # Ok::<(), sipcodes::check::HeadError>(())
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Head<'a> {
    start: &'a [u8],
    /// The header fields and the blank line after them.
    fields: &'a [u8],
    has_body: bool,
}

impl<'a> Head<'a> {
    /// Reads a message: line ends before its start line are skipped (RFC 3261
    /// §7.5), the header fields end at the first empty line, and what follows
    /// is the body. The error names the first malformed header field, at its
    /// byte in `message`.
    ///
    /// ```
    /// use sipcodes::check::{Head, HeadError};
    ///
    /// let head = Head::read(b"\r\nBYE sip:a@x SIP/2.0\r\nCSeq: 2 BYE\r\n\r\n")?;
    /// assert_eq!(head.start_line(), b"BYE sip:a@x SIP/2.0");
    /// let broken = Head::read(b"BYE sip:a@x SIP/2.0\r\nCSeq 2 BYE\r\n\r\n");
    /// assert_eq!(broken, Err(HeadError::MissingColon { position: 21 }));
    /// # Ok::<(), HeadError>(())
    /// ```
    pub fn read(message: &'a [u8]) -> Result<Head<'a>, HeadError> {
        Head::read_each(message, |_, _| {})
    }

    /// Reads a message as [`read`](Head::read) does, giving each header field
    /// to `visit` as it goes: one pass over the head for a caller that wants
    /// every field, where `read` and then [`fields`](Head::fields) take two.
    /// When the head is malformed, the fields before the malformed one have
    /// been given.
    ///
    /// ```
    /// use sipcodes::check::Head;
    ///
    /// let mut call_id = None;
    /// let head = Head::read_each(b"BYE sip:a@x SIP/2.0\r\ni: 77@h\r\nCSeq: 2 BYE\r\n\r\n", |name, value| {
    ///     if sipcodes::header::same(name, "Call-ID") {
    ///         call_id = Some(value);
    ///     }
    /// })?;
    /// assert_eq!(call_id, Some(&b"77@h"[..]));
    /// assert_eq!(head.method(), Some("BYE"));
    /// # Ok::<(), sipcodes::check::HeadError>(())
    /// ```
    pub fn read_each(
        message: &'a [u8],
        mut visit: impl FnMut(&'a str, &'a [u8]),
    ) -> Result<Head<'a>, HeadError> {
        let (start, after_start) = split_line(skip_line_ends(message));
        let offset = message.len() - after_start.len();
        let mut iter = HeaderNamesIter::new(after_start);
        let mut content_length = None;
        loop {
            let position = offset + after_start.len() - iter.rest.len();
            let error = match iter.next_group() {
                None => break,
                Some(Ok((name, value))) => {
                    visit(name, value);
                    if content_length.is_none() && header::same(name, "Content-Length") {
                        let digits = core::str::from_utf8(value).ok();
                        content_length =
                            Some(digits.and_then(|digits| digits.parse::<usize>().ok()));
                    }
                    continue;
                }
                // Folded into nothing, as the names do.
                Some(Err(Malformed::Continuation)) => continue,
                Some(Err(Malformed::BareCr { at })) => HeadError::BareCr {
                    position: position + at,
                },
                Some(Err(Malformed::MissingColon)) => HeadError::MissingColon { position },
                Some(Err(Malformed::Name)) => HeadError::HeaderName { position },
            };
            return Err(error);
        }
        let body = iter.body;
        let has_body = match content_length {
            Some(Some(length)) => length > 0,
            // None, or not a number: what follows the head decides.
            Some(None) | None => !body.is_empty(),
        };
        Ok(Head {
            start,
            fields: &after_start[..after_start.len() - body.len()],
            has_body,
        })
    }

    /// The start line, without its line end.
    ///
    /// ```
    /// use sipcodes::check::Head;
    ///
    /// assert_eq!(Head::read(b"SIP/2.0 200 OK\r\n\r\n")?.start_line(), b"SIP/2.0 200 OK");
    /// # Ok::<(), sipcodes::check::HeadError>(())
    /// ```
    pub fn start_line(&self) -> &'a [u8] {
        self.start
    }

    /// The method of a request: the first of the three parts of a request line
    /// (`Method SP Request-URI SP SIP-Version`, RFC 3261 §7.1), when it is a
    /// token and the last part is a SIP version. `None` for a status line or a
    /// start line of another shape. Methods are case-sensitive: `invite` is not
    /// `INVITE`.
    ///
    /// ```
    /// use sipcodes::check::Head;
    ///
    /// assert_eq!(Head::read(b"FOO sip:a@x SIP/2.0\r\n\r\n")?.method(), Some("FOO"));
    /// assert_eq!(Head::read(b"SIP/2.0 200 OK\r\n\r\n")?.method(), None);
    /// assert_eq!(Head::read(b"GET / HTTP/1.1\r\n\r\n")?.method(), None);
    /// # Ok::<(), sipcodes::check::HeadError>(())
    /// ```
    pub fn method(&self) -> Option<&'a str> {
        let mut parts = self.start.split(|&byte| byte == b' ');
        let (Some(method), Some(_uri), Some(version), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        SipVersion::from_bytes(version)?;
        core::str::from_utf8(method)
            .ok()
            .filter(|method| grammar::is_token(method))
    }

    /// The header fields, in order: each one's name as written (full or
    /// compact) and its value, without the white space around it. A value
    /// folded over several lines keeps its inner line ends, which read as one
    /// space (RFC 3261 §7.3.1).
    ///
    /// ```
    /// use sipcodes::check::Head;
    ///
    /// let head = Head::read(b"SIP/2.0 200 OK\r\nSubject:  lunch\r\n at noon \r\nl: 0\r\n\r\n")?;
    /// let fields: Vec<(&str, &[u8])> = head.fields().collect();
    /// assert_eq!(fields, [("Subject", &b"lunch\r\n at noon"[..]), ("l", b"0")]);
    /// # Ok::<(), sipcodes::check::HeadError>(())
    /// ```
    pub fn fields(&self) -> HeaderFields<'a> {
        HeaderFields {
            names: HeaderNamesIter::new(self.fields),
        }
    }

    /// The header field names, in order, for [`Check::headers`].
    ///
    /// ```
    /// use sipcodes::check::Head;
    ///
    /// let head = Head::read(b"SIP/2.0 200 OK\r\nv: SIP/2.0/UDP a\r\nCSeq: 1 BYE\r\n\r\n")?;
    /// assert_eq!(head.names().into_iter().collect::<Vec<_>>(), ["v", "CSeq"]);
    /// # Ok::<(), sipcodes::check::HeadError>(())
    /// ```
    pub fn names(&self) -> HeaderNames<'a> {
        HeaderNames {
            fields: self.fields,
        }
    }

    /// Whether the message has a body: its Content-Length (or `l`) is above
    /// zero, or, without one, something follows the blank line that ends the
    /// head (RFC 3261 §18.3: bytes beyond Content-Length are not the body).
    ///
    /// ```
    /// use sipcodes::check::Head;
    ///
    /// assert!(Head::read(b"SIP/2.0 200 OK\r\nl: 4\r\n\r\nv=0\n")?.has_body());
    /// assert!(!Head::read(b"SIP/2.0 200 OK\r\nl: 0\r\n\r\n\r\n")?.has_body());
    /// assert!(Head::read(b"SIP/2.0 200 OK\r\n\r\nv=0\n")?.has_body());
    /// # Ok::<(), sipcodes::check::HeadError>(())
    /// ```
    pub fn has_body(&self) -> bool {
        self.has_body
    }
}

/// The header fields of a message head, each as its name and value: those of
/// a [`Head`], or, read leniently, of any bytes ([`HeaderFields::of`]).
///
/// ```
/// use sipcodes::check::Head;
///
/// let head = Head::read(b"SIP/2.0 180 Ringing\r\nCSeq: 1 INVITE\r\n\r\n")?;
/// let mut fields = head.fields();
/// assert_eq!(fields.next(), Some(("CSeq", &b"1 INVITE"[..])));
/// assert_eq!(fields.next(), None);
/// # Ok::<(), sipcodes::check::HeadError>(())
/// ```
#[derive(Clone, Debug)]
pub struct HeaderFields<'a> {
    names: HeaderNamesIter<'a>,
}

impl<'a> HeaderFields<'a> {
    /// The header fields of `message`, however malformed: its start line is
    /// skipped, the fields end at the first empty line, and a malformed field
    /// is skipped as [`HeaderNames`] skips it. For a reader that must find a
    /// field (Content-Length, to frame a stream) in a head that [`Head::read`]
    /// may refuse.
    ///
    /// ```
    /// use sipcodes::check::HeaderFields;
    ///
    /// let head = b"SIP/2.0 200 OK\r\nBad Name: x\r\nl: 5\r\n\r\nhello";
    /// let fields: Vec<(&str, &[u8])> = HeaderFields::of(head).collect();
    /// assert_eq!(fields, [("l", &b"5"[..])]);
    /// ```
    pub fn of(message: &'a [u8]) -> HeaderFields<'a> {
        let (_, after_start) = split_line(message);
        HeaderFields {
            names: HeaderNamesIter::new(after_start),
        }
    }
}

impl<'a> Iterator for HeaderFields<'a> {
    type Item = (&'a str, &'a [u8]);

    fn next(&mut self) -> Option<(&'a str, &'a [u8])> {
        self.names.next_field()
    }
}

/// Why the bytes of a message head cannot be read safely; from
/// [`Head::read`] and [`Check::from_head`]. Positions are byte offsets in the bytes given.
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

/// The first line (without its line end) and what follows it.
fn split_line(bytes: &[u8]) -> (&[u8], &[u8]) {
    let line = next_line(bytes);
    (line.text, line.rest)
}

/// A line of a message head.
struct Line<'a> {
    /// The line without its line end: a CRLF, or an LF alone.
    text: &'a [u8],
    /// The first CR in it that no LF follows: parsers disagree on whether
    /// such a CR ends the line.
    bare_cr: Option<usize>,
    /// What follows the line end.
    rest: &'a [u8],
}

/// The first line of `bytes`; one without a line end runs to the end.
fn next_line(bytes: &[u8]) -> Line<'_> {
    let mut from = 0;
    let mut bare_cr = None;
    while let Some(found) = line_break(&bytes[from..]) {
        let at = from + found;
        let end = match (bytes[at], bytes.get(at + 1)) {
            (b'\n', _) => at + 1,
            (_, Some(b'\n')) => at + 2,
            _ => {
                bare_cr = bare_cr.or(Some(at));
                from = at + 1;
                continue;
            }
        };
        return Line {
            text: &bytes[..at],
            bare_cr,
            rest: &bytes[end..],
        };
    }
    Line {
        text: bytes,
        bare_cr,
        rest: &[],
    }
}

/// The offset of the first CR or LF in `bytes`, eight bytes at a time: a
/// byte-by-byte search takes about 1.8 times the instructions (22.6 against
/// 12.2 million over the checker's 10 500-message benchmark capture, 4 % of
/// all it does).
fn line_break(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const CRS: u64 = u64::from_le_bytes([b'\r'; 8]);
    const LFS: u64 = u64::from_le_bytes([b'\n'; 8]);
    // The high bit of each zero byte, and maybe of bytes after the first zero
    // byte, never before it: so the lowest bit set marks the first match.
    let zero_bytes = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let found = zero_bytes(word ^ CRS) | zero_bytes(word ^ LFS);
        if found != 0 {
            return Some(offset + found.trailing_zeros() as usize / 8);
        }
        offset += 8;
    }
    let rest = chunks.remainder();
    rest.iter()
        .position(|byte| matches!(byte, b'\r' | b'\n'))
        .map(|at| offset + at)
}

/// The bytes after any line ends they start with.
fn skip_line_ends(mut bytes: &[u8]) -> &[u8] {
    while let [b'\r' | b'\n', rest @ ..] = bytes {
        bytes = rest;
    }
    bytes
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every offset in and past the first eight-byte word, among bytes next to
    /// CR and LF in value and bytes with the high bit set, which a word-wise
    /// search could mistake for a match.
    #[test]
    fn line_breaks_are_found_where_they_are() {
        for fill in [b'a', 0x00, 0x09, 0x0b, 0x0c, 0x0e, 0x80, 0x8d, 0xff] {
            let mut bytes = [fill; 40];
            assert_eq!(line_break(&bytes), None, "{fill:#x}");
            for at in 0..bytes.len() {
                for byte in [b'\r', b'\n'] {
                    bytes[at] = byte;
                    for length in at + 1..=bytes.len() {
                        assert_eq!(
                            line_break(&bytes[..length]),
                            Some(at),
                            "{fill:#x} {at} {length}"
                        );
                    }
                    bytes[at] = fill;
                }
            }
        }
    }

    #[test]
    fn a_bare_cr_is_found_on_a_line_that_goes_on() {
        let line = next_line(b"Via: a\rb\r\r\nnext");
        assert_eq!(line.text, b"Via: a\rb\r");
        assert_eq!(line.bare_cr, Some(6));
        assert_eq!(line.rest, b"next");
        let last = next_line(b"no end\r");
        assert_eq!(
            (last.text, last.bare_cr, last.rest),
            (&b"no end\r"[..], Some(6), &b""[..])
        );
    }
}
