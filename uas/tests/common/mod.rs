//! The uas binary, started for a test on a free loopback port, and the
//! torture messages of RFC 4475 §3 the tests send it.

// Each test file uses part of this module.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// The UAS, started on a free loopback port with a routing table, and killed
/// when dropped. Its log is read on a thread of its own, so that it never
/// waits on a full pipe; `lines()` counts them.
pub struct Uas {
    pub child: Child,
    pub port: u16,
    lines: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Uas {
    /// The UAS with this routing table (`[users]` entries) and these
    /// further arguments.
    pub fn start(routes: &str, args: &[&str]) -> Uas {
        let file = std::env::temp_dir().join(format!(
            "sipcodes-uas-test-{}-{}.toml",
            std::process::id(),
            routes.len()
        ));
        std::fs::write(&file, routes).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_uas"))
            .arg("127.0.0.1:0")
            .arg("--routes")
            .arg(&file)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the uas starts");
        let mut log = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        log.read_line(&mut first).unwrap();
        let port = first
            .trim()
            .rsplit(':')
            .next()
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("no port in {first:?}"));
        let lines = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let counted = std::sync::Arc::clone(&lines);
        std::thread::spawn(move || {
            for _ in log.lines() {
                counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        });
        Uas { child, port, lines }
    }

    /// Lines the uas has logged since it said where it listens.
    pub fn lines(&self) -> u64 {
        self.lines.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Its resident memory, in KiB (`VmRSS`), while it runs.
    pub fn resident_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// Whether it is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Uas {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

const MESSAGES: &str = include_str!("../rfc4475.txt");

/// The messages of the data file: (section, name, octets with `{port}` left in).
pub fn messages() -> Vec<(&'static str, &'static str, String)> {
    let mut out = Vec::new();
    for block in MESSAGES.split("\n=== ").skip(1) {
        let (head, text) = block.split_once('\n').unwrap();
        let (id, _title) = head.split_once(" | ").unwrap();
        let (section, name) = id.split_once(' ').unwrap();
        out.push((section, name, text.trim_end_matches('\n').to_owned()));
    }
    out
}

/// RFC 4475 §2: `<allOneLine>` joins its lines, `<hex>` is octets, `<repeat
/// count=N>` repeats. Lines end in CRLF; a message with no body ends in an
/// empty line.
pub fn octets(text: &str, port: u16) -> Vec<u8> {
    let text = text.replace("{port}", &port.to_string());
    let mut lines: Vec<String> = Vec::new();
    let mut joining: Option<String> = None;
    for line in text.split('\n') {
        match (line, &mut joining) {
            ("<allOneLine>", None) => joining = Some(String::new()),
            ("</allOneLine>", Some(_)) => lines.push(joining.take().unwrap()),
            (line, Some(joined)) => joined.push_str(line),
            (line, None) => lines.push(line.to_owned()),
        }
    }
    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    if !text.contains("\r\n\r\n") {
        text.push_str("\r\n");
    }
    while let Some(start) = text.find("<repeat count=") {
        let count_end = start + text[start..].find('>').unwrap();
        let count: usize = text[start + "<repeat count=".len()..count_end]
            .parse()
            .unwrap();
        let end = count_end + text[count_end..].find("</repeat>").unwrap();
        let repeated = text[count_end + 1..end].repeat(count);
        text.replace_range(start..end + "</repeat>".len(), &repeated);
    }
    let mut bytes = Vec::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("<hex>") {
        bytes.extend_from_slice(&rest.as_bytes()[..start]);
        let end = start + rest[start..].find("</hex>").unwrap();
        let digits: Vec<u8> = rest[start + "<hex>".len()..end]
            .bytes()
            .filter(|byte| !byte.is_ascii_whitespace())
            .collect();
        for pair in digits.chunks(2) {
            let pair = std::str::from_utf8(pair).unwrap();
            bytes.push(u8::from_str_radix(pair, 16).unwrap());
        }
        rest = &rest[end + "</hex>".len()..];
    }
    bytes.extend_from_slice(rest.as_bytes());
    bytes
}
