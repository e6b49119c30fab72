//! A SIP UAS over UDP on the loopback address, built on the `rsipstack` SIP
//! stack. The stack parses, runs the transactions (retransmissions, CANCEL
//! matching, ACK absorption) and adds `received=` to the top Via; this program
//! only decides the answers: which code each request gets, from a routing table
//! and a `#[derive(SipResponseHandler)]` enum, with the header fields and SDP
//! answer that code needs. Every response is checked with `sipcodes::check::Check`
//! before it is sent.
//!
//! ```text
//! cargo run -p sipcodes-uas -- 127.0.0.1:5060 [--routes routes.toml] [--t1 500]
//! ```
//!
//! The default routing table is `uas/src/routes.toml`. Ctrl-C stops it.

mod app;
mod check;
mod dropped;
mod routes;
mod sdp;
mod sent_methods;
mod shed;
mod unacknowledged;
mod unreadable;

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use rsipstack::EndpointBuilder;
use rsipstack::transaction::endpoint::EndpointOption;
use rsipstack::transport::{SipAddr, TransportLayer, udp::UdpConnection};
use tokio::sync::mpsc::UnboundedReceiver;
use tokio_util::sync::CancellationToken;

use app::App;
use routes::Routes;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("uas: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    const USAGE: &str = "usage: uas <loopback-address:port> [--routes FILE] [--t1 MILLISECONDS] \
                         [--max-transactions N]";
    let mut args = std::env::args().skip(1);
    let address = args.next().ok_or(USAGE)?;
    let mut routes = routes::DEFAULT.to_owned();
    // RFC 3261 §17.1.1.1: T1 is 500 ms unless the network's round trip is
    // known to be shorter; the tests use a short one so that 64·T1 is short.
    let mut t1 = Duration::from_millis(500);
    let mut limit = shed::DEFAULT_LIMIT;
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(USAGE)?;
        let number = |range: std::ops::RangeInclusive<u64>, what: &str| {
            value
                .parse()
                .ok()
                .filter(|number| range.contains(number))
                .ok_or_else(|| format!("{flag} {value}: give {what}"))
        };
        match flag.as_str() {
            "--routes" => {
                routes =
                    std::fs::read_to_string(&value).map_err(|error| format!("{value}: {error}"))?;
            }
            "--t1" => {
                let milliseconds = number(1..=4000, "milliseconds, from 1 to 4000 (T2)")?;
                t1 = Duration::from_millis(milliseconds);
            }
            "--max-transactions" => {
                let count = number(1..=10_000_000, "a number of transactions, from 1")?;
                limit = usize::try_from(count).map_err(|error| error.to_string())?;
            }
            _ => return Err(USAGE.to_owned()),
        }
    }
    let address: SocketAddr = address
        .parse()
        .map_err(|error| format!("{address}: {error}"))?;
    if !address.ip().is_loopback() {
        return Err(format!(
            "{address} is not a loopback address; this example only listens on loopback"
        ));
    }
    let routes = Routes::parse(&routes)?;
    let (unreadable, unreadables) = tokio::sync::mpsc::unbounded_channel();
    let methods = sent_methods::SentMethods::default();
    let backlog = Arc::new(shed::Backlog::default());
    dropped::Dropped::install(unreadable, methods.clone(), Arc::clone(&backlog));
    // One thread is plenty for a loopback example and keeps the load figure
    // comparable between machines.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("runtime: {error}"))?;
    let settings = Settings {
        address,
        routes,
        t1,
        limit,
    };
    runtime.block_on(serve(settings, methods, backlog, unreadables))
}

/// What the command line sets.
struct Settings {
    address: SocketAddr,
    routes: Routes,
    t1: Duration,
    /// Open transactions above which new requests get 503 (`shed`).
    limit: usize,
}

async fn serve(
    settings: Settings,
    methods: sent_methods::SentMethods,
    backlog: Arc<shed::Backlog>,
    mut unreadables: UnboundedReceiver<dropped::Unreadable>,
) -> Result<(), String> {
    let Settings {
        address,
        routes,
        t1,
        limit,
    } = settings;
    let (shed, mut turned_away) = tokio::sync::mpsc::unbounded_channel();
    let stack_cell = Arc::new(OnceLock::new());
    let stop = CancellationToken::new();
    let transport = TransportLayer::new(stop.child_token());
    let udp = UdpConnection::create_connection(address, None, Some(stop.child_token()))
        .await
        .map_err(|error| format!("bind {address}: {error}"))?;
    let local = udp
        .get_addr()
        .get_socketaddr()
        .map_err(|error| error.to_string())?;
    let socket = udp.clone();
    transport.add_transport(udp.into());
    let endpoint = EndpointBuilder::new()
        .with_user_agent(concat!("sipcodes-uas/", env!("CARGO_PKG_VERSION")))
        .with_transport_layer(transport)
        .with_cancel_token(stop.child_token())
        .with_inspector(Box::new(check::StackResponses))
        .with_transport_inspector(Box::new(shed::Shedder {
            endpoint: Arc::clone(&stack_cell),
            limit,
            backlog,
            shed,
        }))
        .with_option(EndpointOption {
            t1,
            t1x64: t1 * 64,
            ..EndpointOption::default()
        })
        .build();
    let mut incoming = endpoint
        .incoming_transactions()
        .map_err(|error| error.to_string())?;
    let stack = endpoint.inner.clone();
    stack_cell.set(stack.clone()).ok();
    let serving = tokio::spawn(async move { stack.serve().await });

    let app = Arc::new(App::new(routes, local, methods));
    println!("uas: listening on udp {local}");
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    loop {
        tokio::select! {
            transaction = incoming.recv() => {
                let Some(transaction) = transaction else { break };
                tokio::spawn(app::serve(Arc::clone(&app), transaction));
            }
            Some(request) = unreadables.recv() => answer_unreadable(&socket, request).await,
            Some(shed) = turned_away.recv() => answer_in_front(&app, &socket, shed, limit).await,
            signal = &mut ctrl_c => {
                signal.map_err(|error| format!("Ctrl-C handler: {error}"))?;
                break;
            }
        }
    }
    stop.cancel();
    endpoint.shutdown();
    serving.await.ok();
    println!("uas: stopped");
    Ok(())
}

/// Answers a request the stack is not given (see `shed`), statelessly, from
/// the socket it came to, and logs it: 503 for load, or the application's
/// answer for a request the stack cannot key a transaction for.
async fn answer_in_front(app: &App, socket: &UdpConnection, shed: shed::Shed, limit: usize) {
    let shed::Shed { request, from, why } = shed;
    let ((response, code), note) = match why {
        shed::Why::Overloaded => (
            app.overloaded(&request, shed::RETRY_AFTER),
            format!("over {limit} open transactions"),
        ),
        shed::Why::Unkeyable => (
            app.stateless(&request),
            "the stack cannot key a transaction for it".to_owned(),
        ),
    };
    let sent = socket
        .send_raw(response.to_string().as_bytes(), &SipAddr::from(from))
        .await;
    let line = format!("{from} {} {}", check::method_name(&request), request.uri);
    match sent {
        Ok(()) => println!("{line} -> {code} ({note})"),
        Err(error) => println!("{line}: sending {code} failed: {error}"),
    }
}

/// Answers a request the stack could not parse (see `unreadable`), from the
/// socket it came to, and logs it as the application logs what it answers.
async fn answer_unreadable(socket: &UdpConnection, request: dropped::Unreadable) {
    let tag = rsipstack::transaction::make_tag().to_string();
    let start = request.text.split("\r\n").next().unwrap_or_default();
    let Some((code, response)) = unreadable::answer(&request.text, request.from, &tag) else {
        println!(
            "{} dropped by the stack, unanswerable (no Via): {}",
            request.from, request.error
        );
        return;
    };
    for broken in unreadable::broken_rules(&response) {
        println!("{}: the request lacked what {broken}", request.from);
    }
    let sent = socket
        .send_raw(response.as_bytes(), &SipAddr::from(request.from))
        .await;
    match sent {
        Ok(()) => println!(
            "{} {start} -> {code} (the stack could not read it: {})",
            request.from, request.error
        ),
        Err(error) => println!("{} {start}: sending {code} failed: {error}", request.from),
    }
}
