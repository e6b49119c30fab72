//! What the checker prints: a line or an object per finding, per message it
//! could not parse or pair, and a summary per file.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Mutex;

use serde_json::{Value, json};

use crate::capture::CaptureError;
use crate::track::{Finding, Seen, Unpaired};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Where every file's lines go, one line at a time.
pub struct Sink {
    pub format: Format,
    pub out: Mutex<Box<dyn Write + Send>>,
}

impl Sink {
    fn line(&self, text: &str) {
        let mut out = self
            .out
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // A closed pipe (`| head`) ends the output, not the check.
        let _ = writeln!(out, "{text}");
    }

    fn object(&self, value: Value) {
        self.line(&value.to_string());
    }
}

/// The counts of one file, and the findings grouped by rule.
#[derive(Default)]
pub struct Summary {
    pub file: String,
    pub frames: u64,
    pub first_time: Option<f64>,
    pub requests: u64,
    pub responses: u64,
    pub unparsed: u64,
    pub unpaired: u64,
    /// Requests a proxy forwarded with both sides in the capture, whose
    /// responses are judged by the proxy rules.
    pub forwarded: u64,
    pub undecided: u64,
    /// MUST and MUST NOT findings.
    pub mandatory: u64,
    /// SHOULD and SHOULD NOT findings.
    pub recommended: u64,
    /// Findings of rules whose sentence has no RFC 2119 keyword, or that only
    /// an Informational RFC states: descriptions, not requirements.
    pub described: u64,
    /// Findings by the RFC 2119 level of their rule (`must-not`, …), and by
    /// basis for the others (`statement`, `informational`).
    pub levels: BTreeMap<&'static str, u64>,
    /// Rule line → count.
    pub rules: BTreeMap<String, u64>,
    /// What could not be decoded, by kind.
    pub not_decoded: BTreeMap<&'static str, u64>,
    pub error: Option<CaptureError>,
}

impl Summary {
    fn relative(&self, time: f64) -> f64 {
        time - self.first_time.unwrap_or(time)
    }

    fn place(&self, seen: &Seen) -> String {
        format!(
            "{}:{} {:.6}s {} -> {}",
            self.file,
            seen.frame,
            self.relative(seen.time),
            seen.source,
            seen.destination
        )
    }

    fn seen_json(&self, kind: &str, seen: &Seen) -> serde_json::Map<String, Value> {
        let mut object = serde_json::Map::new();
        object.insert("type".into(), kind.into());
        object.insert("file".into(), self.file.clone().into());
        object.insert("frame".into(), seen.frame.into());
        object.insert("time".into(), seen.time.into());
        object.insert("relative".into(), self.relative(seen.time).into());
        object.insert("source".into(), seen.source.to_string().into());
        object.insert("destination".into(), seen.destination.to_string().into());
        object
    }

    pub fn finding(&mut self, sink: &Sink, finding: Finding) {
        let counted = if finding.basis.is_normative() {
            finding.level.as_str()
        } else {
            finding.basis.as_str()
        };
        *self.levels.entry(counted).or_default() += 1;
        if !finding.basis.is_normative() {
            self.described += 1;
        } else if finding.level.is_mandatory() {
            self.mandatory += 1;
        } else {
            self.recommended += 1;
        }
        match sink.format {
            Format::Text => {
                let request = match &finding.request {
                    Some((frame, line)) => format!("{line} (frame {frame})"),
                    None => "not in the capture".to_owned(),
                };
                sink.line(&format!(
                    "{} Call-ID {}\n  {}\n  response: {} (frame {})\n  request:  {request}",
                    self.place(&finding.seen),
                    finding.call_id,
                    finding.rule,
                    finding.response.1,
                    finding.response.0,
                ));
            }
            Format::Json => {
                let mut object = self.seen_json("finding", &finding.seen);
                object.insert("call_id".into(), finding.call_id.clone().into());
                object.insert("level".into(), finding.level.as_str().into());
                object.insert("basis".into(), finding.basis.as_str().into());
                object.insert("rule".into(), finding.rule.clone().into());
                object.insert(
                    "response".into(),
                    json!({ "frame": finding.response.0, "line": finding.response.1 }),
                );
                let request = finding
                    .request
                    .as_ref()
                    .map(|(frame, line)| json!({ "frame": frame, "line": line }));
                object.insert("request".into(), request.unwrap_or(Value::Null));
                sink.object(Value::Object(object));
            }
        }
        *self.rules.entry(finding.rule).or_default() += 1;
    }

    pub fn unparsed(&mut self, sink: &Sink, seen: &Seen, reason: &str, line: &str) {
        self.unparsed += 1;
        match sink.format {
            Format::Text => sink.line(&format!(
                "{} unparsed: {reason}\n  {line}",
                self.place(seen)
            )),
            Format::Json => {
                let mut object = self.seen_json("unparsed", seen);
                object.insert("reason".into(), reason.into());
                object.insert("line".into(), line.into());
                sink.object(Value::Object(object));
            }
        }
    }

    pub fn unpaired(&mut self, sink: &Sink, unpaired: &Unpaired) {
        self.unpaired += 1;
        match sink.format {
            Format::Text => sink.line(&format!(
                "{} unpaired: no request in the capture for {} (Call-ID {})",
                self.place(&unpaired.seen),
                unpaired.first_line,
                unpaired.call_id
            )),
            Format::Json => {
                let mut object = self.seen_json("unpaired", &unpaired.seen);
                object.insert("call_id".into(), unpaired.call_id.clone().into());
                object.insert("line".into(), unpaired.first_line.clone().into());
                sink.object(Value::Object(object));
            }
        }
    }

    pub fn findings(&self) -> u64 {
        self.mandatory + self.recommended + self.described
    }

    pub fn print(&self, sink: &Sink) {
        match sink.format {
            Format::Text => {
                let described = match self.described {
                    0 => String::new(),
                    count => format!(", {count} without a keyword"),
                };
                let mut text = format!(
                    "{}: {} frames, {} requests, {} responses, {} unparsed, {} unpaired, \
                     {} forwarded by a proxy, {} findings ({} MUST, {} SHOULD{described}), {} rules undecided",
                    self.file,
                    self.frames,
                    self.requests,
                    self.responses,
                    self.unparsed,
                    self.unpaired,
                    self.forwarded,
                    self.findings(),
                    self.mandatory,
                    self.recommended,
                    self.undecided,
                );

                let mut by_count: Vec<_> = self.rules.iter().collect();
                by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                for (rule, count) in by_count {
                    text.push_str(&format!("\n  {count:>6}  {rule}"));
                }
                for (kind, count) in &self.not_decoded {
                    text.push_str(&format!("\n  not decoded: {count} {kind}"));
                }
                if let Some(error) = &self.error {
                    text.push_str(&format!("\n  error: {error}"));
                }
                sink.line(&text);
            }
            Format::Json => {
                let rules: Vec<Value> = self
                    .rules
                    .iter()
                    .map(|(rule, count)| json!({ "rule": rule, "count": count }))
                    .collect();
                sink.object(json!({
                    "type": "summary",
                    "file": self.file,
                    "frames": self.frames,
                    "requests": self.requests,
                    "responses": self.responses,
                    "unparsed": self.unparsed,
                    "unpaired": self.unpaired,
                    "forwarded": self.forwarded,
                    "undecided": self.undecided,
                    "findings": {
                        "mandatory": self.mandatory,
                        "recommended": self.recommended,
                        "must": self.levels.get("must").copied().unwrap_or(0),
                        "must-not": self.levels.get("must-not").copied().unwrap_or(0),
                        "should": self.levels.get("should").copied().unwrap_or(0),
                        "should-not": self.levels.get("should-not").copied().unwrap_or(0),
                        "described": self.described,
                        "statement": self.levels.get("statement").copied().unwrap_or(0),
                        "informational": self.levels.get("informational").copied().unwrap_or(0),
                        "total": self.findings(),
                    },
                    "rules": rules,
                    "not_decoded": self.not_decoded,
                    "error": self.error.as_ref().map(|error| json!({
                        "offset": error.offset,
                        "message": error.what,
                    })),
                }));
            }
        }
    }
}
