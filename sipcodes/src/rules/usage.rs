//! Which dialog usage a request belongs to, as the registry's `[[usage]]`
//! tables state it.

use crate::rules::{Reference, Usage};

/// A `[[usage]]` table: a usage and the methods of the requests that belong to it.
pub(crate) struct UsageEntry {
    pub(crate) usage: Usage,
    pub(crate) methods: &'static [&'static str],
    pub(crate) ended_by: &'static [&'static str],
    pub(crate) reference: Reference,
}

/// The dialog usage a request with this method belongs to (RFC 5057 §5.3), or
/// `None` for a request that belongs to none (a MESSAGE or an OPTIONS inside a
/// dialog) and for an unknown method. Methods are compared exactly, as SIP
/// methods are case-sensitive (RFC 3261 §7.1).
///
/// ```
/// use sipcodes::rules::{Usage, usage_of};
///
/// assert_eq!(usage_of("BYE"), Some(Usage::Invite));
/// assert_eq!(usage_of("REFER"), Some(Usage::Subscription));
/// assert_eq!(usage_of("REGISTER"), Some(Usage::Registration));
/// assert_eq!(usage_of("OPTIONS"), None);
/// assert_eq!(usage_of("bye"), None);
/// ```
pub fn usage_of(method: &str) -> Option<Usage> {
    UsageEntry::TABLE
        .iter()
        .find(|entry| entry.methods.contains(&method))
        .map(|entry| entry.usage)
}

/// The requests that end the usage, as its `[[usage]]` table's `ended-by`
/// states: a BYE ends the invite usage (RFC 3261 §15), and is how a UAC ends
/// a dialog an INVITE created (§12.2.1.2). Empty where the registry names
/// none: a subscription ends by what a SUBSCRIBE or NOTIFY carries, not by
/// its method.
///
/// ```
/// use sipcodes::rules::{Usage, usage_ended_by};
///
/// assert_eq!(usage_ended_by(Usage::Invite), ["BYE"]);
/// assert!(usage_ended_by(Usage::Subscription).is_empty());
/// ```
pub fn usage_ended_by(usage: Usage) -> &'static [&'static str] {
    UsageEntry::TABLE
        .iter()
        .find(|entry| entry.usage == usage)
        .map_or(&[], |entry| entry.ended_by)
}

/// Where the RFC says which requests belong to this usage.
///
/// ```
/// use sipcodes::rules::{Usage, usage_reference};
///
/// assert_eq!(usage_reference(Usage::Invite).to_string(), "RFC 5057 §5.3");
/// ```
pub fn usage_reference(usage: Usage) -> Reference {
    REFERENCES[usage as usize]
}

/// The reference of each usage's table, in the order of `Usage::ALL`, found in
/// `const` evaluation: a registry that leaves a usage out does not compile.
static REFERENCES: [Reference; Usage::ALL.len()] = {
    let mut references = [UsageEntry::TABLE[0].reference; Usage::ALL.len()];
    let mut usage = 0;
    while usage < Usage::ALL.len() {
        let mut entry = 0;
        loop {
            if entry == UsageEntry::TABLE.len() {
                panic!("registry.toml has no [[usage]] table for a usage");
            }
            if UsageEntry::TABLE[entry].usage as usize == usage {
                references[usage] = UsageEntry::TABLE[entry].reference;
                break;
            }
            entry += 1;
        }
        usage += 1;
    }
    references
};
