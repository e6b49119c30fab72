//! The requests the stack drops before the application sees them.
//!
//! The stack reports those through `tracing`; this subscriber hands each
//! datagram it could not parse (with its text and source) to the uas, which
//! answers it (`unreadable`), logs the other two "dropped" events in one line
//! each, notes the first line of every datagram received whose method is not
//! in capitals (`sent_methods`), and ignores everything else.

use std::fmt::{self, Write};
use std::net::SocketAddr;

use tokio::sync::mpsc::UnboundedSender;

use crate::sent_methods::SentMethods;
use crate::shed::Backlog;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// The stack's messages for a datagram it drops.
const DROPPED: [&str; 3] = [
    "error parsing SIP message",
    "error updating SIP via",
    "on_received_message error",
];

/// A datagram the stack could not parse: where it came from, its text (as
/// the stack read it, invalid UTF-8 replaced) and the stack's reason.
pub struct Unreadable {
    pub from: SocketAddr,
    pub text: String,
    pub error: String,
}

/// The stack's message for every datagram it parsed, with its text.
const RECEIVED: &str = "udp received";

pub struct Dropped {
    unreadable: UnboundedSender<Unreadable>,
    methods: SentMethods,
    backlog: Arc<Backlog>,
}

impl Dropped {
    pub fn install(
        unreadable: UnboundedSender<Unreadable>,
        methods: SentMethods,
        backlog: Arc<Backlog>,
    ) {
        let dropped = Dropped {
            unreadable,
            methods,
            backlog,
        };
        // Only fails when a subscriber is already set, which nothing else does.
        tracing::subscriber::set_global_default(dropped).ok();
    }
}

#[derive(Default)]
struct Fields {
    message: String,
    from: String,
    error: String,
    cseq: String,
    raw_message: String,
    /// Only the first line of `raw_message`, not the whole datagram.
    first_line_only: bool,
}

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let target = match field.name() {
            "message" => &mut self.message,
            "src" | "addr" => &mut self.from,
            "error" => &mut self.error,
            "cseq" => &mut self.cseq,
            "raw_message" if self.first_line_only => {
                // Formatting stops at the first line's end.
                write!(FirstLine(&mut self.raw_message), "{value:?}").ok();
                return;
            }
            "raw_message" => &mut self.raw_message,
            _ => return,
        };
        write!(target, "{value:?}").ok();
    }
}

/// Takes text up to the first escaped line end (`\r` or `\n`, as `{:?}`
/// writes them) and refuses the rest, which ends the formatting there.
struct FirstLine<'a>(&'a mut String);

impl Write for FirstLine<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.0.push_str(text);
        match self.0.find("\\r").or_else(|| self.0.find("\\n")) {
            Some(end) => {
                self.0.truncate(end);
                Err(fmt::Error)
            }
            None if self.0.len() > 1024 => Err(fmt::Error),
            None => Ok(()),
        }
    }
}

impl Subscriber for Dropped {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        // Decided once per call site: only the stack's events with an error.
        let fields = metadata.fields();
        metadata.is_event()
            && metadata.target().starts_with("rsipstack")
            && (fields.field("error").is_some() || fields.field("cseq").is_some())
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let received = event.metadata().fields().field("cseq").is_some();
        let mut fields = Fields {
            first_line_only: received,
            ..Fields::default()
        };
        event.record(&mut fields);
        if received && fields.message == RECEIVED {
            self.backlog.read.fetch_add(1, Ordering::Relaxed);
            let from = fields.from.trim_start_matches("UDP ");
            self.methods.note(from, &fields.cseq, &fields.raw_message);
            return;
        }
        if !DROPPED.contains(&fields.message.as_str()) {
            return;
        }
        let from = fields.from.trim_start_matches("UDP ");
        if fields.message == DROPPED[0]
            && let Ok(from) = from.parse()
        {
            let text = unquote(&fields.raw_message);
            let error = fields.error;
            // The uas has stopped when nobody receives; nothing to answer then.
            self.unreadable.send(Unreadable { from, text, error }).ok();
            return;
        }
        println!("{from} dropped by the stack, unanswered: {}", fields.error);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// The text of a string the stack logged with `{:?}`: the quotes taken off,
/// the escapes undone.
fn unquote(debug: &str) -> String {
    let inner = debug
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or(debug);
    let mut text = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        match chars.next() {
            Some('r') => text.push('\r'),
            Some('n') => text.push('\n'),
            Some('t') => text.push('\t'),
            Some('0') => text.push('\0'),
            Some('u') => {
                let code: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                let decoded = u32::from_str_radix(&code, 16).ok().and_then(char::from_u32);
                text.push(decoded.unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            Some(other) => text.push(other),
            None => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::unquote;

    #[test]
    fn the_logged_text_is_the_datagram() {
        let datagram = "FOO sip:a SIP/2.0\r\nSubject: \"q\" \\ \u{e9}\t\u{7f}\r\n\r\n";
        assert_eq!(unquote(&format!("{datagram:?}")), datagram);
    }
}
