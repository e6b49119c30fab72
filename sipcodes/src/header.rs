//! Header field names: case-insensitive, with compact forms.

/// The compact forms of header field names (RFC 3261 §7.3.3 and the RFCs that
/// define the other one-letter forms), with their full names.
const COMPACT: &[(u8, &str)] = &[
    (b'a', "Accept-Contact"),
    (b'b', "Referred-By"),
    (b'c', "Content-Type"),
    (b'd', "Request-Disposition"),
    (b'e', "Content-Encoding"),
    (b'f', "From"),
    (b'i', "Call-ID"),
    (b'j', "Reject-Contact"),
    (b'k', "Supported"),
    (b'l', "Content-Length"),
    (b'm', "Contact"),
    (b'o', "Event"),
    (b'r', "Refer-To"),
    (b's', "Subject"),
    (b't', "To"),
    (b'u', "Allow-Events"),
    (b'v', "Via"),
    (b'x', "Session-Expires"),
    (b'y', "Identity"),
];

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
    match name.as_bytes() {
        [letter] => COMPACT
            .iter()
            .find(|(compact, _)| *compact == letter.to_ascii_lowercase())
            .map_or(name, |(_, full)| full),
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
