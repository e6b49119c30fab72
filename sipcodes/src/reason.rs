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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
