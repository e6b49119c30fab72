//! The log line of a request the stack drops before the application sees it.
//!
//! The stack reports those through `tracing`; this subscriber turns its three
//! "dropped" events into one line each and ignores everything else.

use std::fmt::{self, Write};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// The stack's messages for a datagram it drops.
const DROPPED: [&str; 3] = [
    "error parsing SIP message",
    "error updating SIP via",
    "on_received_message error",
];

pub struct Dropped;

impl Dropped {
    pub fn install() {
        // Only fails when a subscriber is already set, which nothing else does.
        tracing::subscriber::set_global_default(Dropped).ok();
    }
}

#[derive(Default)]
struct Fields {
    message: String,
    from: String,
    error: String,
}

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let target = match field.name() {
            "message" => &mut self.message,
            "src" | "addr" => &mut self.from,
            "error" => &mut self.error,
            _ => return,
        };
        write!(target, "{value:?}").ok();
    }
}

impl Subscriber for Dropped {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        // Decided once per call site: only the stack's events with an error.
        metadata.is_event()
            && metadata.target().starts_with("rsipstack")
            && metadata.fields().field("error").is_some()
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        if DROPPED.contains(&fields.message.as_str()) {
            let from = fields.from.trim_start_matches("UDP ");
            println!("{from} dropped by the stack, unanswered: {}", fields.error);
        }
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}
