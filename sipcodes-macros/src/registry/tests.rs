use super::names::{is_variant_name, variant_from_phrase};
use super::{Basis, Kind, Level, Role, Status, load};

/// The header fields the test entries name, appended after them so that the
/// lines of errors in a test's own text do not move.
const HEADERS: &str = "\n[[header]]\nname = \"Allow\"\nreference = \"RFC 3261 §20.5\"\n\
                       \n[[header]]\nname = \"Timestamp\"\nreference = \"RFC 3261 §20.38\"\n\
                       \n[[header]]\nname = \"Retry-After\"\nreference = \"RFC 3261 §20.33\"\n";

fn with_headers(source: &str) -> String {
    format!("{source}{HEADERS}")
}

/// Every error of `source`, rendered as the compiler shows it.
fn errors(source: &str) -> Vec<String> {
    match load(&with_headers(source)) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

const ENTRY_405: &str = r#"
[[code]]
code = 405
phrase = "Method Not Allowed"
status = "current"
references = ["RFC 3261 §21.4.6"]
description = "The method is not allowed here."
"#;

#[test]
fn the_shipped_registry_validates() {
    let registry = load(super::SHIPPED).unwrap_or_else(|errors| {
        panic!(
            "{}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert!(
        registry
            .entries
            .windows(2)
            .all(|pair| pair[0].code < pair[1].code)
    );
    assert!(super::shipped().is_ok());
}

#[test]
fn a_valid_entry_becomes_the_model() {
    let source = format!(
        "{ENTRY_405}\n[[code.constraints]]\nkind = \"header\"\nlevel = \"must\"\nheader = \"Allow\"\nrule = \"r\"\nreference = \"RFC 3261 §21.4.6\"\n"
    );
    let registry = load(&with_headers(&source)).expect("valid");
    let entry = &registry.entries[0];
    assert_eq!(
        (entry.code, entry.phrase.as_str(), entry.variant.as_str()),
        (405, "Method Not Allowed", "MethodNotAllowed")
    );
    assert_eq!(entry.status, Status::Current);
    assert_eq!(entry.references[0].rfc, 3261);
    assert_eq!(entry.references[0].section.as_deref(), Some("21.4.6"));
    assert_eq!(
        entry.references[0].url(),
        "https://www.rfc-editor.org/rfc/rfc3261.html#section-21.4.6"
    );
    let constraint = &entry.constraints[0];
    assert_eq!(constraint.level, Level::Must);
    assert_eq!(constraint.scope.condition, None);
    assert!(matches!(&constraint.kind, Kind::Header(names) if names == &["Allow"]));
}

#[test]
fn malformed_toml_is_located() {
    assert_eq!(
        errors("[[code]]\ncode = 405\nphrase = \"unterminated\n"),
        ["registry.toml:3:23: invalid TOML: invalid basic string, expected `\"`"]
    );
    assert_eq!(
        errors("[[code]]\ncode = 405\ncode = 406\n"),
        ["registry.toml:3:1: invalid TOML: `code` is given twice in one table; keep one"]
    );
    assert_eq!(
        errors("[[code]]\ncode = 405 406\n"),
        ["registry.toml:2:8: invalid TOML: string values must be quoted, expected literal string"]
    );
    assert_eq!(
        errors("[[code]]\ncode = 405, phrase = \"x\"\n"),
        ["registry.toml:2:11: invalid TOML: unexpected key or value, expected newline, `#`"]
    );
}

/// Any valid TOML is read: inline tables, multi-line and literal strings, dotted
/// keys, other integer notations. The entry is the same as `ENTRY_405`'s.
#[test]
fn every_toml_form_is_read() {
    let forms = r#"
code = [{ code = 0x195, phrase = 'Method Not Allowed', status = "current", references = [
    "RFC 3261 §21.4.6",
], description = """
The method is not allowed here.""", constraints = [
    { kind = "header", level = "must", header = "Allow", rule = "r", reference = "RFC 3261 §21.4.6" },
] }]
"#;
    let registry = load(&with_headers(forms)).expect("valid");
    let entry = &registry.entries[0];
    assert_eq!(
        (entry.code, entry.phrase.as_str()),
        (405, "Method Not Allowed")
    );
    assert_eq!(entry.description, "The method is not allowed here.");
    assert!(matches!(&entry.constraints[0].kind, Kind::Header(names) if names == &["Allow"]));

    let dotted = ENTRY_405.replace("phrase =", "phrase.text =");
    assert_eq!(
        errors(&dotted),
        ["registry.toml:4:1: `phrase` in code 405 must be a string, found table"]
    );
}

#[test]
fn values_toml_has_and_the_schema_lacks_are_named() {
    let source = ENTRY_405.replace("code = 405", "code = 405.0");
    assert_eq!(
        errors(&source),
        ["registry.toml:3:8: `code` in this [[code]] table must be an integer, found float"]
    );
    assert_eq!(
        errors("code = [1]\n"),
        ["registry.toml:1:9: `code` in the top level must be an array of tables, found integer"]
    );
    let source = ENTRY_405.replace("code = 405", "code = 99999999999999999999");
    assert_eq!(
        errors(&source),
        ["registry.toml:3:8: `code` in this [[code]] table is too large"]
    );
}

#[test]
fn unknown_keys_are_reported_at_the_key() {
    let source = format!("{ENTRY_405}colour = \"red\"\n");
    assert_eq!(
        errors(&source),
        [
            "registry.toml:8:1: unknown key `colour` in code 405; the keys are `code`, `phrase`, `variant`, `status`, `deprecation`, `references`, `description`, `constraints`"
        ]
    );
    assert_eq!(
        errors("title = \"x\"\n"),
        [
            "registry.toml:1:1: unknown key `title` in the top level; the keys are `header`, `usage`, `rule`, `code`",
            "registry.toml:1:1: the registry has no `[[code]]` table; add one per response code",
        ]
    );
}

#[test]
fn missing_keys_are_reported_at_the_table() {
    let source = "\n[[code]]\ncode = 405\nstatus = \"current\"\nreferences = [\"RFC 3261\"]\ndescription = \"d\"\n";
    assert_eq!(
        errors(source),
        ["registry.toml:2:1: code 405 has no `phrase`; add `phrase = …`"]
    );
}

#[test]
fn wrong_value_types_are_reported_at_the_value() {
    let source = ENTRY_405.replace("code = 405", "code = \"405\"");
    assert_eq!(
        errors(&source),
        ["registry.toml:3:8: `code` in this [[code]] table must be an integer, found string"]
    );
    let source = ENTRY_405.replace("[\"RFC 3261 §21.4.6\"]", "\"RFC 3261 §21.4.6\"");
    assert_eq!(
        errors(&source),
        ["registry.toml:6:14: `references` in code 405 must be an array of strings, found string"]
    );
}

#[test]
fn codes_outside_100_to_699_are_rejected() {
    for (code, column) in [("99", 8), ("700", 8), ("-1", 8)] {
        let source = ENTRY_405.replace("405", code);
        assert_eq!(
            errors(&source),
            [format!(
                "registry.toml:3:{column}: {code} is not a SIP status code; codes run from 100 to 699"
            )]
        );
    }
}

#[test]
fn duplicate_codes_are_reported_at_the_second() {
    let source = format!(
        "{ENTRY_405}{}",
        ENTRY_405.replace("Method Not Allowed", "Other Phrase")
    );
    assert_eq!(
        errors(&source),
        [
            "registry.toml:9:1: code 405 is defined twice (first at line 2); keep one [[code]] table per code"
        ]
    );
}

#[test]
fn duplicate_variant_names_are_reported_with_the_fix() {
    let source = format!(
        "{}{}",
        ENTRY_405.replace("Method Not Allowed", "Not Acceptable"),
        ENTRY_405
            .replace("405", "606")
            .replace("Method Not Allowed", "Not-Acceptable")
    );
    assert_eq!(
        errors(&source),
        [
            "registry.toml:11:10: code 606 would be variant `NotAcceptable`, which code 405 (line 2) already is; give one of them `variant = \"…\"`"
        ]
    );
    let fixed = source.replace(
        "phrase = \"Not-Acceptable\"",
        "phrase = \"Not Acceptable\"\nvariant = \"NotAcceptableAnywhere\"",
    );
    assert_eq!(errors(&fixed), Vec::<String>::new());
}

#[test]
fn invalid_variant_names_are_rejected() {
    let source = ENTRY_405.replace("status", "variant = \"methodNotAllowed\"\nstatus");
    assert_eq!(
        errors(&source),
        [
            "registry.toml:5:11: `variant` in code 405 is \"methodNotAllowed\", not a valid variant name; use UpperCamelCase ASCII letters and digits, starting with a capital letter"
        ]
    );
    let source = ENTRY_405.replace("Method Not Allowed", "¿?");
    assert_eq!(
        errors(&source),
        [
            "registry.toml:4:10: cannot derive a variant name from the phrase \"¿?\" of code 405; add `variant = \"…\"`"
        ]
    );
}

#[test]
fn phrases_must_be_valid_reason_phrases() {
    let source = ENTRY_405.replace("Method Not Allowed", "Method\\r\\nNot Allowed");
    assert_eq!(
        errors(&source),
        [
            "registry.toml:4:10: `phrase` in code 405: control character '\\r' at byte 6 is not allowed in a reason phrase"
        ]
    );
}

#[test]
fn unknown_keywords_list_the_accepted_ones() {
    let source = ENTRY_405.replace("\"current\"", "\"obsolete\"");
    assert_eq!(
        errors(&source),
        [
            "registry.toml:5:10: unknown status \"obsolete\" in code 405; use \"current\", \"deprecated\" or \"historic\""
        ]
    );
    let constraint = "[[code.constraints]]\nkind = \"header\"\nlevel = \"required\"\nheader = \"Allow\"\nrule = \"r\"\nreference = \"RFC 3261 §21.4.6\"\n";
    assert_eq!(
        errors(&format!("{ENTRY_405}{constraint}")),
        [
            "registry.toml:10:9: unknown level \"required\" in a constraint of code 405; use \"must\", \"must-not\", \"should\", \"should-not\" or \"may\""
        ]
    );
    let constraint = "[[code.constraints]]\nkind = \"sender\"\nlevel = \"must\"\nroles = [\"uas\", \"b2bua\"]\nrule = \"r\"\nreference = \"RFC 3261 §21.4.6\"\n";
    assert_eq!(
        errors(&format!("{ENTRY_405}{constraint}")),
        [
            "registry.toml:11:17: unknown role \"b2bua\" in a constraint of code 405; use \"uac\", \"uas\", \"proxy\", \"registrar\", \"redirect-server\", \"notifier\", \"subscriber\" or \"edge-proxy\""
        ]
    );
    let constraint = "[[code.constraints]]\nkind = \"headers\"\nlevel = \"must\"\nrule = \"r\"\nreference = \"RFC 3261 §21.4.6\"\n";
    assert_eq!(
        errors(&format!("{ENTRY_405}{constraint}")),
        [
            "registry.toml:9:8: unknown kind \"headers\" in a constraint of code 405; use \"header\", \"body\", \"answers\", \"sender\", \"send\", \"receiver\", \"dialog\", \"proxy\" or \"retry\""
        ]
    );
}

#[test]
fn malformed_references_show_the_expected_form() {
    for bad in [
        "RFC3261",
        "RFC 3261 21.4.6",
        "RFC 3261 §21..4",
        "RFC 0",
        "rfc 3261",
        "RFC 3261 §",
    ] {
        let source = ENTRY_405.replace("RFC 3261 §21.4.6", bad);
        assert_eq!(
            errors(&source),
            [format!(
                "registry.toml:6:15: malformed reference {bad:?}; write \"RFC <number>\" or \"RFC <number> §<section>\", e.g. \"RFC 3261 §21.4.6\""
            )],
            "{bad}"
        );
    }
}

#[test]
fn deprecation_goes_with_the_deprecated_status() {
    let source = ENTRY_405.replace("\"current\"", "\"deprecated\"");
    assert_eq!(
        errors(&source),
        [
            "registry.toml:5:10: code 405 is deprecated but has no `deprecation`; add `deprecation = \"…\"` saying why and what to use instead"
        ]
    );
    let source = ENTRY_405.replace("status", "deprecation = \"no\"\nstatus");
    assert_eq!(
        errors(&source),
        [
            "registry.toml:5:15: `deprecation` in code 405 needs `status = \"deprecated\"`; remove it or change the status"
        ]
    );
}

#[test]
fn constraint_keys_must_fit_the_kind() {
    let constraint = "[[code.constraints]]\nkind = \"body\"\nlevel = \"may\"\nheader = \"Allow\"\nrule = \"r\"\nreference = \"RFC 3261 §21.4.6\"\n";
    assert_eq!(
        errors(&format!("{ENTRY_405}{constraint}")),
        [
            "registry.toml:11:1: `header` does not belong in a constraint of code 405 with kind \"body\"; it is only for kind \"header\" or \"retry\""
        ]
    );
    let constraint = "[[code.constraints]]\nkind = \"header\"\nlevel = \"may\"\nheader = \"Retry After\"\nrule = \"r\"\nreference = \"RFC 3261 §21.4.6\"\n";
    assert_eq!(
        errors(&format!("{ENTRY_405}{constraint}")),
        [
            "registry.toml:11:10: \"Retry After\" in `header` of a constraint of code 405 is not a SIP token; use the name as the RFC spells it, e.g. \"Retry-After\" or \"INVITE\""
        ]
    );
}

#[test]
fn treat_as_must_name_a_registered_code() {
    let constraint = "[[code.constraints]]\nkind = \"receiver\"\nlevel = \"must\"\nroles = [\"uac\"]\ntreat-as = 499\nrule = \"r\"\nreference = \"RFC 3261 §21.4.6\"\n";
    assert_eq!(
        errors(&format!("{ENTRY_405}{constraint}")),
        [
            "registry.toml:12:12: `treat-as = 499` in code 405 names no current or deprecated code; use a code defined in this file"
        ]
    );
    let source = format!("{ENTRY_405}{}", constraint.replace("499", "405"));
    let registry = load(&with_headers(&source)).expect("405 is defined");
    assert!(matches!(
        &registry.entries[0].constraints[0].kind,
        Kind::Receiver { roles, treat_as: Some(405), unless_header: None, stands_for: None, restarts: None } if roles == &[Role::Uac]
    ));
}

#[test]
fn every_problem_is_reported_in_one_pass_in_file_order() {
    let source = format!(
        "{}{}{}",
        ENTRY_405.replace("405", "800"),
        ENTRY_405
            .replace("\"current\"", "\"new\"")
            .replace("405", "406"),
        ENTRY_405
            .replace("RFC 3261 §21.4.6", "RFC3261")
            .replace("405", "407"),
    );
    let found = errors(&source);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].starts_with("registry.toml:3:8: 800 is not a SIP status code"));
    assert!(found[1].starts_with("registry.toml:12:10: unknown status \"new\""));
    assert!(found[2].starts_with("registry.toml:20:15: malformed reference \"RFC3261\""));
}

#[test]
fn variant_names_come_from_the_phrase() {
    assert_eq!(variant_from_phrase("OK"), "Ok");
    assert_eq!(
        variant_from_phrase("Request-URI Too Long"),
        "RequestUriTooLong"
    );
    assert_eq!(
        variant_from_phrase("Call/Transaction Does Not Exist"),
        "CallTransactionDoesNotExist"
    );
    assert_eq!(variant_from_phrase("Server Time-out"), "ServerTimeOut");
    assert!(is_variant_name("BusyHere"));
    assert!(
        !is_variant_name("busyHere")
            && !is_variant_name("Busy Here")
            && !is_variant_name("")
            && !is_variant_name("Self")
    );
}

#[test]
fn a_condition_is_kept() {
    let constraint = "[[code.constraints]]\nkind = \"header\"\nlevel = \"must\"\nheader = \"Timestamp\"\nwhen = \"the request carried a Timestamp header field\"\nrule = \"r\"\nreference = \"RFC 3261 §8.2.6.1\"\n";
    let registry = load(&with_headers(&format!("{ENTRY_405}{constraint}"))).expect("valid");
    assert_eq!(
        registry.entries[0].constraints[0]
            .scope
            .condition
            .as_deref(),
        Some("the request carried a Timestamp header field")
    );
}

#[test]
fn odd_values_are_rejected_where_they_stand() {
    let constraint = "[[code.constraints]]\nkind = \"receiver\"\nlevel = \"must\"\nroles = [\"uac\"]\ntreat-as = 99\nrule = \"r\"\nreference = \"RFC 3261 §21.4.6\"\n";
    assert_eq!(
        errors(&format!("{ENTRY_405}{constraint}")),
        [
            "registry.toml:12:12: `treat-as` in a constraint of code 405: 99 is not a SIP status code; codes run from 100 to 699"
        ]
    );
    assert_eq!(
        errors(&ENTRY_405.replace("code = 405", "code = 99999999999999999999")),
        ["registry.toml:3:8: `code` in this [[code]] table is too large"]
    );
    assert_eq!(
        errors(&ENTRY_405.replace("[\"RFC 3261 §21.4.6\"]", "[]")),
        ["registry.toml:6:14: `references` in code 405 is empty; give at least one value"]
    );
    assert_eq!(
        errors(&format!("{ENTRY_405}constraints = 3\n")),
        ["registry.toml:8:15: `constraints` in code 405 must be an array of tables, found integer"]
    );
    assert_eq!(
        errors("code = 1\n"),
        ["registry.toml:1:8: `code` in the top level must be an array of tables, found integer"]
    );
}

#[test]
fn variants_may_not_take_the_names_of_generated_items() {
    let source = ENTRY_405.replace(
        "phrase = \"Method Not Allowed\"",
        "phrase = \"All\"\nvariant = \"ALL\"",
    );
    assert_eq!(
        errors(&source),
        [
            "registry.toml:5:11: code 405 would be variant `ALL`, a name `SipCode` already uses for \
             one of its items; give it `variant = \"…\"`"
        ]
    );
}

#[test]
fn two_variants_may_not_share_a_status_code_constant() {
    let second = ENTRY_405
        .replace("405", "406")
        .replace("Method Not Allowed", "Method Not Allowed Here")
        .replace(
            "status = \"current\"",
            "variant = \"MethodNotALlowed\"\nstatus = \"current\"",
        );
    assert_eq!(
        errors(&format!("{ENTRY_405}{second}")),
        [
            "registry.toml:12:11: code 406 would be `StatusCode::METHOD_NOT_ALLOWED`, which code 405 \
             (line 2) already is; give one of them `variant = \"…\"`"
        ]
    );
}

#[test]
fn constant_names_follow_the_words_of_the_variant() {
    use super::names::constant_name;
    assert_eq!(constant_name("BusyHere"), "BUSY_HERE");
    assert_eq!(constant_name("Ok"), "OK");
    assert_eq!(constant_name("RequestUriTooLong"), "REQUEST_URI_TOO_LONG");
    assert_eq!(constant_name("MethodNotALlowed"), "METHOD_NOT_ALLOWED");
}

/// A constraint of 405 with these keys besides `level`, `rule` and `reference`.
fn with_constraint(keys: &str) -> String {
    format!(
        "{ENTRY_405}[[code.constraints]]\n{keys}\nlevel = \"must\"\nrule = \"r\"\nreference = \"RFC 3261 §21.4.6\"\n"
    )
}

#[test]
fn schema_v2_mistakes_are_located() {
    let cases: &[(&str, &str)] = &[
        (
            "kind = \"answers\"",
            "registry.toml:9:8: a constraint of code 405 has kind \"answers\": give `methods` (the \
             only methods the code answers) or `except-methods` (the methods it never answers), \
             one of them",
        ),
        (
            "kind = \"answers\"\nmethods = [\"INVITE\"]\nexcept-methods = [\"ACK\"]",
            "registry.toml:11:18: a constraint of code 405 has both `methods` and \
             `except-methods`; keep one",
        ),
        (
            "kind = \"header\"\nheader = \"Retry-Afer\"",
            "registry.toml:10:10: header field \"Retry-Afer\" in code 405 is not in the [[header]] \
             tables; did you mean \"Retry-After\"? Or add a [[header]] table for it",
        ),
        (
            "kind = \"header\"\nheader = \"Allow\"\ngenerated-by = [\"b2bua\"]",
            "registry.toml:11:17: unknown role \"b2bua\" in a constraint of code 405; use \"uac\", \
             \"uas\", \"proxy\", \"registrar\", \"redirect-server\", \"notifier\", \"subscriber\" \
             or \"edge-proxy\"",
        ),
        (
            "kind = \"header\"\nheader = \"Allow\"\ngenerated-by = \"proxy\"",
            "registry.toml:11:16: `generated-by` in a constraint of code 405 must be an array of \
             strings, found string",
        ),
        (
            "kind = \"header\"\nheader = \"Allow\"\nrequest-not-requires = \"100 rel\"",
            "registry.toml:11:24: \"100 rel\" in `request-not-requires` of a constraint of code \
             405 is not a SIP token; use the name as the RFC spells it, e.g. \"Retry-After\" or \
             \"INVITE\"",
        ),
        (
            "kind = \"header\"\nheader = \"allow\"",
            "registry.toml:10:10: header field \"allow\" in code 405 is not in the [[header]] \
             tables; spell it as its [[header]] table does: \"Allow\"",
        ),
        (
            "kind = \"header\"\nheader = \"Allow\"\nrequest-has = \"X-Unknown\"",
            "registry.toml:11:15: header field \"X-Unknown\" in code 405 is not in the [[header]] \
             tables; add a [[header]] table for it",
        ),
        (
            "kind = \"dialog\"\neffect = \"session\"",
            "registry.toml:10:10: unknown effect \"session\" in a constraint of code 405; use \
             \"transaction\", \"usage\", \"subscription\" or \"dialog\"",
        ),
        (
            "kind = \"proxy\"\naction = \"drop\"",
            "registry.toml:10:10: unknown action \"drop\" in a constraint of code 405; use \
             \"absorb\", \"forward\", \"collect\", \"cancel-branches\" or \"no-final-response\"",
        ),
        (
            "kind = \"proxy\"\naction = \"collect\"\nprefer = 0",
            "registry.toml:11:10: `prefer` in a constraint of code 405 is 0; a preference is a rank \
             from 1 (most preferred) to 255",
        ),
        (
            "kind = \"proxy\"\naction = \"collect\"\nupstream-as = 499",
            "registry.toml:11:15: `upstream-as = 499` in code 405 names no current or deprecated \
             code; use a code defined in this file",
        ),
        (
            "kind = \"header\"\nheader = \"Allow\"\nin-dialog = \"yes\"",
            "registry.toml:11:13: `in-dialog` in a constraint of code 405 must be true or false, \
             found string",
        ),
        (
            "kind = \"proxy\"\naction = \"forward\"\nafter-final = 1",
            "registry.toml:11:15: `after-final` in a constraint of code 405 must be true or false, \
             found integer",
        ),
        (
            "kind = \"header\"\nheader = \"Allow\"\neffect = \"usage\"",
            "registry.toml:11:1: `effect` does not belong in a constraint of code 405 with kind \
             \"header\"; it is only for kind \"dialog\"",
        ),
    ];
    for (keys, expected) in cases {
        assert_eq!(errors(&with_constraint(keys)), [*expected], "{keys}");
    }
}

#[test]
fn header_tables_are_checked() {
    let source = format!(
        "{ENTRY_405}\n[[header]]\nname = \"Allow\"\nreference = \"RFC 3261 §20.5\"\n\
         \n[[header]]\nname = \"Contact\"\ncompact = \"mm\"\nreference = \"RFC 3261 §20.10\"\n\
         \n[[header]]\nname = \"Via\"\ncompact = \"t\"\nreference = \"RFC 3261 §20.42\"\n\
         \n[[header]]\nname = \"To\"\ncompact = \"t\"\nreference = \"RFC 3261 §20.39\"\n\
         \n[[header]]\nname = \"To\"\ncolour = \"red\"\nreference = \"RFC 3261 §20.39\"\n"
    );
    assert_eq!(
        errors(&source),
        [
            "registry.toml:15:11: `compact` in header Contact is \"mm\"; a compact form is one \
             lower-case letter",
            "registry.toml:23:1: header To has the compact form 't' of Via (line 18); a letter \
             names one field",
            "registry.toml:28:1: header To is listed twice (first at line 23); keep one [[header]] \
             table per field",
            "registry.toml:30:1: unknown key `colour` in header To; the keys are `name`, \
             `compact`, `reference`",
            "registry.toml:33:1: header Allow is listed twice (first at line 9); keep one \
             [[header]] table per field",
        ]
    );
}

#[test]
fn a_header_table_needs_a_name() {
    let source =
        format!("{ENTRY_405}\n[[header]]\ncompact = \"m\"\nreference = \"RFC 3261 §20.10\"\n");
    assert_eq!(
        errors(&source),
        ["registry.toml:9:1: this [[header]] table has no `name`; add `name = …`"]
    );
}

#[test]
fn rules_over_many_codes_are_checked() {
    let rule = |codes: &str| {
        format!(
            "{ENTRY_405}\n[[rule]]\n{codes}\nkind = \"header\"\nheader = \"Allow\"\nlevel = \"must\"\n\
             rule = \"r\"\nreference = \"RFC 3261 §21.4.6\"\n"
        )
    };
    let valid = load(&with_headers(&rule(
        "codes = [\"4xx\", 405]\nexcept-codes = [405]",
    )))
    .expect("valid");
    let applies = &valid.rules[0].applies;
    assert_eq!(
        (applies.classes.as_slice(), applies.codes.as_slice()),
        (&[4][..], &[405][..])
    );
    assert_eq!(applies.except, [405]);
    assert_eq!(
        errors(&rule("codes = [\"7xx\", 700]")),
        [
            "registry.toml:10:10: \"7xx\" in `codes` of a [[rule]] is not \"all\", a class from \
             \"1xx\" to \"6xx\" or a code",
            "registry.toml:10:17: `codes` in a [[rule]]: 700 is not a SIP status code; codes run \
             from 100 to 699",
        ]
    );
    assert_eq!(
        errors(&rule("codes = [499]\nexcept-codes = [\"4xx\"]")),
        [
            "registry.toml:9:1: a [[rule]] names code 499, which is not a current or deprecated \
             code in this file",
            "registry.toml:11:17: \"4xx\" in `except-codes` of a [[rule]] is not a code; list \
             numbers",
        ]
    );
    assert_eq!(
        errors(&rule("codes = []")),
        ["registry.toml:10:9: `codes` in a [[rule]] is empty; give at least one value"]
    );
    assert_eq!(
        errors(&rule("")),
        ["registry.toml:9:1: a [[rule]] has no `codes`; add `codes = …`",]
    );
}

#[test]
fn stand_ins_are_checked() {
    let receiver =
        |keys: &str| with_constraint(&format!("kind = \"receiver\"\nroles = [\"uac\"]\n{keys}"));
    let valid = load(&with_headers(&receiver("stands-for = \"timeout\""))).expect("valid");
    assert!(matches!(
        valid.entries[0].constraints[0].kind,
        Kind::Receiver { stands_for: Some(ref failure), .. } if failure.value == super::Failure::Timeout
    ));
    assert_eq!(
        errors(&receiver("stands-for = \"crash\"")),
        [
            "registry.toml:11:14: unknown stands-for \"crash\" in a constraint of code 405; use \
             \"timeout\" or \"transport-error\""
        ]
    );
    assert_eq!(
        errors(&receiver(
            "stands-for = \"timeout\"\nmethods = [\"INVITE\"]\ntreat-as = 405"
        )),
        [
            "registry.toml:12:11: `methods` in a constraint of code 405 does not go with \
             `stands-for`: a failure stands for the code whatever the request was; state \
             `methods` in a rule of its own",
            "registry.toml:13:12: `treat-as` in a constraint of code 405 does not go with \
             `stands-for`: a failure stands for the code whatever the request was; state \
             `treat-as` in a rule of its own",
        ]
    );
    assert_eq!(
        errors(&format!(
            "{ENTRY_405}\n[[rule]]\ncodes = [405]\nkind = \"receiver\"\nroles = [\"uac\"]\n\
             stands-for = \"timeout\"\nlevel = \"must\"\nrule = \"r\"\n\
             reference = \"RFC 3261 §8.1.3.1\"\n"
        )),
        [
            "registry.toml:13:14: `stands-for = \"timeout\"` in a [[rule]]: a failure stands for \
             one code; state it in that code's [[code.constraints]]"
        ]
    );
    let twice = receiver("stands-for = \"timeout\"");
    let other = twice
        .replace("405", "406")
        .replace("Method Not Allowed", "Not Acceptable");
    assert_eq!(
        errors(&format!("{twice}{other}")),
        [
            "registry.toml:25:14: `stands-for = \"timeout\"` in code 406 is also in code 405 \
             (line 2) for the same role; a failure stands for one code per role"
        ]
    );
    // Another role may have its own code for the same failure.
    let proxy = other.replace("[\"uac\"]", "[\"proxy\"]");
    assert!(errors(&format!("{twice}{proxy}")).is_empty());
}

#[test]
fn the_scope_keys_are_the_constraint_keys_after_the_four_every_constraint_has() {
    use super::symbol::{BASIS, KIND, LEVEL, METHODS, REFERENCE, RULE, WHEN, scope_keys};
    let keys = scope_keys();
    assert_eq!((keys.first(), keys.last()), (Some(&METHODS), Some(&WHEN)));
    assert!(
        !keys
            .iter()
            .any(|key| [KIND, LEVEL, RULE, REFERENCE, BASIS].contains(key))
    );
}

#[test]
fn usage_tables_are_read_and_checked() {
    let usage = |name: &str, methods: &str| {
        format!(
            "\n[[usage]]\nname = \"{name}\"\nmethods = {methods}\nreference = \"RFC 5057 §5.3\"\n"
        )
    };
    let source = format!(
        "{}{}{ENTRY_405}",
        usage("invite", "[\"INVITE\", \"BYE\"]"),
        usage("registration", "[\"REGISTER\"]")
    );
    let registry = load(&with_headers(&source)).expect("valid");
    assert_eq!(registry.usages.len(), 2);
    assert_eq!(registry.usages[0].usage.value, super::Usage::Invite);
    assert_eq!(registry.usages[0].methods[1].value, "BYE");

    let twice = format!(
        "{}{}{ENTRY_405}",
        usage("invite", "[\"INVITE\"]"),
        usage("invite", "[\"BYE\"]")
    );
    assert_eq!(
        errors(&twice),
        [
            "registry.toml:8:8: usage invite is listed twice (first at line 2); keep one [[usage]] table per usage"
        ]
    );
    let shared = format!(
        "{}{}{ENTRY_405}",
        usage("invite", "[\"INVITE\", \"NOTIFY\"]"),
        usage("subscription", "[\"NOTIFY\"]")
    );
    assert_eq!(
        errors(&shared),
        [
            "registry.toml:9:12: NOTIFY belongs to usage invite already (line 2); a request belongs to one usage"
        ]
    );
    let unknown = format!("{}{ENTRY_405}", usage("session", "[\"INVITE\"]"));
    assert_eq!(
        errors(&unknown),
        [
            "registry.toml:3:8: unknown name \"session\" in this [[usage]] table; use \"invite\", \"subscription\" or \"registration\""
        ]
    );
    let lower = format!("{}{ENTRY_405}", usage("invite", "[\"in vite\"]"));
    assert!(errors(&lower)[0].starts_with(
        "registry.toml:4:12: \"in vite\" in `methods` of usage invite is not a SIP token"
    ));

    let ended = |enders: &str| {
        format!(
            "\n[[usage]]\nname = \"invite\"\nmethods = [\"INVITE\", \"BYE\"]\nended-by = {enders}\n\
             reference = \"RFC 5057 §5.3\"\n{ENTRY_405}"
        )
    };
    let registry = load(&with_headers(&ended("[\"BYE\"]"))).expect("valid");
    assert_eq!(registry.usages[0].ended_by[0].value, "BYE");
    assert!(registry.usages[0].methods.len() == 2);
    assert_eq!(
        errors(&ended("[\"NOTIFY\"]")),
        [
            "registry.toml:5:13: `ended-by` of usage invite names \"NOTIFY\", which is not among its `methods`; a usage is ended by one of its own requests"
        ]
    );
}

#[test]
fn every_failure_of_every_client_stands_for_a_code() {
    let registry = super::shipped().expect("the shipped registry is valid");
    assert!(super::valid::missing_stand_ins(registry).is_empty());
    let bare = load(
        "[[code]]\ncode = 408\nphrase = \"Request Timeout\"\nstatus = \"current\"\n\
         references = [\"RFC 3261\"]\ndescription = \"d\"\n\n\
         [[code.constraints]]\nkind = \"receiver\"\nlevel = \"must\"\nroles = [\"uac\"]\n\
         stands-for = \"timeout\"\nrule = \"r\"\nreference = \"RFC 3261 §8.1.3.1\"\n",
    )
    .expect("valid");
    assert_eq!(
        super::valid::missing_stand_ins(&bare),
        [
            "registry.toml: no code stands for a transport-error reported to a uac; add \
             `stands-for = \"transport-error\"` with `roles = [\"uac\"]` to the receiver rule \
             of the code it stands for (RFC 3261 §8.1.3.1, §16.8, §16.9)",
            "registry.toml: no code stands for a timeout reported to a proxy; add \
             `stands-for = \"timeout\"` with `roles = [\"proxy\"]` to the receiver rule of \
             the code it stands for (RFC 3261 §8.1.3.1, §16.8, §16.9)",
            "registry.toml: no code stands for a transport-error reported to a proxy; add \
             `stands-for = \"transport-error\"` with `roles = [\"proxy\"]` to the receiver \
             rule of the code it stands for (RFC 3261 §8.1.3.1, §16.8, §16.9)",
        ]
    );
}

#[test]
fn every_usage_has_a_table() {
    let registry = super::shipped().expect("the shipped registry is valid");
    assert!(super::valid::missing_usages(registry).is_empty());
    let bare = load(
        "[[usage]]\nname = \"invite\"\nmethods = [\"INVITE\"]\nreference = \"RFC 5057 §5.3\"\n\n\
         [[code]]\ncode = 200\nphrase = \"OK\"\nstatus = \"current\"\n\
         references = [\"RFC 3261\"]\ndescription = \"d\"\n",
    )
    .expect("valid");
    assert_eq!(
        super::valid::missing_usages(&bare),
        [
            "registry.toml: no [[usage]] table for the subscription usage; add one with \
             `name = \"subscription\"`, the `methods` of the requests that belong to it and \
             its `reference` (RFC 5057 §5.3)",
            "registry.toml: no [[usage]] table for the registration usage; add one with \
             `name = \"registration\"`, the `methods` of the requests that belong to it and \
             its `reference` (RFC 5057 §5.3)",
        ]
    );
}

const RULE_ALLOW: &str = "\n[[rule]]\ncodes = [\"all\"]\nkind = \"header\"\nheader = \"Allow\"\nlevel = \"should\"\nrule = \"r\"\nreference = \"RFC 3261 §20.5\"\n";

#[test]
fn a_code_that_states_a_general_rule_itself_does_not_take_it_twice() {
    let own = |scope: &str| {
        format!(
            "{ENTRY_405}\n[[code.constraints]]\nkind = \"header\"\nlevel = \"must\"\nheader = \"Allow\"\n{scope}rule = \"r\"\nreference = \"RFC 3261 §21.4.6\"\n{RULE_ALLOW}"
        )
    };
    let registry = load(&with_headers(&own(""))).expect("valid");
    assert!(!registry.rules[0].holds_for(&registry.entries[0]));
    // The same header field in another scope is another rule.
    let registry = load(&with_headers(&own("methods = [\"INVITE\"]\n"))).expect("valid");
    assert!(registry.rules[0].holds_for(&registry.entries[0]));
    // A code that forbids what the rule requires contests it; one that
    // requires it too does not.
    let forbids = own("").replace("level = \"must\"", "level = \"must-not\"");
    let registry = load(&with_headers(&forbids)).expect("valid");
    assert!(registry.rules[0].contested_by(&registry.entries[0]));
    let registry = load(&with_headers(&own("methods = [\"INVITE\"]\n"))).expect("valid");
    assert!(!registry.rules[0].contested_by(&registry.entries[0]));
    // A rule over a class holds only for the class.
    let class = format!("{ENTRY_405}{}", RULE_ALLOW.replace("\"all\"", "\"2xx\""));
    let registry = load(&with_headers(&class)).expect("valid");
    assert!(!registry.rules[0].holds_for(&registry.entries[0]));
}

#[test]
fn a_code_own_receiver_rule_adds_to_a_general_one_unless_it_treats_the_code_as_another() {
    let receiver = |treat_as: &str| {
        format!(
            "kind = \"receiver\"\nlevel = \"should\"\nroles = [\"uac\"]\n{treat_as}rule = \"r\"\nreference = \"RFC 3261 §21.4\"\n"
        )
    };
    let registry_of = |own: &str, general: &str| {
        let source = format!(
            "[[rule]]\ncodes = [\"4xx\"]\n{general}\n{ENTRY_405}\n[[code.constraints]]\n{own}"
        );
        load(&with_headers(&source)).expect("valid")
    };
    // Two rules in prose ("do not resend it unchanged", "retry with
    // credentials"): both hold.
    let prose = registry_of(&receiver(""), &receiver(""));
    assert!(prose.rules[0].holds_for(&prose.entries[0]));
    // The same treatment as another code, stated again: one is enough.
    let treated = receiver("treat-as = 405\n");
    let twice = registry_of(&treated, &treated);
    assert!(!twice.rules[0].holds_for(&twice.entries[0]));
}

#[test]
fn more_rules_than_the_bit_sets_hold_are_reported_at_the_first_too_many() {
    let source = format!(
        "{ENTRY_405}{}",
        RULE_ALLOW.repeat(super::valid::MAX_RULES + 1)
    );
    let line = 8 + 8 * super::valid::MAX_RULES + 1;
    assert_eq!(
        errors(&source),
        [format!(
            "registry.toml:{line}:1: this is [[rule]] number 257, and the registry holds at most \
             256; widen `Entry::general` in sipcodes and the bit set sipcodes-macros writes"
        )]
    );
}

#[test]
fn a_send_rule_without_roles_binds_whichever_element_sends() {
    let registry = load(&with_headers(&with_constraint(
        "kind = \"send\"\nafter-final = true",
    )))
    .expect("valid");
    let constraint = &registry.entries[0].constraints[0];
    assert!(matches!(&constraint.kind, Kind::Send(roles) if roles.is_empty()));
    assert_eq!(constraint.scope.after_final, Some(true));
    let named = load(&with_headers(&with_constraint(
        "kind = \"send\"\nroles = [\"proxy\"]",
    )))
    .expect("valid");
    assert!(
        matches!(&named.entries[0].constraints[0].kind, Kind::Send(roles) if roles == &[Role::Proxy])
    );
    assert_eq!(
        errors(&with_constraint("kind = \"send\"\nroles = []")),
        [
            "registry.toml:10:9: `roles` in a constraint of code 405 is empty; give at least one value"
        ]
    );
}

#[test]
fn the_basis_of_a_level_is_checked_against_the_rfc_cited() {
    let constraint = |keys: &str, reference: &str| {
        format!(
            "{ENTRY_405}[[code.constraints]]\nkind = \"dialog\"\neffect = \"usage\"\nlevel = \"should\"\n{keys}rule = \"r\"\nreference = \"{reference}\"\n"
        )
    };
    let registry = load(&with_headers(&constraint(
        "basis = \"informational\"\n",
        "RFC 5057 §5.1",
    )))
    .expect("valid");
    assert_eq!(
        registry.entries[0].constraints[0].basis,
        Basis::Informational
    );
    let registry = load(&with_headers(&constraint("", "RFC 3261 §12.2.1.2"))).expect("valid");
    assert_eq!(registry.entries[0].constraints[0].basis, Basis::Keyword);
    let registry = load(&with_headers(&constraint(
        "basis = \"statement\"\n",
        "RFC 3261 §15",
    )))
    .expect("valid");
    assert_eq!(registry.entries[0].constraints[0].basis, Basis::Statement);
    assert_eq!(
        errors(&constraint("", "RFC 5057 §5.1")),
        [
            "registry.toml:13:13: a constraint of code 405 cites RFC 5057, which is Informational \
          and has no RFC 2119 keywords; add `basis = \"informational\"`"
        ]
    );
    assert_eq!(
        errors(&constraint("basis = \"statement\"\n", "RFC 5057 §5.1")),
        [
            "registry.toml:14:13: a constraint of code 405 cites RFC 5057, which is Informational \
          and has no RFC 2119 keywords; add `basis = \"informational\"`"
        ]
    );
    assert_eq!(
        errors(&constraint(
            "basis = \"informational\"\n",
            "RFC 3261 §12.2.1.2"
        )),
        [
            "registry.toml:12:9: `basis = \"informational\"` in a constraint of code 405, but RFC 3261 \
          is not an Informational RFC; cite the Informational RFC the rule comes from, or give \
          the basis of RFC 3261's sentence"
        ]
    );
    assert_eq!(
        errors(&constraint("basis = \"normative\"\n", "RFC 3261 §15")),
        [
            "registry.toml:12:9: unknown basis \"normative\" in a constraint of code 405; use \
          \"keyword\", \"statement\" or \"informational\""
        ]
    );
}

#[test]
fn a_receiver_may_restart_a_timer() {
    let receiver = |timer: &str| {
        with_constraint(&format!(
            "kind = \"receiver\"\nroles = [\"proxy\"]\nrestarts-timer = \"{timer}\""
        ))
    };
    let registry = load(&with_headers(&receiver("C"))).expect("valid");
    assert!(matches!(
        registry.entries[0].constraints[0].kind,
        Kind::Receiver {
            restarts: Some(super::Timer::C),
            ..
        }
    ));
    assert_eq!(
        errors(&receiver("D")),
        [
            "registry.toml:11:18: unknown restarts-timer \"D\" in a constraint of code 405; use \"C\""
        ]
    );
}
