//! The rustdoc of `SipResponseHandler` quotes the derive's compile errors; each
//! quote must still be what the compiler prints, as pinned in `tests/ui/*.stderr`.

use std::path::Path;

/// Runs of white space as one space, so that line breaks in a message do not matter.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The messages the compile-error table quotes (each as a
/// ``` `` … `` ``` code span in the message column), split at each `…` into
/// the parts quoted.
fn quoted_messages(docs: &str) -> Vec<Vec<String>> {
    let table = docs
        .split("| mistake | example | message |")
        .nth(1)
        .expect("the docs have the compile-error table");
    let mut messages = Vec::new();
    for row in table
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
    {
        let Some(mut cell) = row.trim_end_matches('|').rsplit(" | ").next() else {
            continue;
        };
        while let Some((_, rest)) = cell.split_once("`` ") {
            let Some((message, after)) = rest.split_once(" ``") else {
                break;
            };
            messages.push(
                message
                    .split('…')
                    .map(|part| squeeze(part.trim().trim_end_matches(';')))
                    .filter(|part| !part.is_empty())
                    .collect(),
            );
            cell = after;
        }
    }
    messages
}

#[test]
fn every_message_the_docs_quote_is_pinned() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(root.join("../sipcodes/src/handler.rs"))
        .expect("read the handler's source");
    // The rustdoc, without its `/// ` prefixes.
    let docs: String = source
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("///"))
        .map(|line| format!("{}\n", line.strip_prefix(' ').unwrap_or(line)))
        .collect();
    let mut pinned = String::new();
    for file in std::fs::read_dir(root.join("ui")).expect("read tests/ui") {
        let path = file.expect("list tests/ui").path();
        if path.extension().is_some_and(|ext| ext == "stderr") {
            pinned.push_str(&std::fs::read_to_string(&path).expect("read a .stderr file"));
            pinned.push('\n');
        }
    }
    let pinned = squeeze(&pinned);
    let messages = quoted_messages(&docs);
    assert!(
        messages.len() >= 12,
        "only {} quoted messages found",
        messages.len()
    );
    for parts in messages {
        for part in parts {
            assert!(
                pinned.contains(&part),
                "the docs quote a message no test pins: {part:?}"
            );
        }
    }
}

#[test]
fn a_drifted_quote_is_caught() {
    let docs = "| mistake | example | message |\n| --- | --- | --- |\n\
                  | x | y | `` 700 is not a SIP code; … `` and `` `a` or `b` `` |\n";
    assert_eq!(
        quoted_messages(docs),
        [vec!["700 is not a SIP code"], vec!["`a` or `b`"]]
    );
}
