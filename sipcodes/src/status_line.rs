//! The first line of a response: `SIP/2.0 486 Busy Here`.

use core::fmt;

use crate::{CodeError, ReasonPhrase, ReasonPhraseError, SipCode, StatusCode, parse};

/// A response's status line (RFC 3261 §7.2): the code as received, registered
/// or not, and the phrase as sent, which need not be the registered one.
///
/// Formatting always writes `SIP/2.0`, a space, three digits, a space (even
/// before an empty phrase), the phrase and CRLF. The alternate form `{:#}`
/// leaves out the CRLF, for logs and for APIs that take the start line without
/// its line end.
///
/// ```
/// use sipcodes::{ReasonPhrase, SipCode, StatusLine};
///
/// assert_eq!(StatusLine::canonical(SipCode::BusyHere).to_string(), "SIP/2.0 486 Busy Here\r\n");
///
/// let queued = StatusLine::new(SipCode::Queued.into(), ReasonPhrase::new("5 calls queued")?);
/// assert_eq!(queued.to_string(), "SIP/2.0 182 5 calls queued\r\n");
///
/// let received = StatusLine::parse("sip/2.0 499 Custom Failure\r\n")?;
/// assert_eq!(received.status().as_u16(), 499);
/// assert_eq!(received.phrase().as_str(), "Custom Failure");
/// assert_eq!(received.to_string(), "SIP/2.0 499 Custom Failure\r\n");
/// # Ok::<(), Box<dyn core::error::Error>>(())
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatusLine<'a> {
    status: StatusCode,
    phrase: ReasonPhrase<'a>,
}

impl<'a> StatusLine<'a> {
    /// A status line with any code and a checked phrase.
    ///
    /// ```
    /// use sipcodes::{ReasonPhrase, StatusCode, StatusLine};
    ///
    /// let line = StatusLine::new(StatusCode::new(480)?, ReasonPhrase::new("")?);
    /// assert_eq!(line.to_string(), "SIP/2.0 480 \r\n");
    /// # Ok::<(), Box<dyn core::error::Error>>(())
    /// ```
    pub const fn new(status: StatusCode, phrase: ReasonPhrase<'a>) -> Self {
        StatusLine { status, phrase }
    }

    /// The status line of a registered code with its registered phrase.
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusLine};
    ///
    /// assert_eq!(StatusLine::canonical(SipCode::Ok).to_string(), "SIP/2.0 200 OK\r\n");
    /// ```
    pub const fn canonical(code: SipCode) -> StatusLine<'static> {
        StatusLine {
            status: StatusCode::from_sip_code(code),
            phrase: ReasonPhrase::canonical(code),
        }
    }

    /// Parses a status line, with or without its closing CRLF: `SIP/2.0`
    /// (letters in any case), one space, three digits from 100 to 699, one space
    /// and a Reason-Phrase. Unregistered codes and custom phrases are kept as
    /// they are. For bytes received from a peer, [`StatusLine::parse_received`]
    /// tolerates what deployed stacks send.
    ///
    /// ```
    /// use sipcodes::{StatusLine, StatusLineError};
    ///
    /// assert!(StatusLine::parse("SIP/2.0 180 Ringing").is_ok());
    /// assert_eq!(StatusLine::parse("SIP/2.0 180"), Err(StatusLineError::MissingSpace { position: 11 }));
    /// assert_eq!(StatusLine::parse("HTTP/1.1 200 OK"), Err(StatusLineError::Version));
    /// ```
    pub fn parse(line: &'a str) -> Result<StatusLine<'a>, StatusLineError> {
        const VERSION: &str = "SIP/2.0";
        const CODE_AT: usize = VERSION.len() + 1;
        const PHRASE_AT: usize = CODE_AT + 4;
        let line = line.strip_suffix("\r\n").unwrap_or(line);
        let version = line.as_bytes().get(..VERSION.len());
        if !version.is_some_and(|version| version.eq_ignore_ascii_case(VERSION.as_bytes())) {
            return Err(StatusLineError::Version);
        }
        if line.as_bytes().get(VERSION.len()) != Some(&b' ') {
            return Err(StatusLineError::MissingSpace {
                position: VERSION.len(),
            });
        }
        let rest = &line[CODE_AT..];
        let (number, phrase) = parse::split(rest).map_err(|error| StatusLineError::Code {
            position: CODE_AT,
            error,
        })?;
        let phrase = phrase.ok_or(StatusLineError::MissingSpace {
            position: PHRASE_AT - 1,
        })?;
        let phrase = ReasonPhrase::new(phrase).map_err(|error| StatusLineError::Phrase {
            position: PHRASE_AT,
            error,
        })?;
        let status = StatusCode::new(number).map_err(|error| StatusLineError::Code {
            position: CODE_AT,
            error,
        })?;
        Ok(StatusLine { status, phrase })
    }

    /// The code, as received.
    ///
    /// ```
    /// let line = sipcodes::StatusLine::parse("SIP/2.0 299 Fine")?;
    /// assert_eq!(line.status().as_u16(), 299);
    /// # Ok::<(), sipcodes::StatusLineError>(())
    /// ```
    pub const fn status(&self) -> StatusCode {
        self.status
    }

    /// The phrase, as received or given.
    ///
    /// ```
    /// let line = sipcodes::StatusLine::parse("SIP/2.0 486 Nope")?;
    /// assert_eq!(line.phrase().as_str(), "Nope");
    /// # Ok::<(), sipcodes::StatusLineError>(())
    /// ```
    pub const fn phrase(&self) -> ReasonPhrase<'a> {
        self.phrase
    }
}

impl fmt::Display for StatusLine<'_> {
    /// `SIP/2.0 486 Busy Here\r\n`; with `{:#}`, `SIP/2.0 486 Busy Here`.
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusLine};
    ///
    /// let line = StatusLine::canonical(SipCode::BusyHere);
    /// assert_eq!(format!("{line}"), "SIP/2.0 486 Busy Here\r\n");
    /// assert_eq!(format!("{line:#}"), "SIP/2.0 486 Busy Here");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = if f.alternate() { "" } else { "\r\n" };
        // A line made by `canonical` borrows the registry's phrase: one copy.
        if let Some(code) = self.status.known()
            && core::ptr::eq(self.phrase.as_str(), code.reason_phrase())
        {
            let line = code.status_line();
            return f.write_str(&line[..line.len() - 2 + end.len()]);
        }
        f.write_str("SIP/2.0 ")?;
        f.write_str(self.status.as_str())?;
        f.write_str(" ")?;
        f.write_str(&self.phrase)?;
        f.write_str(end)
    }
}

/// Why a text is not a status line. Positions are byte offsets in the line.
///
/// ```
/// use sipcodes::{CodeError, StatusLine, StatusLineError};
///
/// assert_eq!(
///     StatusLine::parse("SIP/2.0 2OO OK"),
///     Err(StatusLineError::Code { position: 8, error: CodeError::InvalidDigit { position: 1, found: 'O' } })
/// );
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatusLineError {
    /// The line does not start with `SIP/2.0`.
    Version,
    /// A single space is required at this byte.
    MissingSpace {
        /// Byte offset.
        position: usize,
    },
    /// The status code is malformed.
    Code {
        /// Byte offset where the code starts.
        position: usize,
        /// What is wrong with it; its positions count from the code's start.
        error: CodeError,
    },
    /// The reason phrase is malformed (a bare CR or LF, another control
    /// character, a character the grammar excludes).
    Phrase {
        /// Byte offset where the phrase starts.
        position: usize,
        /// What is wrong with it; its positions count from the phrase's start.
        error: ReasonPhraseError,
    },
}

impl fmt::Display for StatusLineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusLineError::Version => f.write_str("a status line starts with SIP/2.0"),
            StatusLineError::MissingSpace { position } => {
                write!(f, "expected a space at byte {position}")
            }
            StatusLineError::Code { position, error } => error.fmt_in_line(f, *position),
            StatusLineError::Phrase { position, error } => {
                write!(f, "in the reason phrase at byte {position}: {error}")
            }
        }
    }
}

impl core::error::Error for StatusLineError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            StatusLineError::Code { error, .. } => Some(error),
            StatusLineError::Phrase { error, .. } => Some(error),
            _ => None,
        }
    }
}
