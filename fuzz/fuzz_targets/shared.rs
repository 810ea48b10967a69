//! The check every reader target makes: any bytes give articles or errors, never a panic; every article has
//! text and names its input; every error names its input.

use attache_readers::{Format, ReadOptions, parse_bytes};

pub fn read_and_check(data: &[u8], format: Format) {
    for result in parse_bytes(data, format, "fuzz", &ReadOptions::default()) {
        match result {
            Ok(article) => {
                assert!(!article.text.trim().is_empty());
                assert_eq!(article.origin.map(|origin| origin.path), Some("fuzz".to_string()));
            }
            Err(error) => assert_eq!(error.path, "fuzz"),
        }
    }
}
