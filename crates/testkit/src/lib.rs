//! # attache-testkit — test support
//!
//! Purpose: one place for the rule every test that reads the shared data follows. The data (`../shared` beside
//! the repository, or `$ATTACHE_SHARED`) is not part of a user's clone, so such a test **skips with a printed
//! reason** when it is absent — and **fails** when `REQUIRE_SHARED=1` (which `.ci/run` sets), so CI can never
//! pass by skipping.

use std::path::{Path, PathBuf};

/// The workspace root (the directory holding the top-level `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    // This crate lives at <root>/crates/testkit.
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root exists")
}

/// Where the shared data would be: `$ATTACHE_SHARED`, else `../shared` beside the workspace root.
pub fn shared_candidate() -> PathBuf {
    match std::env::var_os("ATTACHE_SHARED") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => workspace_root().join("../shared"),
    }
}

fn required() -> bool {
    std::env::var("REQUIRE_SHARED").map(|v| v == "1" || v.eq_ignore_ascii_case("true")).unwrap_or(false)
}

/// Returns the path of `relative` inside the shared data, or `None` after printing why the calling test skips.
///
/// Panics (failing the test) when the file is missing and `REQUIRE_SHARED=1`.
pub fn shared_path(relative: &str) -> Option<PathBuf> {
    let path = shared_candidate().join(relative);
    if path.exists() {
        return Some(path);
    }
    let reason =
        format!("shared data `{}` not found (set ATTACHE_SHARED or place the data at ../shared)", path.display());
    if required() {
        panic!("REQUIRE_SHARED=1 but {reason}");
    }
    eprintln!("SKIPPED: {reason}");
    None
}

/// Like [`shared_path`], for use at the top of a test: `let Some(dir) = require_shared!("data/gum") else { return };`
#[macro_export]
macro_rules! require_shared {
    ($relative:expr) => {
        $crate::shared_path($relative)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_skips_unless_required() {
        // Only meaningful when the caller did not demand the data: then a missing path returns None.
        if !required() {
            assert!(shared_path("definitely/not/here.txt").is_none());
        }
    }

    #[test]
    fn root_has_the_workspace_manifest() {
        assert!(workspace_root().join("Cargo.toml").exists());
    }
}
