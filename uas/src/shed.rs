//! Load shedding. Every request the stack takes becomes a transaction it
//! keeps for 64·T1 after its answer (RFC 3261 §17.2), so a flood of requests
//! holds memory in proportion to its rate; and the stack reads its socket
//! into a queue without bound, so datagrams that come faster than they are
//! handled pile up there. Above a stated number of open transactions, or of
//! datagrams read but not yet handled, a new request is not given to the
//! stack: the uas answers it 503 Service Unavailable with Retry-After (RFC
//! 3261 §21.5.4), statelessly, as a stateless UAS answers (§8.2.7), and keeps
//! nothing of it; turning a request away costs little, so the queue drains.
//! A request of a transaction already open (a retransmission), an ACK and a
//! CANCEL always go to the stack.
//!
//! A request the stack cannot key a transaction for (no From tag, no Call-ID,
//! a CSeq it cannot read: RFC 4475 §3.1.1.1, §3.1.2.4, §3.3.1, §3.4.1) it
//! would drop unanswered; it is handed to the uas to answer statelessly too.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use async_trait::async_trait;
use rsipstack::sip::{Method, Request, SipMessage};
use rsipstack::transaction::endpoint::{EndpointInnerRef, TransportEventInspector};
use rsipstack::transaction::key::{TransactionKey, TransactionRole};
use rsipstack::transport::TransportEvent;
use tokio::sync::mpsc::UnboundedSender;

/// The open transactions above which new requests get 503. With T1 of 500 ms
/// an answered call holds its INVITE's for 64·T1 = 32 s after the 2xx (RFC
/// 6026 §7.1), so this admits about 300 new calls a second, sustained; an
/// INVITE never acknowledged holds it, and then its BYE's, for twice that,
/// with some 30 kB of memory (see the README for the measured bound).
pub const DEFAULT_LIMIT: usize = 10_000;

/// What a client waits before it retries, in seconds (Retry-After).
pub const RETRY_AFTER: u32 = 5;

/// Datagrams read but not yet handled above which new requests get 503.
pub const BACKLOG_LIMIT: u64 = 500;

/// Datagrams the stack has read (counted where it logs each one) and
/// datagrams handled (counted here): the difference is its queue.
#[derive(Default)]
pub struct Backlog {
    pub read: AtomicU64,
    handled: AtomicU64,
}

impl Backlog {
    fn waiting(&self) -> u64 {
        let handled = self.handled.fetch_add(1, Ordering::Relaxed) + 1;
        self.read.load(Ordering::Relaxed).saturating_sub(handled)
    }
}

/// A request turned away, where it came from, and why.
pub struct Shed {
    pub request: Request,
    pub from: SocketAddr,
    pub why: Why,
}

/// Why a request is answered in front of the stack.
pub enum Why {
    /// Too many open transactions, or datagrams waiting.
    Overloaded,
    /// The stack cannot key a transaction for it.
    Unkeyable,
}

/// The inspector that turns requests away; it learns the endpoint once it is
/// built.
pub struct Shedder {
    pub endpoint: Arc<OnceLock<EndpointInnerRef>>,
    pub limit: usize,
    pub backlog: Arc<Backlog>,
    pub shed: UnboundedSender<Shed>,
}

impl Shedder {
    /// Why `request` is answered in front of the stack, if it is: it is a
    /// new one that finds the stack full or behind, or one the stack cannot
    /// key (an ACK of that kind has nothing to answer).
    fn turns_away(&self, request: &Request, waiting: u64) -> Option<Why> {
        let endpoint = self.endpoint.get()?;
        let Ok(key) = TransactionKey::from_request(request, TransactionRole::Server) else {
            return (request.method != Method::Ack).then_some(Why::Unkeyable);
        };
        let full = endpoint.transactions.len() >= self.limit || waiting >= BACKLOG_LIMIT;
        let new = !matches!(request.method, Method::Ack | Method::Cancel)
            && !endpoint.transactions.contains_key(&key);
        (full && new).then_some(Why::Overloaded)
    }
}

#[async_trait]
impl TransportEventInspector for Shedder {
    async fn handle(&self, event: TransportEvent) -> Option<TransportEvent> {
        let TransportEvent::Incoming(message, _, from) = &event else {
            return Some(event);
        };
        let waiting = self.backlog.waiting();
        if let SipMessage::Request(request) = message
            && let Some(why) = self.turns_away(request, waiting)
            && let Ok(from) = from.get_socketaddr()
        {
            let request = request.clone();
            // The uas has stopped when nobody receives: nothing to answer then.
            self.shed.send(Shed { request, from, why }).ok();
            return None;
        }
        Some(event)
    }
}
