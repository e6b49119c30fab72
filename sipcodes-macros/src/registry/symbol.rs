//! Every key of `registry.toml`, named once: the parsers, the tables of allowed
//! keys and the error messages all refer to these.

pub const CODE: &str = "code";
pub const PHRASE: &str = "phrase";
pub const VARIANT: &str = "variant";
pub const STATUS: &str = "status";
pub const DEPRECATION: &str = "deprecation";
pub const REFERENCES: &str = "references";
pub const DESCRIPTION: &str = "description";
pub const CONSTRAINTS: &str = "constraints";

pub const KIND: &str = "kind";
pub const LEVEL: &str = "level";
pub const RULE: &str = "rule";
pub const WHEN: &str = "when";
pub const REFERENCE: &str = "reference";
pub const METHODS: &str = "methods";
pub const HEADER: &str = "header";
pub const ROLES: &str = "roles";
pub const TREAT_AS: &str = "treat-as";
pub const UNLESS_HEADER: &str = "unless-header";

/// The keys of the top level.
pub const TOP_KEYS: &[&str] = &[CODE];

/// The keys of a `[[code]]` table.
pub const CODE_KEYS: &[&str] = &[
    CODE,
    PHRASE,
    VARIANT,
    STATUS,
    DEPRECATION,
    REFERENCES,
    DESCRIPTION,
    CONSTRAINTS,
];

/// The keys every constraint may have, whatever its kind; each kind adds its own
/// (see `kinds::KINDS`).
pub const CONSTRAINT_KEYS: &[&str] = &[KIND, LEVEL, RULE, WHEN, REFERENCE, METHODS];
