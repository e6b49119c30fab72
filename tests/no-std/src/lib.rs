//! Uses `sipcodes` from a crate without std: formatting into a fixed buffer,
//! parsing received bytes, and, with the features, the owned types and serde.
#![no_std]

#[cfg(feature = "alloc")]
extern crate alloc;

use core::fmt::{self, Write};

use sipcodes::{ReasonPhrase, ReceivedError, SipCode, StatusCode, StatusLine};

const QUEUED: ReasonPhrase<'static> = ReasonPhrase::from_static("Queued");

/// Writes the status line of `code` into `buffer` without its CRLF; returns
/// the number of bytes written.
pub fn write_status_line(code: SipCode, buffer: &mut [u8]) -> Result<usize, fmt::Error> {
    let mut writer = Buffer { buffer, len: 0 };
    write!(writer, "{:#}", StatusLine::canonical(code))?;
    Ok(writer.len)
}

/// The code to act on for a received start line (RFC 3261 §8.1.3.2).
pub fn act_on(start_line: &[u8]) -> Result<SipCode, ReceivedError> {
    let line = StatusLine::parse_received(start_line)?;
    Ok(line.status().effective())
}

/// A queued response's status line.
pub fn queued() -> StatusLine<'static> {
    StatusLine::new(StatusCode::from_sip_code(SipCode::Queued), QUEUED)
}

/// An owned copy of a received line.
#[cfg(feature = "alloc")]
pub fn keep(start_line: &[u8]) -> Result<sipcodes::StatusLineBuf, ReceivedError> {
    StatusLine::parse_received(start_line).map(StatusLine::into_owned)
}

/// Accepts only types that serialise.
#[cfg(feature = "serde")]
pub fn serialisable<T: serde::Serialize>(value: T) -> T {
    value
}

/// A `StatusCode` passed through [`serialisable`].
#[cfg(feature = "serde")]
pub fn serialisable_code() -> StatusCode {
    serialisable(StatusCode::default())
}

struct Buffer<'a> {
    buffer: &'a mut [u8],
    len: usize,
}

impl Write for Buffer<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let end = self.len + text.len();
        let target = self.buffer.get_mut(self.len..end).ok_or(fmt::Error)?;
        target.copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}

// Fails to build if std is linked into the dependency graph, which defines its
// own. Behind a feature: workspace-wide builds unify serde's `std` feature (from
// serde_json in the tests) into the graph, and the test harness needs std.
#[cfg(all(feature = "panic-handler", not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}
