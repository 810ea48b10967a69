//! Fuzzes the parsers of the peers' suites (TABARI validation records, PETRARCH unit-test XML): no panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = attache_dict::decode(data);
    let _ = attache_coder::eval::tabari::parse_records(&text);
    let _ = attache_coder::eval::petrarch::parse(&text);
});
