//! Header field names: the ones the registry names, compared ignoring case and
//! with their compact forms; and a header field value's parameters.

use crate::rules::Reference;

/// A header field the registry names: its canonical spelling, its compact form
/// and where it is defined. The table is `registry.toml`'s `[[header]]` tables.
///
/// ```
/// use sipcodes::header;
///
/// let contact = header::field("m").expect("m is Contact's compact form");
/// assert_eq!(contact.name(), "Contact");
/// assert_eq!(contact.compact(), Some('m'));
/// assert_eq!(contact.reference().rfc(), 3261);
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    pub(crate) name: &'static str,
    pub(crate) compact: Option<char>,
    pub(crate) reference: Reference,
}

impl Field {
    /// The name as its RFC spells it.
    ///
    /// ```
    /// assert_eq!(sipcodes::header::field("call-id").unwrap().name(), "Call-ID");
    /// ```
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The one-letter compact form, if the field has one.
    ///
    /// ```
    /// assert_eq!(sipcodes::header::field("Via").unwrap().compact(), Some('v'));
    /// assert_eq!(sipcodes::header::field("Allow").unwrap().compact(), None);
    /// ```
    pub const fn compact(&self) -> Option<char> {
        self.compact
    }

    /// Where the field is defined.
    ///
    /// ```
    /// assert_eq!(sipcodes::header::field("Allow").unwrap().reference().rfc(), 3261);
    /// ```
    pub const fn reference(&self) -> Reference {
        self.reference
    }
}

/// Every header field the registry names.
///
/// ```
/// assert!(sipcodes::header::fields().iter().any(|field| field.name() == "Retry-After"));
/// ```
pub const fn fields() -> &'static [Field] {
    Field::TABLE
}

/// The field a name names, in any case, full or compact; `None` for a field
/// the registry does not name.
///
/// ```
/// use sipcodes::header;
///
/// assert_eq!(header::field("K").map(|field| field.name()), Some("Supported"));
/// assert_eq!(header::field("x-custom"), None);
/// ```
pub fn field(name: &str) -> Option<&'static Field> {
    let compact = match name.as_bytes() {
        [letter] => Some(char::from(letter.to_ascii_lowercase())),
        _ => None,
    };
    Field::TABLE.iter().find(|field| match compact {
        Some(letter) => field.compact == Some(letter),
        None => field.name.eq_ignore_ascii_case(name),
    })
}

/// The full form of a header field name: `"m"` → `"Contact"`; any other name
/// as given. Compact forms are matched ignoring case.
///
/// ```
/// use sipcodes::header;
///
/// assert_eq!(header::full_name("m"), "Contact");
/// assert_eq!(header::full_name("K"), "Supported");
/// assert_eq!(header::full_name("Allow"), "Allow");
/// ```
pub fn full_name(name: &str) -> &str {
    match name.len() {
        1 => field(name).map_or(name, |field| field.name),
        _ => name,
    }
}

/// Whether two header field names name the same header field: compared ignoring
/// ASCII case, with compact forms expanded.
///
/// ```
/// use sipcodes::header;
///
/// assert!(header::same("WWW-Authenticate", "www-authenticate"));
/// assert!(header::same("m", "Contact"));
/// assert!(header::same("k", "SUPPORTED"));
/// assert!(!header::same("Allow", "Allow-Events"));
/// ```
pub fn same(a: &str, b: &str) -> bool {
    full_name(a).eq_ignore_ascii_case(full_name(b))
}

/// The value of the parameter `name` of a header field value: a From or To
/// `tag`, a Via `branch` (RFC 3261 §25.1, `generic-param`). The name matches
/// ignoring case; parameters inside `<…>` belong to the URI and are not the
/// field's; white space around the value is left out. `None` when the value
/// has no such parameter, or one without `=`.
///
/// ```
/// use sipcodes::header;
///
/// let to = r#""Bob" <sip:bob@example.com;tag=uri>;TAG=a6c85cf"#;
/// assert_eq!(header::parameter(to, "tag"), Some("a6c85cf"));
/// let via = "SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776 ;received=192.0.2.1";
/// assert_eq!(header::parameter(via, "branch"), Some("z9hG4bK776"));
/// assert_eq!(header::parameter("<sip:alice@example.com>", "tag"), None);
/// ```
pub fn parameter<'a>(value: &'a str, name: &str) -> Option<&'a str> {
    let outside = value.rsplit_once('>').map_or(value, |(_, after)| after);
    outside.split(';').skip(1).find_map(|parameter| {
        let (key, found) = parameter.split_once('=')?;
        key.trim_ascii()
            .eq_ignore_ascii_case(name)
            .then(|| found.trim_ascii())
    })
}
