//! Status lines as peers really send them: the tolerant parser.

use core::fmt;

use crate::{CodeError, ReasonPhrase, ReasonPhraseError, StatusCode, StatusLine, parse};

impl<'a> StatusLine<'a> {
    /// Parses a status line received from the network, tolerating what RFC 3261
    /// allows a receiver to tolerate and what deployed peers send, while keeping
    /// everything [`StatusLine::parse`] guarantees about the result.
    ///
    /// `line` is the start line of a response, as bytes; the message's framing
    /// (finding the line in a datagram or stream, skipping the CRLFs RFC 3261
    /// §7.5 allows before it) is the caller's. Tolerated, beyond the strict
    /// grammar:
    ///
    /// - **Line end**: CRLF, a bare LF (RFC 9112 §2.2 lets HTTP/1.1 recipients
    ///   do the same), or none at all (the caller has already split the line).
    ///   Only the end of `line` may be a line end: a CR or LF anywhere else is
    ///   an error, so line folding is too.
    /// - **Whitespace**: one or more SP or HTAB between the version and the code
    ///   and between the code and the phrase. Elsewhere in a message, RFC 3261
    ///   §7.3.1 and §25.1 let such runs (linear white space) separate tokens;
    ///   RFC 4475 §3.1.2.9 lets a liberal receiver ignore extra SP on a start
    ///   line. Whitespace that starts the phrase cannot be told from the
    ///   separator and is dropped; whitespace inside or at the end of the
    ///   phrase is kept, as the grammar allows it.
    /// - **No space before an empty phrase**: `SIP/2.0 200\r\n` gives an empty
    ///   phrase (RFC 4475 §3.1.1.13: "a liberal receiver would accept it").
    /// - **Version**: `SIP/2.0` in any letter case (RFC 3261 §7.1: the
    ///   SIP-Version string is case-insensitive). A well-formed version other
    ///   than `SIP/2.0` (`SIP/7.0`, `SIP/2.00`: RFC 3261 §7.1 compares versions
    ///   as literal strings) is [`ReceivedError::UnsupportedVersion`], which
    ///   carries the version, and the code when the rest of the line is
    ///   well-formed, so that the caller can log it, drop the response, or
    ///   answer a request of that version with `505 Version Not Supported`;
    ///   [`parse_received_with_version`](StatusLine::parse_received_with_version)
    ///   gives the whole line of any version.
    ///
    /// Not tolerated: text before the version, a code that is not exactly three
    /// digits from 100 to 699 (RFC 4475 §3.1.2.19 asks receivers to drop
    /// `SIP/2.0 4294967301 …`), and a phrase outside the RFC 3261 §25.1 grammar.
    /// A phrase that is not UTF-8 is an error too
    /// ([`ReasonPhraseError::InvalidUtf8`]) rather than bytes kept aside: the
    /// grammar allows only UTF-8, and every [`ReasonPhrase`] is text. A bad
    /// phrase never costs the code: [`ReceivedError::status`] returns it, so a
    /// client can still act on the response.
    ///
    /// Unregistered codes and custom phrases are kept exactly as received; a
    /// line that [`StatusLine::parse`] accepts gives the same result here, as
    /// long as its phrase does not start with whitespace.
    ///
    /// ```
    /// use sipcodes::{ReasonPhraseError, ReceivedError, StatusLine};
    ///
    /// let line = StatusLine::parse_received(b"sip/2.0\t486  Busy Here\n")?;
    /// assert_eq!((line.status().as_u16(), line.phrase().as_str()), (486, "Busy Here"));
    /// assert_eq!(line.to_string(), "SIP/2.0 486 Busy Here\r\n");
    ///
    /// let bare = StatusLine::parse_received(b"SIP/2.0 499")?;
    /// assert_eq!((bare.status().as_u16(), bare.phrase().as_str()), (499, ""));
    ///
    /// match StatusLine::parse_received(b"SIP/7.0 200 OK\r\n") {
    ///     Err(ReceivedError::UnsupportedVersion { version, status }) => {
    ///         assert_eq!(version.as_str(), "SIP/7.0");
    ///         assert_eq!(status, Some(sipcodes::StatusCode::OK));
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    ///
    /// let latin1 = StatusLine::parse_received(b"SIP/2.0 486 Besetzt \xe4\r\n").unwrap_err();
    /// assert_eq!(latin1.status().map(|code| code.as_u16()), Some(486));
    /// assert_eq!(
    ///     latin1,
    ///     ReceivedError::Phrase {
    ///         position: 12,
    ///         status: sipcodes::StatusCode::new(486)?,
    ///         error: ReasonPhraseError::InvalidUtf8 { position: 8 },
    ///     }
    /// );
    /// # Ok::<(), Box<dyn core::error::Error>>(())
    /// ```
    pub fn parse_received(line: &'a [u8]) -> Result<StatusLine<'a>, ReceivedError> {
        match StatusLine::parse_received_with_version(line) {
            Ok((SipVersion::SIP_2_0, line)) => Ok(line),
            Ok((version, line)) => Err(ReceivedError::UnsupportedVersion {
                version,
                status: Some(line.status()),
            }),
            Err(error) => match SipVersion::at_start(line) {
                Some(version) if version != SipVersion::SIP_2_0 => {
                    Err(ReceivedError::UnsupportedVersion {
                        version,
                        status: None,
                    })
                }
                _ => Err(error),
            },
        }
    }

    /// Reads a status line of any well-formed SIP-Version, with the tolerances
    /// of [`parse_received`](StatusLine::parse_received), and gives the version
    /// beside the line: for a proxy or a logger that keeps what a peer of
    /// another version sent, code and phrase included.
    ///
    /// ```
    /// use sipcodes::{SipVersion, StatusLine};
    ///
    /// let (version, line) = StatusLine::parse_received_with_version(b"SIP/3.0 486 Occupied\r\n")?;
    /// assert_eq!(version.as_str(), "SIP/3.0");
    /// assert_eq!((line.status().as_u16(), line.phrase().as_str()), (486, "Occupied"));
    /// let (version, _) = StatusLine::parse_received_with_version(b"SIP/2.0 200 OK")?;
    /// assert_eq!(version, SipVersion::SIP_2_0);
    /// # Ok::<(), sipcodes::ReceivedError>(())
    /// ```
    pub fn parse_received_with_version(
        line: &'a [u8],
    ) -> Result<(SipVersion, StatusLine<'a>), ReceivedError> {
        let line = match line {
            [rest @ .., b'\r', b'\n'] | [rest @ .., b'\n'] => rest,
            _ => line,
        };
        let version_end = version_end(line);
        let version = SipVersion::from_bytes(&line[..version_end]).ok_or(ReceivedError::Version)?;
        let code_at = skip_space(line, version_end);
        if code_at == version_end {
            return Err(ReceivedError::MissingSpace {
                position: version_end,
            });
        }
        let code_error = |error| ReceivedError::Code {
            position: code_at,
            error,
        };
        let (number, after) = parse::three_digits(&line[code_at..]).map_err(code_error)?;
        match after.first() {
            None => {}
            Some(&byte) if is_space(byte) => {}
            Some(b'0'..=b'9') => return Err(code_error(CodeError::TooLong)),
            Some(_) => {
                return Err(code_error(CodeError::MissingSpace {
                    position: 3,
                    found: parse::char_at(line, code_at + 3),
                }));
            }
        }
        let status = StatusCode::new(number).map_err(code_error)?;
        let phrase_at = skip_space(line, code_at + 3);
        let phrase = ReasonPhrase::from_bytes(&line[phrase_at..]).map_err(|error| {
            ReceivedError::Phrase {
                position: phrase_at,
                status,
                error,
            }
        })?;
        Ok((version, StatusLine::new(status, phrase)))
    }
}

/// Where the first token of a line (its version) ends.
fn version_end(line: &[u8]) -> usize {
    line.iter()
        .position(|&byte| is_space(byte))
        .unwrap_or(line.len())
}

impl SipVersion {
    /// The version a line starts with, if it starts with a well-formed one.
    fn at_start(line: &[u8]) -> Option<SipVersion> {
        SipVersion::from_bytes(&line[..version_end(line)])
    }
}

fn is_space(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

/// The index of the first byte at or after `from` that is not SP or HTAB.
fn skip_space(line: &[u8], from: usize) -> usize {
    line[from..]
        .iter()
        .position(|&byte| !is_space(byte))
        .map_or(line.len(), |offset| from + offset)
}

/// A SIP-Version as received (RFC 3261 §7.1, §25.1): `SIP/` followed by
/// digits, a dot and digits. `SIP` is kept upper-case, as the comparison
/// ignores its case; the numbers are kept as written, as SIP compares them as
/// literal text. A version longer than 16 bytes is not read
/// ([`ReceivedError::Version`]).
///
/// ```
/// use sipcodes::{ReceivedError, SipVersion, StatusLine};
///
/// let Err(ReceivedError::UnsupportedVersion { version, .. }) = StatusLine::parse_received(b"sip/2.1 200 OK") else {
///     panic!("SIP/2.1 is not SIP/2.0");
/// };
/// assert_eq!(version.to_string(), "SIP/2.1");
/// assert_eq!((version.major(), version.minor()), ("2", "1"));
/// assert_ne!(version, SipVersion::SIP_2_0);
/// ```
#[derive(Copy, Clone, PartialEq, Eq, Hash)]
pub struct SipVersion {
    text: [u8; SipVersion::MAX_LEN],
    len: u8,
    dot: u8,
}

impl SipVersion {
    const MAX_LEN: usize = 16;

    /// `SIP/2.0`, the version of RFC 3261.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipVersion::SIP_2_0.as_str(), "SIP/2.0");
    /// ```
    pub const SIP_2_0: SipVersion = {
        let mut text = [0; SipVersion::MAX_LEN];
        let mut index = 0;
        while index < 7 {
            text[index] = b"SIP/2.0"[index];
            index += 1;
        }
        SipVersion {
            text,
            len: 7,
            dot: 5,
        }
    };

    /// Reads a SIP-Version token, such as the last element of a request line:
    /// `SIP/` (in any letter case), digits, a dot and digits, at most 16 bytes
    /// in all. `None` for anything else. Compare the result with
    /// [`SipVersion::SIP_2_0`] to decide whether to answer
    /// `505 Version Not Supported`.
    ///
    /// ```
    /// use sipcodes::SipVersion;
    ///
    /// assert_eq!(SipVersion::from_bytes(b"sip/2.0"), Some(SipVersion::SIP_2_0));
    /// let seven = SipVersion::from_bytes(b"SIP/7.0").unwrap();
    /// assert_ne!(seven, SipVersion::SIP_2_0); // answer 505
    /// assert_eq!(SipVersion::from_bytes(b"HTTP/1.1"), None);
    /// assert_eq!(SipVersion::from_bytes(b"SIP/2.0 "), None);
    /// ```
    pub fn from_bytes(token: &[u8]) -> Option<SipVersion> {
        let [s, i, p, b'/', numbers @ ..] = token else {
            return None;
        };
        if !([*s, *i, *p].eq_ignore_ascii_case(b"SIP") && token.len() <= SipVersion::MAX_LEN) {
            return None;
        }
        let dot = numbers.iter().position(|&byte| byte == b'.')?;
        let digits = |part: &[u8]| !part.is_empty() && part.iter().all(u8::is_ascii_digit);
        if !(digits(&numbers[..dot]) && digits(&numbers[dot + 1..])) {
            return None;
        }
        let mut text = [0; SipVersion::MAX_LEN];
        text[..4].copy_from_slice(b"SIP/");
        text[4..token.len()].copy_from_slice(numbers);
        // Both fit in a `u8`: the token is at most 16 bytes.
        Some(SipVersion {
            text,
            len: token.len() as u8,
            dot: (4 + dot) as u8,
        })
    }

    /// The version as text: `SIP/2.0`.
    ///
    /// ```
    /// use sipcodes::{ReceivedError, StatusLine};
    ///
    /// let error = StatusLine::parse_received(b"SIP/3.0 200 OK").unwrap_err();
    /// assert!(matches!(error, ReceivedError::UnsupportedVersion { version, .. } if version.as_str() == "SIP/3.0"));
    /// ```
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored.
        core::str::from_utf8(&self.text[..usize::from(self.len)]).unwrap_or_default()
    }

    /// The digits before the dot.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipVersion::SIP_2_0.major(), "2");
    /// ```
    pub fn major(&self) -> &str {
        &self.as_str()[4..usize::from(self.dot)]
    }

    /// The digits after the dot.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipVersion::SIP_2_0.minor(), "0");
    /// ```
    pub fn minor(&self) -> &str {
        &self.as_str()[usize::from(self.dot) + 1..]
    }
}

impl fmt::Display for SipVersion {
    /// `SIP/2.0`.
    ///
    /// ```
    /// assert_eq!(format!("{:>8}", sipcodes::SipVersion::SIP_2_0), " SIP/2.0");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for SipVersion {
    /// ```
    /// assert_eq!(format!("{:?}", sipcodes::SipVersion::SIP_2_0), "SipVersion(\"SIP/2.0\")");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SipVersion").field(&self.as_str()).finish()
    }
}

/// Why received bytes are not a usable status line; from
/// [`StatusLine::parse_received`]. Positions are byte offsets in the line.
///
/// ```
/// use sipcodes::{CodeError, ReceivedError, StatusLine};
///
/// assert_eq!(
///     StatusLine::parse_received(b"SIP/2.0 4294967301 better not break the receiver"),
///     Err(ReceivedError::Code { position: 8, error: CodeError::TooLong })
/// );
/// assert_eq!(
///     StatusLine::parse_received(b"SIP/2.0 4294967301 x").unwrap_err().to_string(),
///     "in the status code at byte 8: a status code has three digits; found more"
/// );
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReceivedError {
    /// The line does not start with a SIP-Version (`SIP/` digits `.` digits,
    /// at most 16 bytes): it is not a SIP status line.
    Version,
    /// The line starts with a well-formed SIP-Version other than `SIP/2.0`.
    UnsupportedVersion {
        /// The version received.
        version: SipVersion,
        /// The code, when the rest of the line is a well-formed status line.
        status: Option<StatusCode>,
    },
    /// No space or tab after the version.
    MissingSpace {
        /// Byte offset where one is expected.
        position: usize,
    },
    /// The status code is malformed.
    Code {
        /// Byte offset where the code starts.
        position: usize,
        /// What is wrong with it; its positions count from the code's start.
        error: CodeError,
    },
    /// The code is valid, the reason phrase is not: a control character
    /// (CR, LF, NUL …), a character the grammar excludes, or bytes that are
    /// not UTF-8.
    Phrase {
        /// Byte offset where the phrase starts.
        position: usize,
        /// The code, which is valid: a client may still act on it.
        status: StatusCode,
        /// What is wrong with the phrase; its positions count from the phrase's start.
        error: ReasonPhraseError,
    },
}

impl ReceivedError {
    /// The status code, when the line was read up to a valid code: only the
    /// phrase is wrong, or the version is one this crate does not speak.
    ///
    /// ```
    /// use sipcodes::StatusLine;
    ///
    /// let error = StatusLine::parse_received(b"SIP/2.0 180 Ringing <alice>").unwrap_err();
    /// assert_eq!(error.status().map(|code| code.as_u16()), Some(180));
    /// assert_eq!(StatusLine::parse_received(b"HTTP/1.1 200 OK").unwrap_err().status(), None);
    /// ```
    pub const fn status(&self) -> Option<StatusCode> {
        match self {
            ReceivedError::Phrase { status, .. } => Some(*status),
            ReceivedError::UnsupportedVersion { status, .. } => *status,
            _ => None,
        }
    }
}

impl fmt::Display for ReceivedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReceivedError::Version => f.write_str(
                "a status line starts with a SIP version such as SIP/2.0 (SIP, '/', digits, '.', \
                 digits; at most 16 bytes, nothing before it)",
            ),
            ReceivedError::UnsupportedVersion { version, .. } => {
                write!(
                    f,
                    "unsupported SIP version {version}; only SIP/2.0 is understood"
                )
            }
            ReceivedError::MissingSpace { position } => {
                write!(f, "expected a space or tab at byte {position}")
            }
            ReceivedError::Code { position, error } => error.fmt_in_line(f, *position),
            ReceivedError::Phrase {
                position,
                status,
                error,
            } => write!(
                f,
                "in the reason phrase of a {} response at byte {position}: {error}",
                status.as_u16()
            ),
        }
    }
}

impl core::error::Error for ReceivedError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            ReceivedError::Code { error, .. } => Some(error),
            ReceivedError::Phrase { error, .. } => Some(error),
            _ => None,
        }
    }
}
