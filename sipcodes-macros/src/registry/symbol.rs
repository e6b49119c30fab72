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

pub const RULE_TABLE: &str = "rule";
pub const HEADER_TABLE: &str = "header";
pub const USAGE_TABLE: &str = "usage";
pub const CODES: &str = "codes";
pub const EXCEPT_CODES: &str = "except-codes";
pub const NAME: &str = "name";
pub const COMPACT: &str = "compact";

pub const KIND: &str = "kind";
pub const LEVEL: &str = "level";
pub const BASIS: &str = "basis";
pub const ENDED_BY: &str = "ended-by";
pub const RULE: &str = "rule";
pub const WHEN: &str = "when";
pub const REFERENCE: &str = "reference";
pub const METHODS: &str = "methods";
pub const EXCEPT_METHODS: &str = "except-methods";
pub const REQUEST_HAS: &str = "request-has";
pub const REQUEST_REQUIRES: &str = "request-requires";
pub const REQUEST_SUPPORTS: &str = "request-supports";
pub const REQUEST_NOT_REQUIRES: &str = "request-not-requires";
pub const REQUEST_NOT_SUPPORTS: &str = "request-not-supports";
pub const IN_DIALOG: &str = "in-dialog";
pub const AFTER_FINAL: &str = "after-final";
pub const HAS_BODY: &str = "has-body";
pub const GENERATED_BY: &str = "generated-by";
pub const HEADER: &str = "header";
pub const ROLES: &str = "roles";
pub const TREAT_AS: &str = "treat-as";
pub const UNLESS_HEADER: &str = "unless-header";
pub const STANDS_FOR: &str = "stands-for";
pub const RESTARTS_TIMER: &str = "restarts-timer";
pub const CONTENT_TYPE: &str = "content-type";
pub const EFFECT: &str = "effect";
pub const ACTION: &str = "action";
pub const PREFER: &str = "prefer";
pub const UPSTREAM_AS: &str = "upstream-as";
pub const MERGE: &str = "merge";

/// The keys of the top level: its arrays of tables.
pub const TOP_KEYS: &[&str] = &[HEADER_TABLE, USAGE_TABLE, RULE_TABLE, CODE];

/// The keys of a `[[header]]` table.
pub const HEADER_KEYS: &[&str] = &[NAME, COMPACT, REFERENCE];

/// The keys of a `[[usage]]` table.
pub const USAGE_KEYS: &[&str] = &[NAME, METHODS, ENDED_BY, REFERENCE];

/// The keys a `[[rule]]` has besides those of a constraint.
pub const RULE_KEYS: &[&str] = &[CODES, EXCEPT_CODES];

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
pub const CONSTRAINT_KEYS: &[&str] = &[
    KIND,
    LEVEL,
    RULE,
    REFERENCE,
    BASIS,
    METHODS,
    EXCEPT_METHODS,
    REQUEST_HAS,
    REQUEST_REQUIRES,
    REQUEST_SUPPORTS,
    REQUEST_NOT_REQUIRES,
    REQUEST_NOT_SUPPORTS,
    IN_DIALOG,
    AFTER_FINAL,
    HAS_BODY,
    GENERATED_BY,
    WHEN,
];

/// The scope keys: those of `CONSTRAINT_KEYS` after the four every constraint
/// has and `basis`.
pub fn scope_keys() -> &'static [&'static str] {
    &CONSTRAINT_KEYS[5..]
}
