//! The validator's verdict on a response depends only on what it is told: the
//! code, the header field names, whether there is a body, and what is known of
//! the request. A capture holds few shapes of response and many responses of
//! each, so each shape is judged once and its verdict reused: on the
//! benchmark capture this took the validator's part of the checker's
//! instructions from two fifths (106 of 272 million) to a tenth (18 of 182
//! million, most of it writing and hashing the shape).

use std::collections::HashMap;

use sipcodes::StatusCode;
use sipcodes::check::{Check, Outcome};
use sipcodes::rules::{Basis, Context, Level};

use crate::sip::Message;

/// What the validator said of a response.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Each rule broken, with its level, its basis and the rule in one line.
    pub violations: Vec<(Level, Basis, String)>,
    /// Rules it could not decide from what the capture shows.
    pub undecided: usize,
}

/// What the validator knows of the request a response answers.
pub enum Request<'a> {
    /// Only its method, from the response's CSeq: the request is not in the
    /// capture.
    Method(&'a str),
    /// The request itself, and whether another final response went out for
    /// it before this one.
    Seen {
        method: &'a str,
        request: &'a Message,
        after_final: bool,
    },
}

/// The verdicts given so far, by shape.
#[derive(Default)]
pub struct Verdicts {
    known: HashMap<Box<[u8]>, Verdict>,
    /// The shape of the response at hand, reused.
    shape: Vec<u8>,
}

/// How many shapes are kept: a capture of many kinds of traffic starts over
/// rather than grow.
const KEPT: usize = 4096;

impl Verdicts {
    /// The validator's verdict on `response`, judged once for its shape.
    pub fn judge(
        &mut self,
        code: StatusCode,
        response: &Message,
        request: &Request<'_>,
    ) -> &Verdict {
        shape_of(&mut self.shape, code, response, request);
        if !self.known.contains_key(self.shape.as_slice()) {
            if self.known.len() >= KEPT {
                self.known.clear();
            }
            let verdict = validate(code, response, request);
            self.known.insert(self.shape.as_slice().into(), verdict);
        }
        &self.known[self.shape.as_slice()]
    }
}

fn validate(code: StatusCode, response: &Message, request: &Request<'_>) -> Verdict {
    let check = Check::new(code)
        .headers(response.names())
        .body(response.has_body);
    let mut verdict = Verdict::default();
    let mut add = |outcome| match outcome {
        Outcome::Violated(violation) => {
            verdict
                .violations
                .push((violation.level(), violation.basis(), violation.to_string()))
        }
        Outcome::Undecided(_) => verdict.undecided += 1,
    };
    match *request {
        Request::Method(method) => check
            .context(Context::new().method(method))
            .outcomes()
            .for_each(&mut add),
        Request::Seen {
            method,
            request,
            after_final,
        } => {
            let context = Context::new()
                .method(method)
                .request_headers(request.names())
                .require(request.require())
                .supported(request.supported())
                .in_dialog(request.to_tag().is_some())
                .after_final(after_final);
            check.context(context).outcomes().for_each(&mut add);
        }
    }
    verdict
}

/// Writes into `shape` everything `validate` reads, each text preceded by its
/// length so that no two shapes write the same bytes.
fn shape_of(shape: &mut Vec<u8>, code: StatusCode, response: &Message, request: &Request<'_>) {
    fn text(shape: &mut Vec<u8>, text: &str) {
        shape.extend_from_slice(&(text.len() as u32).to_le_bytes());
        shape.extend_from_slice(text.as_bytes());
    }
    fn texts<'a>(shape: &mut Vec<u8>, texts: impl Iterator<Item = &'a str>) {
        for one in texts {
            text(shape, one);
        }
        shape.extend_from_slice(&u32::MAX.to_le_bytes());
    }
    shape.clear();
    shape.extend_from_slice(&code.as_u16().to_le_bytes());
    shape.push(u8::from(response.has_body));
    texts(shape, response.names());
    match *request {
        Request::Method(method) => {
            shape.push(0);
            text(shape, method);
        }
        Request::Seen {
            method,
            request,
            after_final,
        } => {
            shape.push(1);
            text(shape, method);
            shape.push(u8::from(after_final));
            shape.push(u8::from(request.to_tag().is_some()));
            texts(shape, request.names());
            texts(shape, request.require());
            texts(shape, request.supported());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sip::parse;

    /// An INVITE with one more header field line.
    fn invite(line: &str) -> Message {
        let text = format!(
            "INVITE sip:b@y SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\n\
             From: <sip:a@x>;tag=1\r\nTo: <sip:b@y>\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\
             {line}\r\n\r\n"
        );
        parse(text.as_bytes()).unwrap()
    }

    const RINGING: &[u8] = b"SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\n\
        From: <sip:a@x>;tag=1\r\nTo: <sip:b@y>;tag=2\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n";

    /// A reused verdict is the one the validator gives, and whatever the
    /// validator reads tells two shapes apart.
    #[test]
    fn a_shape_is_judged_as_the_validator_judges_it() {
        let (required, supported) = (invite("Require: 100rel"), invite("Supported: 100rel"));
        let ringing = parse(RINGING).unwrap();
        let seen = |request, after_final| Request::Seen {
            method: "INVITE",
            request,
            after_final,
        };
        let mut verdicts = Verdicts::default();
        let code = StatusCode::RINGING;
        let first = verdicts
            .judge(code, &ringing, &seen(&required, false))
            .violations
            .clone();
        let again = verdicts
            .judge(code, &ringing, &seen(&required, false))
            .violations
            .clone();
        assert_eq!(first, again);
        assert_eq!(
            first,
            validate(code, &ringing, &seen(&required, false)).violations
        );
        // The INVITE required 100rel: the 180 lacks RSeq.
        assert!(
            first.iter().any(|(_, _, rule)| rule.contains("RSeq")),
            "{first:?}"
        );

        let shape = |code, request: Request<'_>| {
            let mut shape = Vec::new();
            shape_of(&mut shape, code, &ringing, &request);
            shape
        };
        let shapes = [
            shape(code, seen(&required, false)),
            shape(code, seen(&required, true)),
            shape(code, seen(&supported, false)),
            shape(code, Request::Method("INVITE")),
            shape(code, Request::Method("BYE")),
            shape(StatusCode::SESSION_PROGRESS, seen(&required, false)),
        ];
        for (index, one) in shapes.iter().enumerate() {
            assert!(!shapes[index + 1..].contains(one), "shape {index} repeats");
        }
    }
}
