//! The output the workspace README quotes is the checker's output on the
//! capture the repository ships.

use std::process::Command;

#[test]
fn the_readme_quotes_the_output_on_the_shipped_capture() {
    let workspace = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let output = Command::new(env!("CARGO_BIN_EXE_sipcodes-check"))
        .arg("sipcodes-check/captures/kamailio-fork.pcap")
        .current_dir(workspace)
        .output()
        .unwrap();
    assert!(output.status.success());
    let printed = String::from_utf8(output.stdout).unwrap();
    let readme = std::fs::read_to_string(format!("{workspace}/README.md")).unwrap();
    let section = &readme[readme.find("## Checking captures").unwrap()..];
    let quoted = section
        .split("```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    // The quote is the first finding, then `…`, then the summary.
    let (first, summary) = quoted.split_once("…\n").unwrap();
    assert!(
        printed.starts_with(first),
        "the README's first finding:\n{first}\nprinted:\n{printed}"
    );
    assert!(
        printed.ends_with(summary),
        "the README's summary:\n{summary}\nprinted:\n{printed}"
    );
}
