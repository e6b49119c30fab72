//! Each operation beside baselines measured in the same run: a plain lookup
//! table (an array indexed by the number, filled once at start-up, doing no
//! validation beyond what the table itself gives), the `http` crate's
//! `StatusCode` and `rsip`'s `StatusCode` where they have the operation.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use sipcodes::{SipCode, StatusCode, StatusLine};

/// The inputs every benchmark walks through: registered and unregistered codes.
const NUMBERS: [u16; 16] = [
    100, 180, 183, 200, 302, 401, 404, 407, 486, 487, 499, 503, 550, 603, 150, 299,
];

struct Table {
    codes: [Option<SipCode>; 700],
    numbers: [&'static str; 700],
    phrases: [&'static str; 700],
    effective: [Option<SipCode>; 700],
}

impl Table {
    fn new() -> Box<Table> {
        let mut table = Box::new(Table {
            codes: [None; 700],
            numbers: [""; 700],
            phrases: [""; 700],
            effective: [None; 700],
        });
        for code in SipCode::ALL {
            table.codes[usize::from(code.as_u16())] = Some(code);
            table.numbers[usize::from(code.as_u16())] =
                code.to_string().leak().split(' ').next().unwrap();
            table.phrases[usize::from(code.as_u16())] = code.reason_phrase().to_owned().leak();
        }
        for number in 100..700u16 {
            table.effective[usize::from(number)] =
                Some(StatusCode::new(number).unwrap().effective());
        }
        table
    }

    fn from_u16(&self, number: u16) -> Option<SipCode> {
        self.codes.get(usize::from(number)).copied().flatten()
    }

    /// Three ASCII digits, then the table.
    fn parse(&self, text: &str) -> Option<SipCode> {
        let bytes = text.as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let number = bytes.iter().fold(0u16, |n, b| n * 10 + u16::from(b - b'0'));
        self.from_u16(number)
    }

    /// Digits, a space, and the table's phrase compared exactly.
    fn parse_line(&self, text: &str) -> Option<SipCode> {
        let (digits, phrase) = text.split_once(' ')?;
        self.parse(digits)
            .filter(|code| code.reason_phrase() == phrase)
    }

    fn display(&self, code: SipCode, buffer: &mut String) {
        buffer.push_str(self.numbers[usize::from(code.as_u16())]);
        buffer.push(' ');
        buffer.push_str(code.reason_phrase());
    }
}

fn benchmarks(c: &mut Criterion) {
    let table = Table::new();
    let statuses: Vec<StatusCode> = NUMBERS
        .iter()
        .map(|&n| StatusCode::new(n).unwrap())
        .collect();
    let registered: Vec<SipCode> = NUMBERS
        .iter()
        .filter_map(|&n| SipCode::from_u16(n))
        .collect();

    let mut group = c.benchmark_group("from_u16");
    group.bench_function("sipcodes", |b| {
        b.iter(|| {
            NUMBERS
                .iter()
                .map(|&n| SipCode::from_u16(black_box(n)).is_some() as u32)
                .sum::<u32>()
        })
    });
    group.bench_function("table", |b| {
        b.iter(|| {
            NUMBERS
                .iter()
                .map(|&n| table.from_u16(black_box(n)).is_some() as u32)
                .sum::<u32>()
        })
    });
    group.bench_function("http", |b| {
        b.iter(|| {
            NUMBERS
                .iter()
                .map(|&n| http::StatusCode::from_u16(black_box(n)).is_ok() as u32)
                .sum::<u32>()
        })
    });
    group.bench_function("rsip", |b| {
        b.iter(|| {
            NUMBERS
                .iter()
                .map(|&n| rsip::StatusCode::from(black_box(n)).code() as u32)
                .sum::<u32>()
        })
    });
    group.finish();

    let http_codes: Vec<http::StatusCode> = registered
        .iter()
        .map(|code| http::StatusCode::from_u16(code.as_u16()).unwrap())
        .collect();
    let http_statuses: Vec<http::StatusCode> = statuses
        .iter()
        .map(|code| http::StatusCode::from_u16(code.as_u16()).unwrap())
        .collect();
    let mut group = c.benchmark_group("reason_phrase");
    group.bench_function("sipcodes", |b| {
        b.iter(|| {
            registered
                .iter()
                .map(|&code| black_box(code).reason_phrase().len())
                .sum::<usize>()
        })
    });
    group.bench_function("http canonical_reason", |b| {
        b.iter(|| {
            http_codes
                .iter()
                .map(|&code| black_box(code).canonical_reason().map_or(0, str::len))
                .sum::<usize>()
        })
    });
    group.bench_function("table", |b| {
        b.iter(|| {
            registered
                .iter()
                .map(|&code| table.phrases[usize::from(black_box(code).as_u16())].len())
                .sum::<usize>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("as_str");
    group.bench_function("sipcodes", |b| {
        b.iter(|| {
            statuses
                .iter()
                .map(|&code| black_box(black_box(code).as_str()).len())
                .sum::<usize>()
        })
    });
    group.bench_function("http", |b| {
        b.iter(|| {
            http_statuses
                .iter()
                .map(|&code| black_box(black_box(code).as_str()).len())
                .sum::<usize>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("canonical status line into a reused buffer");
    let mut buffer = String::with_capacity(64);
    group.bench_function("sipcodes StatusLine::canonical", |b| {
        b.iter(|| {
            for &code in &registered {
                buffer.clear();
                write!(buffer, "{}", StatusLine::canonical(black_box(code))).unwrap();
            }
            buffer.len()
        })
    });
    group.bench_function("sipcodes status_line()", |b| {
        b.iter(|| {
            for &code in &registered {
                buffer.clear();
                buffer.push_str(black_box(code).status_line());
            }
            buffer.len()
        })
    });
    group.bench_function("naive write!", |b| {
        b.iter(|| {
            for &code in &registered {
                let code = black_box(code);
                buffer.clear();
                write!(
                    buffer,
                    "SIP/2.0 {} {}\r\n",
                    code.as_u16(),
                    code.reason_phrase()
                )
                .unwrap();
            }
            buffer.len()
        })
    });
    group.bench_function("rsip Display", |b| {
        let rsip_codes: Vec<rsip::StatusCode> = registered
            .iter()
            .map(|code| rsip::StatusCode::from(code.as_u16()))
            .collect();
        b.iter(|| {
            for code in &rsip_codes {
                buffer.clear();
                write!(buffer, "SIP/2.0 {}\r\n", black_box(code)).unwrap();
            }
            buffer.len()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("parse \"486\"");
    group.bench_function("sipcodes", |b| {
        b.iter(|| black_box("486").parse::<SipCode>().ok())
    });
    group.bench_function("table", |b| b.iter(|| table.parse(black_box("486"))));
    group.finish();

    let mut group = c.benchmark_group("StatusCode: parse \"486\"");
    group.bench_function("sipcodes", |b| {
        b.iter(|| black_box("486").parse::<StatusCode>().ok())
    });
    group.bench_function("http", |b| {
        b.iter(|| black_box("486").parse::<http::StatusCode>().ok())
    });
    group.finish();

    let mut group = c.benchmark_group("StatusCode::from_bytes(b\"486\")");
    group.bench_function("sipcodes", |b| {
        b.iter(|| StatusCode::from_bytes(black_box(b"486")).ok())
    });
    group.bench_function("http", |b| {
        b.iter(|| http::StatusCode::from_bytes(black_box(b"486")).ok())
    });
    group.finish();

    let mut group = c.benchmark_group("parse \"486 Busy Here\"");
    group.bench_function("sipcodes", |b| {
        b.iter(|| black_box("486 Busy Here").parse::<SipCode>().ok())
    });
    group.bench_function("table", |b| {
        b.iter(|| table.parse_line(black_box("486 Busy Here")))
    });
    group.finish();

    let mut group = c.benchmark_group("display into a reused buffer");
    let mut buffer = String::with_capacity(64);
    group.bench_function("sipcodes", |b| {
        b.iter(|| {
            for code in &registered {
                buffer.clear();
                write!(buffer, "{}", black_box(code)).unwrap();
            }
            buffer.len()
        })
    });
    group.bench_function("table", |b| {
        b.iter(|| {
            for code in &registered {
                buffer.clear();
                table.display(*black_box(code), &mut buffer);
            }
            buffer.len()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("effective");
    group.bench_function("sipcodes", |b| {
        b.iter(|| {
            statuses
                .iter()
                .map(|s| black_box(*s).effective().index())
                .sum::<usize>()
        })
    });
    group.bench_function("table", |b| {
        b.iter(|| {
            statuses
                .iter()
                .map(|s| {
                    table.effective[usize::from(black_box(*s).as_u16())]
                        .unwrap()
                        .index()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(codes, benchmarks);
criterion_main!(codes);
