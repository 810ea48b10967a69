//! Fuzzes format sniffing and date normalisation on arbitrary input.
#![no_main]

use attache_readers::{detect_format, normalize_published};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = detect_format(None, data);
    let _ = detect_format(Some(std::path::Path::new("input.xml")), data);
    if let Ok(text) = std::str::from_utf8(data)
        && let Some(normal) = normalize_published(text)
    {
        assert_eq!(normalize_published(&normal).as_deref(), Some(normal.as_str()));
    }
});
