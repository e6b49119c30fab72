use core::fmt;
use core::ops::Deref;

use crate::spec::grammar;
use crate::{ReasonPhraseError, SipCode};

/// A reason phrase that is safe to put on a status line: it follows the
/// Reason-Phrase grammar of RFC 3261 §25.1, so it cannot end the status line or
/// inject a header field. UTF-8 text is allowed; so is the empty phrase.
///
/// ```
/// use sipcodes::{ReasonPhrase, SipCode};
///
/// let queued = ReasonPhrase::new("5 calls queued; expected wait 15 minutes")?;
/// assert_eq!(queued.as_str(), "5 calls queued; expected wait 15 minutes");
/// assert!(ReasonPhrase::new("Busy\r\nContact: <sip:evil@example.com>").is_err());
/// assert_eq!(ReasonPhrase::canonical(SipCode::Queued).as_str(), "Queued");
/// # Ok::<(), sipcodes::ReasonPhraseError>(())
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReasonPhrase<'a>(&'a str);

impl<'a> ReasonPhrase<'a> {
    /// Checks `text` against the Reason-Phrase grammar: letters, digits, space,
    /// tab, the marks ``-_.!~*'()``, the reserved characters `;/?:@&=+$,`,
    /// `%` followed by two hexadecimal digits, and any non-ASCII character
    /// other than a control character.
    ///
    /// ```
    /// use sipcodes::{ReasonPhrase, ReasonPhraseError};
    ///
    /// assert!(ReasonPhrase::new("Benutzer nicht erreichbar – später").is_ok());
    /// assert!(ReasonPhrase::new("").is_ok());
    /// assert_eq!(
    ///     ReasonPhrase::new("100%"),
    ///     Err(ReasonPhraseError::InvalidEscape { position: 3 })
    /// );
    /// assert_eq!(
    ///     ReasonPhrase::new("say \"hi\""),
    ///     Err(ReasonPhraseError::DisallowedCharacter { position: 4, found: '"' })
    /// );
    /// ```
    pub const fn new(text: &'a str) -> Result<ReasonPhrase<'a>, ReasonPhraseError> {
        match grammar::check_phrase(text) {
            Ok(()) => Ok(ReasonPhrase(text)),
            Err(error) => Err(error),
        }
    }

    /// A phrase from a literal, checked at compile time when used in a `const`
    /// or `static`: an invalid literal stops the build with a message saying
    /// what is wrong. Called at run time, it panics with the same message; use
    /// [`ReasonPhrase::new`] for text that is not a literal.
    ///
    /// ```
    /// use sipcodes::{ReasonPhrase, SipCode, StatusLine};
    ///
    /// const QUEUED: ReasonPhrase<'static> = ReasonPhrase::from_static("Queued: 5 calls ahead");
    /// let line = StatusLine::new(SipCode::Queued.into(), QUEUED);
    /// assert_eq!(line.to_string(), "SIP/2.0 182 Queued: 5 calls ahead\r\n");
    /// ```
    ///
    /// A CR or LF does not compile:
    ///
    /// ```compile_fail
    /// const BAD: sipcodes::ReasonPhrase<'static> =
    ///     sipcodes::ReasonPhrase::from_static("Busy\r\nContact: <sip:evil@example.com>");
    /// ```
    ///
    /// # Panics
    ///
    /// When `text` is not a valid Reason-Phrase (at compile time in a `const`).
    pub const fn from_static(text: &'static str) -> ReasonPhrase<'static> {
        match ReasonPhrase::new(text) {
            Ok(phrase) => phrase,
            Err(ReasonPhraseError::ControlCharacter { .. }) => panic!(
                "invalid reason phrase: it contains a control character (CR, LF, NUL, DEL or another), which would break the status line"
            ),
            Err(ReasonPhraseError::DisallowedCharacter { .. }) => panic!(
                "invalid reason phrase: it contains a character RFC 3261 §25.1 excludes (one of \" < > # \\ [ ] {{ }} | ^ `)"
            ),
            Err(ReasonPhraseError::InvalidEscape { .. }) => panic!(
                "invalid reason phrase: a '%' must be followed by two hexadecimal digits (write %25 for a percent sign)"
            ),
            // A `&str` is UTF-8; no other error exists today.
            Err(_) => panic!("invalid reason phrase"),
        }
    }

    /// Checks bytes received from the wire: UTF-8 (else
    /// [`ReasonPhraseError::InvalidUtf8`]) that follows the same grammar as
    /// [`ReasonPhrase::new`]. Errors name the first offending byte.
    ///
    /// ```
    /// use sipcodes::{ReasonPhrase, ReasonPhraseError};
    ///
    /// assert_eq!(ReasonPhrase::from_bytes("Besetzt – später".as_bytes())?.as_str(), "Besetzt – später");
    /// assert_eq!(ReasonPhrase::from_bytes(b"Besetzt \xe4"), Err(ReasonPhraseError::InvalidUtf8 { position: 8 }));
    /// assert_eq!(
    ///     ReasonPhrase::from_bytes(b"Busy\n\xe4"),
    ///     Err(ReasonPhraseError::ControlCharacter { position: 4, found: '\n' })
    /// );
    /// # Ok::<(), ReasonPhraseError>(())
    /// ```
    pub const fn from_bytes(bytes: &'a [u8]) -> Result<ReasonPhrase<'a>, ReasonPhraseError> {
        match core::str::from_utf8(bytes) {
            Ok(text) => ReasonPhrase::new(text),
            Err(error) => {
                let (valid, _) = bytes.split_at(error.valid_up_to());
                // Report a grammar error in the valid prefix before the encoding error.
                match core::str::from_utf8(valid) {
                    Ok(text) => match ReasonPhrase::new(text) {
                        Ok(_) => Err(ReasonPhraseError::InvalidUtf8 {
                            position: error.valid_up_to(),
                        }),
                        Err(grammar) => Err(grammar),
                    },
                    // The prefix up to `valid_up_to` is UTF-8 by definition.
                    Err(_) => Err(ReasonPhraseError::InvalidUtf8 { position: 0 }),
                }
            }
        }
    }

    /// The registered phrase of a code.
    ///
    /// ```
    /// use sipcodes::{ReasonPhrase, SipCode};
    ///
    /// assert_eq!(ReasonPhrase::canonical(SipCode::NotFound).as_str(), "Not Found");
    /// ```
    pub const fn canonical(code: SipCode) -> ReasonPhrase<'static> {
        ReasonPhrase(code.reason_phrase())
    }

    /// A phrase already checked (held by an owned form): not checked again.
    #[cfg(feature = "alloc")]
    pub(crate) const fn checked(text: &'a str) -> ReasonPhrase<'a> {
        ReasonPhrase(text)
    }

    /// The text.
    ///
    /// ```
    /// assert_eq!(sipcodes::ReasonPhrase::new("Queued")?.as_str(), "Queued");
    /// # Ok::<(), sipcodes::ReasonPhraseError>(())
    /// ```
    pub const fn as_str(&self) -> &'a str {
        self.0
    }
}

impl Deref for ReasonPhrase<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for ReasonPhrase<'_> {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl<'a> TryFrom<&'a str> for ReasonPhrase<'a> {
    type Error = ReasonPhraseError;

    /// Same as [`ReasonPhrase::new`].
    ///
    /// ```
    /// use sipcodes::ReasonPhrase;
    ///
    /// assert!(ReasonPhrase::try_from("No\nway").is_err());
    /// ```
    fn try_from(text: &'a str) -> Result<ReasonPhrase<'a>, ReasonPhraseError> {
        ReasonPhrase::new(text)
    }
}

impl fmt::Display for ReasonPhrase<'_> {
    /// The text; width, fill and alignment apply, as they do to a code.
    ///
    /// ```
    /// use sipcodes::ReasonPhrase;
    ///
    /// let phrase = ReasonPhrase::new("Busy")?;
    /// assert_eq!(format!("[{phrase}]"), "[Busy]");
    /// assert_eq!(format!("[{phrase:>6}]"), "[  Busy]");
    /// # Ok::<(), sipcodes::ReasonPhraseError>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.0)
    }
}
