//! The method of a request as it was written, where the stack's parser changed
//! it. Method names are case-sensitive (RFC 3261 §7.1): `options` is an
//! extension method, not OPTIONS. The stack reads the Request-Line's method
//! without regard to case, so the uas learns the spelling from the line the
//! stack logs for every datagram it receives (`dropped` hands it over), keyed
//! by the source and the CSeq value, which the stack keeps as written.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// How many spellings are kept waiting for their transaction: only requests
/// whose method is not in capitals are noted, and each is taken once.
const KEPT: usize = 64;

#[derive(Clone, Default)]
pub struct SentMethods(Arc<Mutex<VecDeque<Noted>>>);

struct Noted {
    source: String,
    cseq: String,
    method: String,
}

impl SentMethods {
    /// Notes a received datagram's first line (as the stack logged it, quoted
    /// or not), if it is a request line whose method is not in capitals.
    pub fn note(&self, source: &str, cseq: &str, first_line: &str) {
        let Some(method) = method_as_written(first_line) else {
            return;
        };
        let mut noted = self.0.lock().unwrap();
        if noted.len() == KEPT {
            noted.pop_front();
        }
        noted.push_back(Noted {
            source: source.to_owned(),
            cseq: cseq.to_owned(),
            method: method.to_owned(),
        });
    }

    /// The method as written of the request from `source` with this CSeq
    /// value, if its spelling was not in capitals; taken once.
    pub fn take(&self, source: &str, cseq: &str) -> Option<String> {
        let mut noted = self.0.lock().unwrap();
        let index = noted
            .iter()
            .position(|entry| entry.source == source && entry.cseq == cseq)?;
        noted.remove(index).map(|entry| entry.method)
    }
}

/// The method of a Request-Line, when it is not written in capitals (every
/// method RFC 3261 and its extensions define is).
fn method_as_written(first_line: &str) -> Option<&str> {
    let line = first_line.trim_start_matches('"');
    let method = line.split(' ').next()?;
    let is_request = !method.is_empty() && !line.starts_with("SIP/");
    (is_request && method.bytes().any(|byte| byte.is_ascii_lowercase())).then_some(method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_methods_not_in_capitals_are_noted_and_each_is_taken_once() {
        let methods = SentMethods::default();
        methods.note(
            "127.0.0.1:5070",
            "1 options",
            "\"options sip:a@b SIP/2.0\\r\\n",
        );
        methods.note(
            "127.0.0.1:5070",
            "2 OPTIONS",
            "\"OPTIONS sip:a@b SIP/2.0\\r\\n",
        );
        methods.note("127.0.0.1:5070", "3 INVITE", "\"SIP/2.0 200 OK\\r\\n");
        methods.note("127.0.0.1:5071", "1 Invite", "Invite sip:a@b SIP/2.0");
        assert_eq!(methods.take("127.0.0.1:5070", "2 OPTIONS"), None);
        assert_eq!(methods.take("127.0.0.1:5071", "1 options"), None);
        assert_eq!(
            methods.take("127.0.0.1:5070", "1 options").as_deref(),
            Some("options")
        );
        assert_eq!(methods.take("127.0.0.1:5070", "1 options"), None);
        assert_eq!(
            methods.take("127.0.0.1:5071", "1 Invite").as_deref(),
            Some("Invite")
        );
    }

    #[test]
    fn what_is_never_taken_does_not_pile_up() {
        let methods = SentMethods::default();
        for number in 0..1000 {
            methods.note(
                "127.0.0.1:5070",
                &format!("{number} options"),
                "options x SIP/2.0",
            );
        }
        assert_eq!(methods.0.lock().unwrap().len(), KEPT);
        assert!(methods.take("127.0.0.1:5070", "999 options").is_some());
        assert!(methods.take("127.0.0.1:5070", "0 options").is_none());
    }
}
