//! Fuzzes the Jsonl reader (see shared.rs for what is checked).
#![no_main]

#[path = "shared.rs"]
mod shared;

libfuzzer_sys::fuzz_target!(|data: &[u8]| shared::read_and_check(data, attache_readers::Format::Jsonl));
