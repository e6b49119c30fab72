use toml::de::{DeTable, DeValue};

use super::{Item, Table, Value, parse};

/// One line per key and array item: path, byte offset and value, sorted by path.
fn render_ours(source: &str) -> String {
    fn render_item(path: &str, item: &Item, lines: &mut Vec<String>) {
        match &item.value {
            Value::Table(table) => render_table(path, table, lines),
            Value::Array(items) | Value::Tables(items) => {
                lines.push(format!("{path} = array"));
                for (index, element) in items.iter().enumerate() {
                    render_item(&format!("{path}[{index}]"), element, lines);
                }
                return;
            }
            Value::String(text) => lines.push(format!("{path} = {text:?}")),
            Value::Integer(number) => lines.push(format!("{path} = {number:?}")),
            Value::Boolean(flag) => lines.push(format!("{path} = {flag}")),
        }
        lines.push(format!("{path} @ {}", item.offset));
    }
    fn render_table(path: &str, table: &Table, lines: &mut Vec<String>) {
        for (key, value) in table.entries() {
            let path = format!("{path}.{}", key.name);
            lines.push(format!("{path} key @ {}", key.offset));
            render_item(&path, value, lines);
        }
    }
    let document = parse(source).unwrap_or_else(|error| panic!("{error:?}"));
    let mut lines = Vec::new();
    render_table("", &document, &mut lines);
    lines.sort();
    lines.join("\n")
}

/// The same rendering of the `toml` crate's reading of `source`.
fn render_toml(source: &str) -> String {
    fn render_item(path: &str, value: &toml::Spanned<DeValue<'_>>, lines: &mut Vec<String>) {
        match value.get_ref() {
            DeValue::Table(table) => render_table(path, table, lines),
            DeValue::Array(items) => {
                lines.push(format!("{path} = array"));
                for (index, element) in items.iter().enumerate() {
                    render_item(&format!("{path}[{index}]"), element, lines);
                }
                return;
            }
            DeValue::String(text) => lines.push(format!("{path} = {text:?}")),
            DeValue::Integer(number) => {
                let number = i64::from_str_radix(number.as_str(), number.radix()).ok();
                lines.push(format!("{path} = {number:?}"));
            }
            DeValue::Boolean(flag) => lines.push(format!("{path} = {flag}")),
            other => panic!("{path}: {} is outside the subset", other.type_str()),
        }
        lines.push(format!("{path} @ {}", value.span().start));
    }
    fn render_table(path: &str, table: &DeTable<'_>, lines: &mut Vec<String>) {
        for (key, value) in table.iter() {
            let path = format!("{path}.{}", key.get_ref());
            lines.push(format!("{path} key @ {}", key.span().start));
            render_item(&path, value, lines);
        }
    }
    let document = DeTable::parse(source).unwrap_or_else(|error| panic!("{error}"));
    let mut lines = Vec::new();
    render_table("", document.get_ref(), &mut lines);
    lines.sort();
    lines.join("\n")
}

fn same_as_toml(source: &str) {
    let ours = render_ours(source);
    let theirs = render_toml(source);
    if ours != theirs {
        let differences: Vec<String> = ours
            .lines()
            .zip(theirs.lines())
            .filter(|(a, b)| a != b)
            .take(5)
            .map(|(a, b)| format!("  ours:  {a}\n  toml:  {b}"))
            .collect();
        panic!(
            "the subset parser and the toml crate differ on\n{source}\n{}",
            differences.join("\n")
        );
    }
}

#[test]
fn the_shipped_registry_reads_as_toml_reads_it() {
    same_as_toml(super::super::SHIPPED);
}

#[test]
fn every_construct_of_the_subset_reads_as_toml_reads_it() {
    let mut source = String::new();
    for sample in [
        "title = \"plain\"",
        "escapes = \"\\\" \\\\ \\t \\n \\r \\b \\f \\e \\x41 \\u00e9 \\U0001F600 §\"",
        "literal = 'C:\\path \"as is\"'",
        "empty = \"\"",
        "integers = [0, 7, -12, +3, 1_000, 0x1F, 0o17, 0b101, 9223372036854775807]",
        "min = -9223372036854775808",
        "too-large = 99999999999999999999",
        "flags = [true, false]",
        "nested = [[1, 2], [\"a\"], []]",
        "spread = [ # a comment\n  \"one\",\n\n  2, # another\n]",
        "spaced    =   \"x\"   # trailing comment",
        "under_score-and-dash = 1",
        "\r\ncrlf = 1\r\n",
        "[[code]]",
        "code = 405",
        "[[code.constraints]]",
        "kind = \"header\"",
        "[[ code . constraints ]]",
        "kind = \"body\"",
        "[[code]]",
        "code = 406",
        "[[rule]]",
        "codes = [\"2xx\", 486]",
    ] {
        source.push_str(sample);
        source.push('\n');
    }
    same_as_toml(&source);
    same_as_toml("last = true");
    same_as_toml("");
}

fn error(source: &str) -> String {
    let error = parse(source)
        .expect_err("outside the subset")
        .locate(source);
    error.to_string()
}

#[test]
fn what_the_subset_leaves_out_is_named() {
    let cases = [
        (
            "[code]\n",
            "1:1: invalid TOML: `[table]` headers are outside the TOML subset registry.toml uses; write `[[table]]`",
        ),
        (
            "a = {x = 1}\n",
            "1:5: invalid TOML: inline tables are outside the TOML subset registry.toml uses",
        ),
        (
            "a = \"\"\"x\"\"\"\n",
            "1:5: invalid TOML: multi-line strings are outside the TOML subset registry.toml uses",
        ),
        (
            "a = '''x'''\n",
            "1:5: invalid TOML: multi-line strings are outside the TOML subset registry.toml uses",
        ),
        (
            "a = 1.5\n",
            "1:5: invalid TOML: `1.5` is not a value of the TOML subset registry.toml uses; write a string, an integer, true, false or an array",
        ),
        (
            "a = 1979-05-27\n",
            "1:5: invalid TOML: `1979-05-27` is not a value of the TOML subset registry.toml uses; write a string, an integer, true, false or an array",
        ),
        (
            "\"a\" = 1\n",
            "1:1: invalid TOML: quoted keys are outside the TOML subset registry.toml uses; write a bare key",
        ),
        (
            "[[code.'constraints']]\n",
            "1:8: invalid TOML: quoted keys are outside the TOML subset registry.toml uses; write a bare key",
        ),
        (
            "a.b = 1\n",
            "1:2: invalid TOML: dotted keys are outside the TOML subset registry.toml uses; write a [[…]] table",
        ),
    ];
    for (source, expected) in cases {
        assert_eq!(
            error(source),
            format!("registry.toml:{expected}"),
            "{source}"
        );
    }
}

#[test]
fn malformed_toml_is_located() {
    let cases = [
        (
            "a = \"open\n",
            "1:10: invalid TOML: the string is not closed before the end of its line; end it with `\"`",
        ),
        (
            "a = 'open",
            "1:10: invalid TOML: the string is not closed before the end of its line; end it with `'`",
        ),
        (
            "a = \"\\q\"\n",
            "1:6: invalid TOML: unknown escape; use \\b, \\t, \\n, \\f, \\r, \\e, \\\", \\\\, \\xHH, \\uHHHH or \\UHHHHHHHH",
        ),
        (
            "a = \"\\uD800\"\n",
            "1:6: invalid TOML: the escape needs 4 hex digits naming a Unicode scalar value",
        ),
        (
            "a = \"tab\tok, bell\u{7} not\"\n",
            "1:18: invalid TOML: control character U+0007 in a string; write it as an escape",
        ),
        (
            "a = 1\na = 2\n",
            "2:1: invalid TOML: `a` is given twice in one table (first at line 1); keep one",
        ),
        (
            "a 1\n",
            "1:3: invalid TOML: expected `=` after the key, found `1`",
        ),
        (
            "# a note\u{7}\n",
            "1:9: invalid TOML: control character U+0007 in a comment",
        ),
        (
            "a = '\u{1b}'\n",
            "1:6: invalid TOML: control character U+001B in a string; write it as an escape",
        ),
        (
            "a = \"\\x4\"\n",
            "1:6: invalid TOML: the escape needs 2 hex digits naming a Unicode scalar value",
        ),
        (
            "[[code]] x\n",
            "1:10: invalid TOML: expected a new line, found `x`",
        ),
        (
            "a = 1 2\n",
            "1:7: invalid TOML: expected a new line, found `2`",
        ),
        (
            "a =\n",
            "1:4: invalid TOML: expected a value, found the end of the line",
        ),
        (
            "a = [1 2]\n",
            "1:8: invalid TOML: expected `,` or `]`, found `2`",
        ),
        (
            "a = [1,\n",
            "2:1: invalid TOML: expected a value, found the end of the file",
        ),
        (
            "a = 007\n",
            "1:5: invalid TOML: `007` is not a value of the TOML subset registry.toml uses; write a string, an integer, true, false or an array",
        ),
        (
            "[[code.constraints]]\n",
            "1:1: invalid TOML: `[[code.constraints]]` needs a `[[code]]` table before it (the TOML subset registry.toml uses has no implicit tables)",
        ),
        (
            "code = 1\n[[code.constraints]]\n",
            "2:1: invalid TOML: `[[code.constraints]]` needs a `[[code]]` table before it (the TOML subset registry.toml uses has no implicit tables)",
        ),
        (
            "code = 1\n[[code]]\n",
            "2:1: invalid TOML: `code` is already a value; it cannot also be an array of tables",
        ),
        (
            "[[code]\n",
            "1:7: invalid TOML: expected `]]` or `.`, found `]`",
        ),
        (
            "[[]]\n",
            "1:3: invalid TOML: expected a table name, found `]`",
        ),
        ("= 1\n", "1:1: invalid TOML: expected a key, found `=`"),
        (
            "a = 1\rb = 2\n",
            "1:6: invalid TOML: expected a new line, found `\\r`",
        ),
    ];
    for (source, expected) in cases {
        assert_eq!(
            error(source),
            format!("registry.toml:{expected}"),
            "{source:?}"
        );
    }
}

/// Both parsers' verdict on `source`: the same tree, or both an error, or ours
/// names a construct the subset leaves out.
fn agrees_with_toml(source: &str) -> Result<(), String> {
    let theirs = DeTable::parse(source).is_ok();
    match (parse(source), theirs) {
        (Ok(_), true) if render_ours(source) == render_toml(source) => Ok(()),
        (Ok(_), true) => Err(format!("different trees for {source:?}")),
        (Ok(_), false) => Err(format!("ours accepts what toml rejects: {source:?}")),
        (Err(_), false) => Ok(()),
        (Err(error), true) if error.message.contains("the TOML subset registry.toml uses") => {
            Ok(())
        }
        (Err(error), true) => Err(format!(
            "ours rejects what toml accepts: {source:?}: {}",
            error.message
        )),
    }
}

mod generated {
    use proptest::prelude::*;

    /// Text between quotes, from characters that matter to strings: quotes,
    /// backslashes and what escapes are made of, controls, non-ASCII.
    fn quoted_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec![
                "a",
                " ",
                "\t",
                "\"",
                "'",
                "\\",
                "\\\\",
                "\\\"",
                "\\n",
                "\\t",
                "\\u00e9",
                "\\U0001F600",
                "\\x41",
                "\\e",
                "\\u",
                "\\q",
                "0",
                "F",
                "é",
                "§",
                "\u{7}",
                "\u{7f}",
                "#",
                "=",
                "[",
                "]",
            ]),
            0..8,
        )
        .prop_map(|parts| parts.concat())
    }

    fn value() -> impl Strategy<Value = String> {
        let scalar = prop_oneof![
            quoted_text().prop_map(|text| format!("\"{text}\"")),
            quoted_text().prop_map(|text| format!("'{text}'")),
            any::<i64>().prop_map(|number| number.to_string()),
            any::<u16>().prop_map(|number| format!("0x{number:X}")),
            (1u32..1000, 0u32..1000).prop_map(|(high, low)| format!("{high}_{low:03}")),
            prop::sample::select(vec!["true", "false", "007", "1_", "+", "-0", "0b102"])
                .prop_map(str::to_owned),
        ];
        scalar.prop_recursive(2, 12, 4, |inner| {
            (
                proptest::collection::vec(inner, 0..4),
                prop::sample::select(vec![", ", ",", " ,\n  ", ", # note\n"]),
                any::<bool>(),
            )
                .prop_map(|(items, separator, trailing)| {
                    let mut array = format!("[{}", items.join(separator));
                    if trailing && !items.is_empty() {
                        array.push(',');
                    }
                    array.push(']');
                    array
                })
        })
    }

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => (prop::sample::select(vec!["code", "phrase", "kind", "codes", "a-b", "x_1"]), value())
                .prop_map(|(key, value)| format!("{key} = {value}")),
            1 => prop::sample::select(vec![
                "[[code]]", "[[code.constraints]]", "[[rule]]", "[[ code . constraints ]]",
                "# a comment", "", "  ",
            ])
            .prop_map(str::to_owned),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn documents_of_the_subset_read_as_toml_reads_them(
            lines in proptest::collection::vec(line(), 0..10),
            crlf in any::<bool>(),
        ) {
            let source = lines.join(if crlf { "\r\n" } else { "\n" });
            if let Err(problem) = super::agrees_with_toml(&source) {
                return Err(TestCaseError::fail(problem));
            }
        }
    }
}
