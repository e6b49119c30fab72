//! What the uas says about a command line it cannot run with: one line on
//! standard error naming the argument and what to give, and exit status 2.

use std::process::Command;

fn refused(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_uas"))
        .args(args)
        .output()
        .expect("the uas runs");
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(output.stdout.is_empty(), "{args:?}");
    String::from_utf8(output.stderr).unwrap()
}

const USAGE: &str = "uas: usage: uas <loopback-address:port> [--routes FILE] \
                     [--t1 MILLISECONDS] [--max-transactions N]\n";

#[test]
fn bad_arguments_are_named_with_what_to_give() {
    assert_eq!(
        refused(&["127.0.0.1:0", "--t1", "0"]),
        "uas: --t1 0: give milliseconds, from 1 to 4000 (T2)\n"
    );
    assert_eq!(
        refused(&["127.0.0.1:0", "--t1", "4001"]),
        "uas: --t1 4001: give milliseconds, from 1 to 4000 (T2)\n"
    );
    assert_eq!(
        refused(&["127.0.0.1:0", "--max-transactions", "x"]),
        "uas: --max-transactions x: give a number of transactions, from 1\n"
    );
    assert_eq!(refused(&["127.0.0.1:0", "--t1"]), USAGE);
    assert_eq!(refused(&["127.0.0.1:0", "--fast", "1"]), USAGE);
    assert_eq!(refused(&[]), USAGE);
    assert_eq!(
        refused(&["10.0.0.1:5060"]),
        "uas: 10.0.0.1:5060 is not a loopback address; this example only listens on loopback\n"
    );
    let missing = refused(&["127.0.0.1:0", "--routes", "/nonexistent/routes.toml"]);
    assert!(
        missing.starts_with("uas: /nonexistent/routes.toml: "),
        "{missing}"
    );
}
