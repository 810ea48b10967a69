//! Reader throughput: bytes per second of each format on inputs built from the test fixtures.
//! Run: `cargo bench -p attache-readers --bench readers`.

use attache_readers::{Format, ReadOptions, parse_bytes};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn fixture(relative: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative)).expect("fixture")
}

/// A JSON Lines file of `count` articles of realistic length.
fn jsonl(count: usize) -> Vec<u8> {
    let text = String::from_utf8(fixture("html/modern-news.expected")).expect("utf-8");
    let mut out = String::new();
    for i in 0..count {
        let line = serde_json::json!({"id": format!("a{i}"), "title": "Port deal signed", "published": "2026-02-05T07:45:00+01:00", "text": text});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out.into_bytes()
}

/// A PETRARCH file of `stories` stories of three sentences each.
fn petrarch(stories: usize) -> Vec<u8> {
    let mut out = String::from("<Sentences>\n");
    for story in 0..stories {
        for sentence in 1..=3 {
            out.push_str(&format!(
                "<Sentence date=\"20260205\" id=\"S{story}_{sentence}\" source=\"W\" sentence=\"true\">\n<Text>\n\
                 The minister of one country met the envoy of another on Thursday to discuss trade.\n</Text>\n\
                 <Parse>(ROOT (S (NP (DT The) (NN minister)) (VP (VBD met))))</Parse>\n</Sentence>\n"
            ));
        }
    }
    out.push_str("</Sentences>\n");
    out.into_bytes()
}

fn bench(c: &mut Criterion) {
    let opts = ReadOptions::default();
    let inputs = [
        ("html/modern-news", Format::Html, fixture("html/modern-news.html")),
        ("txt/headers", Format::Txt, fixture("txt/headers.txt")),
        ("feed/world.rss", Format::Feed, fixture("feed/world.rss")),
        ("jsonl/1000-articles", Format::Jsonl, jsonl(1000)),
        ("petrarch/300-stories", Format::PetrarchXml, petrarch(300)),
    ];
    let mut group = c.benchmark_group("parse_bytes");
    for (name, format, bytes) in &inputs {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(*name, |b| b.iter(|| parse_bytes(black_box(bytes), *format, "bench", &opts)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
