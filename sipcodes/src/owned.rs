//! Owned phrases and status lines (feature `alloc`), for values that outlive
//! the buffer they were parsed from: a response type's fields, channel messages.

use alloc::borrow::Cow;
use alloc::string::String;
use core::borrow::Borrow;
use core::fmt;
use core::ops::Deref;
use core::str::FromStr;

use crate::{ReasonPhrase, ReasonPhraseError, SipCode, StatusCode, StatusLine, StatusLineError};

/// An owned [`ReasonPhrase`]: checked once, when it is made, and never again.
/// A registered phrase (`From<SipCode>`) and one from
/// [`from_static`](Self::from_static) are kept without allocating; a borrowed
/// phrase is copied once.
///
/// Available with the `alloc` feature.
///
/// ```
/// use sipcodes::{ReasonPhrase, ReasonPhraseBuf, SipCode};
///
/// let received = String::from("5 calls queued");
/// let phrase = ReasonPhraseBuf::try_from(received)?;
/// assert_eq!(phrase, "5 calls queued");
///
/// let from_borrowed: ReasonPhraseBuf = ReasonPhrase::new("Queued")?.into_owned();
/// assert_eq!(from_borrowed, ReasonPhraseBuf::from(SipCode::Queued));
///
/// assert!(ReasonPhraseBuf::try_from(String::from("Busy\r\nX: 1")).is_err());
///
/// let worker = std::thread::spawn(move || phrase.len());
/// assert_eq!(worker.join().unwrap(), 14);
/// # Ok::<(), sipcodes::ReasonPhraseError>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReasonPhraseBuf(Cow<'static, str>);

impl ReasonPhraseBuf {
    /// A phrase from a literal, checked at compile time in a `const`, as
    /// [`ReasonPhrase::from_static`]; no allocation.
    ///
    /// ```
    /// use sipcodes::ReasonPhraseBuf;
    ///
    /// const BUSY: ReasonPhraseBuf = ReasonPhraseBuf::from_static("Busy: try at 10:00");
    /// assert_eq!(BUSY.as_str(), "Busy: try at 10:00");
    /// ```
    ///
    /// ```compile_fail
    /// const BAD: sipcodes::ReasonPhraseBuf = sipcodes::ReasonPhraseBuf::from_static("100%");
    /// ```
    ///
    /// # Panics
    ///
    /// When `text` is not a valid Reason-Phrase (at compile time in a `const`).
    pub const fn from_static(text: &'static str) -> ReasonPhraseBuf {
        ReasonPhraseBuf(Cow::Borrowed(ReasonPhrase::from_static(text).as_str()))
    }

    /// The borrowed form, without checking again.
    ///
    /// ```
    /// use sipcodes::{ReasonPhrase, ReasonPhraseBuf};
    ///
    /// let phrase = ReasonPhraseBuf::from_static("Queued");
    /// let borrowed: ReasonPhrase<'_> = phrase.as_phrase();
    /// assert_eq!(borrowed.as_str(), "Queued");
    /// ```
    pub fn as_phrase(&self) -> ReasonPhrase<'_> {
        ReasonPhrase::checked(&self.0)
    }

    /// The text.
    ///
    /// ```
    /// assert_eq!(sipcodes::ReasonPhraseBuf::from_static("Queued").as_str(), "Queued");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text as a `String`; allocates only for a `'static` phrase.
    ///
    /// ```
    /// let text: String = sipcodes::ReasonPhraseBuf::from_static("Queued").into_string();
    /// assert_eq!(text, "Queued");
    /// ```
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl ReasonPhrase<'_> {
    /// Copies the phrase into a [`ReasonPhraseBuf`], without checking it again.
    ///
    /// Available with the `alloc` feature.
    ///
    /// ```
    /// use sipcodes::{ReasonPhrase, ReasonPhraseBuf};
    ///
    /// let wire = String::from("Custom Failure");
    /// let owned: ReasonPhraseBuf = ReasonPhrase::new(&wire)?.into_owned();
    /// drop(wire);
    /// assert_eq!(owned, "Custom Failure");
    /// # Ok::<(), sipcodes::ReasonPhraseError>(())
    /// ```
    pub fn into_owned(self) -> ReasonPhraseBuf {
        ReasonPhraseBuf(Cow::Owned(String::from(self.as_str())))
    }
}

impl From<ReasonPhrase<'_>> for ReasonPhraseBuf {
    /// Same as [`ReasonPhrase::into_owned`].
    ///
    /// ```
    /// use sipcodes::{ReasonPhrase, ReasonPhraseBuf};
    ///
    /// let owned = ReasonPhraseBuf::from(ReasonPhrase::new("Gone fishing")?);
    /// assert_eq!(owned, "Gone fishing");
    /// # Ok::<(), sipcodes::ReasonPhraseError>(())
    /// ```
    fn from(phrase: ReasonPhrase<'_>) -> ReasonPhraseBuf {
        phrase.into_owned()
    }
}

impl From<SipCode> for ReasonPhraseBuf {
    /// The registered phrase, without allocating.
    ///
    /// ```
    /// use sipcodes::{ReasonPhraseBuf, SipCode};
    ///
    /// assert_eq!(ReasonPhraseBuf::from(SipCode::BusyHere), "Busy Here");
    /// ```
    fn from(code: SipCode) -> ReasonPhraseBuf {
        ReasonPhraseBuf(Cow::Borrowed(code.reason_phrase()))
    }
}

impl TryFrom<String> for ReasonPhraseBuf {
    type Error = ReasonPhraseError;

    /// Checks the text as [`ReasonPhrase::new`] does and keeps the `String`.
    ///
    /// ```
    /// use sipcodes::{ReasonPhraseBuf, ReasonPhraseError};
    ///
    /// assert!(ReasonPhraseBuf::try_from(String::from("Ringing (3)")).is_ok());
    /// assert_eq!(
    ///     ReasonPhraseBuf::try_from(String::from("a\nb")),
    ///     Err(ReasonPhraseError::ControlCharacter { position: 1, found: '\n' })
    /// );
    /// ```
    fn try_from(text: String) -> Result<ReasonPhraseBuf, ReasonPhraseError> {
        ReasonPhrase::new(&text)?;
        Ok(ReasonPhraseBuf(Cow::Owned(text)))
    }
}

impl TryFrom<&str> for ReasonPhraseBuf {
    type Error = ReasonPhraseError;

    /// Checks the text as [`ReasonPhrase::new`] does and copies it.
    ///
    /// ```
    /// use sipcodes::ReasonPhraseBuf;
    ///
    /// assert!(ReasonPhraseBuf::try_from("Ringing").is_ok());
    /// assert!(ReasonPhraseBuf::try_from("<Ringing>").is_err());
    /// ```
    fn try_from(text: &str) -> Result<ReasonPhraseBuf, ReasonPhraseError> {
        ReasonPhrase::new(text).map(ReasonPhrase::into_owned)
    }
}

impl FromStr for ReasonPhraseBuf {
    type Err = ReasonPhraseError;

    /// Same as `TryFrom<&str>`.
    ///
    /// ```
    /// let phrase: sipcodes::ReasonPhraseBuf = "Not Here".parse()?;
    /// assert_eq!(phrase, "Not Here");
    /// # Ok::<(), sipcodes::ReasonPhraseError>(())
    /// ```
    fn from_str(text: &str) -> Result<ReasonPhraseBuf, ReasonPhraseError> {
        ReasonPhraseBuf::try_from(text)
    }
}

impl From<ReasonPhraseBuf> for String {
    /// Same as [`ReasonPhraseBuf::into_string`].
    ///
    /// ```
    /// let text = String::from(sipcodes::ReasonPhraseBuf::from_static("OK"));
    /// assert_eq!(text, "OK");
    /// ```
    fn from(phrase: ReasonPhraseBuf) -> String {
        phrase.into_string()
    }
}

/// The text's `str` methods.
///
/// ```
/// let phrase = sipcodes::ReasonPhraseBuf::from_static("Busy Here");
/// assert!(phrase.starts_with("Busy"));
/// assert_eq!(phrase.len(), 9);
/// ```
impl Deref for ReasonPhraseBuf {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

/// ```
/// fn log(text: impl AsRef<str>) -> usize {
///     text.as_ref().len()
/// }
/// assert_eq!(log(sipcodes::ReasonPhraseBuf::from_static("Queued")), 6);
/// ```
impl AsRef<str> for ReasonPhraseBuf {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Lets a `HashMap<ReasonPhraseBuf, _>` be searched by `&str`.
///
/// ```
/// use std::collections::HashSet;
/// use sipcodes::ReasonPhraseBuf;
///
/// let seen: HashSet<ReasonPhraseBuf> = [ReasonPhraseBuf::from_static("Queued")].into();
/// assert!(seen.contains("Queued"));
/// ```
impl Borrow<str> for ReasonPhraseBuf {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ReasonPhraseBuf {
    /// The text, as [`ReasonPhrase`] writes it.
    ///
    /// ```
    /// assert_eq!(sipcodes::ReasonPhraseBuf::from_static("Queued").to_string(), "Queued");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.as_phrase(), f)
    }
}

impl fmt::Debug for ReasonPhraseBuf {
    /// ```
    /// let phrase = sipcodes::ReasonPhraseBuf::from_static("Queued");
    /// assert_eq!(format!("{phrase:?}"), r#"ReasonPhraseBuf("Queued")"#);
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ReasonPhraseBuf")
            .field(&self.as_str())
            .finish()
    }
}

/// Compares the text.
///
/// ```
/// let phrase = sipcodes::ReasonPhraseBuf::from_static("Queued");
/// assert!(phrase == *"Queued" && phrase == "Queued" && phrase != "queued");
/// ```
impl PartialEq<str> for ReasonPhraseBuf {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// Compares the text; see `PartialEq<str>`.
impl PartialEq<&str> for ReasonPhraseBuf {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<ReasonPhrase<'_>> for ReasonPhraseBuf {
    /// ```
    /// use sipcodes::{ReasonPhrase, ReasonPhraseBuf};
    ///
    /// let phrase = ReasonPhrase::new("Queued")?;
    /// assert!(phrase.into_owned() == phrase && phrase == phrase.into_owned());
    /// # Ok::<(), sipcodes::ReasonPhraseError>(())
    /// ```
    fn eq(&self, other: &ReasonPhrase<'_>) -> bool {
        self.as_str() == other.as_str()
    }
}

/// Compares the text; see `PartialEq<ReasonPhrase>` for `ReasonPhraseBuf`.
impl PartialEq<ReasonPhraseBuf> for ReasonPhrase<'_> {
    fn eq(&self, other: &ReasonPhraseBuf) -> bool {
        self.as_str() == other.as_str()
    }
}

/// An owned [`StatusLine`], for a response type to keep and to send to
/// another thread. The phrase is not checked again.
///
/// Available with the `alloc` feature.
///
/// ```
/// use std::sync::mpsc;
/// use sipcodes::{StatusLine, StatusLineBuf};
///
/// let datagram = b"SIP/2.0 499 Custom Failure\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n".to_vec();
/// let end = datagram.iter().position(|&b| b == b'\n').unwrap() + 1;
/// let line: StatusLineBuf = StatusLine::parse_received(&datagram[..end])?.into_owned();
/// drop(datagram);
///
/// let (send, receive) = mpsc::channel();
/// std::thread::spawn(move || send.send(line).unwrap());
/// let line = receive.recv().unwrap();
/// assert_eq!(line.status(), 499);
/// assert_eq!(line.phrase().as_str(), "Custom Failure");
/// assert_eq!(format!("{line:#}"), "SIP/2.0 499 Custom Failure");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatusLineBuf {
    status: StatusCode,
    phrase: ReasonPhraseBuf,
}

impl StatusLineBuf {
    /// A status line with any code and a checked phrase.
    ///
    /// ```
    /// use sipcodes::{ReasonPhraseBuf, StatusCode, StatusLineBuf};
    ///
    /// let line = StatusLineBuf::new(StatusCode::new(480)?, ReasonPhraseBuf::from_static("Back at 9"));
    /// assert_eq!(line.to_string(), "SIP/2.0 480 Back at 9\r\n");
    /// # Ok::<(), sipcodes::CodeError>(())
    /// ```
    pub const fn new(status: StatusCode, phrase: ReasonPhraseBuf) -> StatusLineBuf {
        StatusLineBuf { status, phrase }
    }

    /// The status line of a registered code with its registered phrase,
    /// without allocating; usable in a `const`.
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusLineBuf};
    ///
    /// const RINGING: StatusLineBuf = StatusLineBuf::canonical(SipCode::Ringing);
    /// assert_eq!(RINGING.to_string(), "SIP/2.0 180 Ringing\r\n");
    /// ```
    pub const fn canonical(code: SipCode) -> StatusLineBuf {
        StatusLineBuf::new(
            StatusCode::from_sip_code(code),
            ReasonPhraseBuf(Cow::Borrowed(code.reason_phrase())),
        )
    }

    /// The code, as received.
    ///
    /// ```
    /// let line: sipcodes::StatusLineBuf = "SIP/2.0 299 Fine".parse()?;
    /// assert_eq!(line.status(), 299);
    /// # Ok::<(), sipcodes::StatusLineError>(())
    /// ```
    pub const fn status(&self) -> StatusCode {
        self.status
    }

    /// The phrase, as received or given.
    ///
    /// ```
    /// let line: sipcodes::StatusLineBuf = "SIP/2.0 486 Nope".parse()?;
    /// assert_eq!(line.phrase().as_str(), "Nope");
    /// # Ok::<(), sipcodes::StatusLineError>(())
    /// ```
    pub fn phrase(&self) -> ReasonPhrase<'_> {
        self.phrase.as_phrase()
    }

    /// The borrowed form, without checking again.
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusLine, StatusLineBuf};
    ///
    /// let owned = StatusLineBuf::canonical(SipCode::Ok);
    /// assert_eq!(owned.as_line(), StatusLine::canonical(SipCode::Ok));
    /// ```
    pub fn as_line(&self) -> StatusLine<'_> {
        StatusLine::new(self.status, self.phrase())
    }

    /// The code and the owned phrase.
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusLineBuf};
    ///
    /// let (status, phrase) = StatusLineBuf::canonical(SipCode::Ok).into_parts();
    /// assert_eq!((status.as_u16(), phrase.as_str()), (200, "OK"));
    /// ```
    pub fn into_parts(self) -> (StatusCode, ReasonPhraseBuf) {
        (self.status, self.phrase)
    }
}

impl StatusLine<'_> {
    /// Copies the line into a [`StatusLineBuf`], without checking the phrase
    /// again; a canonical line keeps the registry's phrase without allocating.
    ///
    /// Available with the `alloc` feature.
    ///
    /// ```
    /// use sipcodes::{StatusLine, StatusLineBuf};
    ///
    /// let text = String::from("SIP/2.0 183 Early media");
    /// let owned: StatusLineBuf = StatusLine::parse(&text)?.into_owned();
    /// drop(text);
    /// assert_eq!(owned.to_string(), "SIP/2.0 183 Early media\r\n");
    /// # Ok::<(), sipcodes::StatusLineError>(())
    /// ```
    pub fn into_owned(self) -> StatusLineBuf {
        let phrase = match self.status().known() {
            Some(code) if core::ptr::eq(self.phrase().as_str(), code.reason_phrase()) => {
                ReasonPhraseBuf::from(code)
            }
            _ => self.phrase().into_owned(),
        };
        StatusLineBuf::new(self.status(), phrase)
    }
}

impl From<StatusLine<'_>> for StatusLineBuf {
    /// Same as [`StatusLine::into_owned`].
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusLine, StatusLineBuf};
    ///
    /// let owned = StatusLineBuf::from(StatusLine::canonical(SipCode::Decline));
    /// assert_eq!(owned.status(), 603);
    /// ```
    fn from(line: StatusLine<'_>) -> StatusLineBuf {
        line.into_owned()
    }
}

impl From<SipCode> for StatusLineBuf {
    /// Same as [`StatusLineBuf::canonical`].
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusLineBuf};
    ///
    /// assert_eq!(StatusLineBuf::from(SipCode::Ok).to_string(), "SIP/2.0 200 OK\r\n");
    /// ```
    fn from(code: SipCode) -> StatusLineBuf {
        StatusLineBuf::canonical(code)
    }
}

impl FromStr for StatusLineBuf {
    type Err = StatusLineError;

    /// Parses strictly, as [`StatusLine::parse`], and copies the phrase.
    ///
    /// ```
    /// use sipcodes::{StatusLineBuf, StatusLineError};
    ///
    /// assert!("SIP/2.0 200 OK\r\n".parse::<StatusLineBuf>().is_ok());
    /// assert_eq!("SIP/2.0 200".parse::<StatusLineBuf>(), Err(StatusLineError::MissingSpace { position: 11 }));
    /// ```
    fn from_str(text: &str) -> Result<StatusLineBuf, StatusLineError> {
        StatusLine::parse(text).map(StatusLine::into_owned)
    }
}

impl fmt::Display for StatusLineBuf {
    /// As [`StatusLine`]: `SIP/2.0 486 Busy Here\r\n`, or without the CRLF
    /// with `{:#}`.
    ///
    /// ```
    /// use sipcodes::{SipCode, StatusLineBuf};
    ///
    /// let line = StatusLineBuf::canonical(SipCode::BusyHere);
    /// assert_eq!(format!("{line}"), "SIP/2.0 486 Busy Here\r\n");
    /// assert_eq!(format!("{line:#}"), "SIP/2.0 486 Busy Here");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.as_line(), f)
    }
}

impl PartialEq<StatusLine<'_>> for StatusLineBuf {
    /// ```
    /// use sipcodes::{SipCode, StatusLine};
    ///
    /// let line = StatusLine::canonical(SipCode::Ok);
    /// assert!(line.into_owned() == line && line == line.into_owned());
    /// ```
    fn eq(&self, other: &StatusLine<'_>) -> bool {
        self.as_line() == *other
    }
}

/// Compares code and phrase; see `PartialEq<StatusLine>` for `StatusLineBuf`.
impl PartialEq<StatusLineBuf> for StatusLine<'_> {
    fn eq(&self, other: &StatusLineBuf) -> bool {
        *self == other.as_line()
    }
}
