//! Citations of the RFCs.

use core::fmt;

use crate::spec::vocab::Citation;

/// A citation of an RFC, optionally of one of its sections.
///
/// ```
/// use sipcodes::SipCode;
///
/// let reference = SipCode::BusyHere.references()[0];
/// assert_eq!(reference.rfc(), 3261);
/// assert_eq!(reference.section(), Some("21.4.24"));
/// assert_eq!(reference.url(), "https://www.rfc-editor.org/rfc/rfc3261.html#section-21.4.24");
/// assert_eq!(reference.to_string(), "RFC 3261 §21.4.24");
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    pub(crate) rfc: u16,
    pub(crate) section: Option<&'static str>,
    pub(crate) url: &'static str,
}

impl Reference {
    pub(crate) const fn citation(self) -> Citation<'static> {
        Citation {
            rfc: self.rfc,
            section: self.section,
        }
    }

    /// The RFC number.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::Ok.references()[0].rfc(), 3261);
    /// ```
    pub const fn rfc(&self) -> u16 {
        self.rfc
    }

    /// The section number, such as `"21.4.24"`, if the citation names one.
    ///
    /// ```
    /// assert_eq!(sipcodes::SipCode::Ok.references()[0].section(), Some("21.2.1"));
    /// ```
    pub const fn section(&self) -> Option<&'static str> {
        self.section
    }

    /// A link to the RFC text at rfc-editor.org, anchored at the section.
    ///
    /// ```
    /// assert!(sipcodes::SipCode::Ok.references()[0].url().starts_with("https://www.rfc-editor.org/rfc/rfc3261"));
    /// ```
    pub const fn url(&self) -> &'static str {
        self.url
    }
}

impl fmt::Display for Reference {
    /// `RFC 3261 §21.4.24`, or `RFC 3261` without a section.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.citation().fmt(f)
    }
}
