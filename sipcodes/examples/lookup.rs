//! Prints what the registry says about a SIP response code.
//!
//! ```text
//! cargo run -p sipcodes --example lookup -- 486
//! cargo run -p sipcodes --example lookup -- "busy here"
//! cargo run -p sipcodes --example lookup -- --all
//! ```
//!
//! Exit status: 0 when the query names registered codes, 1 when it names none,
//! 2 for a malformed query.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use sipcodes::rules::Historic;
use sipcodes::{CodeError, SipCode, StatusCode};

/// `writeln!` into the output buffer; writing to a `String` cannot fail.
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {
        let _ = writeln!($out, $($arg)*);
    };
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out = String::new();
    let status = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["--all"] => {
            table(&mut out);
            ExitCode::SUCCESS
        }
        [query] if !query.starts_with('-') => lookup(&mut out, query.trim()),
        _ => {
            eprintln!("usage: lookup <code> | lookup <reason phrase> | lookup --all");
            ExitCode::from(2)
        }
    };
    // A closed pipe (`lookup --all | head`) is not an error worth reporting.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    status
}

fn lookup(out: &mut String, query: &str) -> ExitCode {
    if query.starts_with(|c: char| c.is_ascii_digit()) {
        return lookup_number(out, query);
    }
    let lowercase = query.to_lowercase();
    let matches: Vec<SipCode> = SipCode::ALL
        .into_iter()
        .filter(|code| code.reason_phrase().to_lowercase().contains(&lowercase))
        .collect();
    let exact = matches
        .iter()
        .find(|code| code.reason_phrase().to_lowercase() == lowercase);
    match (exact, matches.as_slice()) {
        (Some(code), _) | (None, [code]) => {
            entry(out, *code);
            ExitCode::SUCCESS
        }
        (None, []) => {
            eprintln!("no registered reason phrase contains {query:?}; try `lookup --all`");
            ExitCode::from(1)
        }
        (None, several) => {
            say!(out, "{} codes match {query:?}:", several.len());
            for code in several {
                say!(out, "  {code}");
            }
            ExitCode::SUCCESS
        }
    }
}

fn lookup_number(out: &mut String, query: &str) -> ExitCode {
    let status = match query.parse::<StatusCode>() {
        Ok(status) => status,
        Err(error) => {
            eprintln!("{query:?} is not a status code: {error}");
            return ExitCode::from(2);
        }
    };
    if let Some(code) = status.known() {
        entry(out, code);
        return ExitCode::SUCCESS;
    }
    let number = status.as_u16();
    say!(out, "{}", CodeError::Unregistered { code: number });
    if let Some(historic) = status.historic() {
        historic_entry(out, historic);
    }
    say!(
        out,
        "A receiver acts on it as {} (RFC 3261 §8.1.3.2).",
        status.effective()
    );
    say!(out, "Nearest registered codes:");
    for code in SipCode::nearest(number) {
        say!(out, "  {code}");
    }
    ExitCode::from(1)
}

fn entry(out: &mut String, code: SipCode) {
    say!(out, "{code}");
    say!(out, "  class:       {} ({:?})", code.class(), code.class());
    match code.deprecation() {
        Some(note) => {
            say!(out, "  status:      deprecated: {note}");
        }
        None => {
            say!(out, "  status:      current");
        }
    }
    say!(out, "  variant:     SipCode::{code:?}");
    say!(out, "  description: {}", code.description());
    if !code.constraints().is_empty() {
        say!(out, "  constraints:");
        for constraint in code.constraints() {
            say!(out, "    - {constraint}");
            say!(out, "      {}", constraint.reference().url());
        }
    }
    say!(out, "  references:");
    for reference in code.references() {
        say!(out, "    - {reference}: {}", reference.url());
    }
}

fn historic_entry(out: &mut String, historic: &Historic) {
    say!(
        out,
        "It was {historic} in RFC 2543 (historic): {}",
        historic.description()
    );
}

fn table(out: &mut String) {
    say!(
        out,
        "{:<5} {:<40} {:<5} {:<10} {:>11}",
        "code",
        "reason phrase",
        "class",
        "status",
        "constraints"
    );
    for code in SipCode::ALL {
        let status = if code.is_deprecated() {
            "deprecated"
        } else {
            "current"
        };
        say!(
            out,
            "{:<5} {:<40} {:<5} {:<10} {:>11}",
            code.as_u16(),
            code.reason_phrase(),
            code.class(),
            status,
            code.constraints().len()
        );
    }
    for historic in Historic::all() {
        say!(
            out,
            "{:<5} {:<40} {:<5} {:<10} {:>11}",
            historic.as_u16(),
            historic.reason_phrase(),
            "",
            "historic",
            "-"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(query: &str) -> (String, ExitCode) {
        let mut out = String::new();
        let status = lookup(&mut out, query);
        (out, status)
    }

    #[test]
    fn a_code_prints_its_whole_entry() {
        let (out, status) = run("405");
        assert_eq!(status, ExitCode::SUCCESS);
        assert!(out.starts_with("405 Method Not Allowed\n"), "{out}");
        assert!(out.contains("class:       4xx (RequestFailure)"));
        assert!(out.contains("status:      current"));
        assert!(out.contains(SipCode::MethodNotAllowed.description()));
        assert!(out.contains("MUST (header Allow)"));
        assert!(out.contains("https://www.rfc-editor.org/rfc/rfc3261.html#section-21.4.6"));
    }

    #[test]
    fn a_deprecated_code_says_so() {
        let (out, _) = run("202");
        assert!(out.contains("status:      deprecated: "), "{out}");
    }

    #[test]
    fn a_phrase_works_as_the_query() {
        assert!(run("busy here").0.starts_with("486 Busy Here\n"));
        assert!(run("BUSY HERE").0.starts_with("486 Busy Here\n"));
        let (several, status) = run("busy");
        assert_eq!(status, ExitCode::SUCCESS);
        assert_eq!(
            several,
            "2 codes match \"busy\":\n  486 Busy Here\n  600 Busy Everywhere\n"
        );
        assert_eq!(run("no such phrase").1, ExitCode::from(1));
    }

    #[test]
    fn an_unknown_code_suggests_the_nearest() {
        let (out, status) = run("499");
        assert_eq!(status, ExitCode::from(1));
        assert!(
            out.starts_with("499 is not a registered SIP response code\n"),
            "{out}"
        );
        assert!(out.contains("acts on it as 400 Bad Request"));
        for near in [
            "489 Bad Event",
            "491 Request Pending",
            "494 Security Agreement Required",
        ] {
            assert!(out.contains(near), "{near} in {out}");
        }
        assert!(
            run("409")
                .0
                .contains("It was 409 Conflict in RFC 2543 (historic)")
        );
        assert_eq!(run("099").1, ExitCode::from(2));
        assert_eq!(run("2OO").1, ExitCode::from(2));
    }

    #[test]
    fn the_table_lists_every_code() {
        let mut out = String::new();
        table(&mut out);
        assert_eq!(
            out.lines().count(),
            1 + SipCode::COUNT + Historic::all().len()
        );
        for code in SipCode::ALL {
            assert!(out.contains(code.reason_phrase()));
        }
    }
}
