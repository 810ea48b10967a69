//! Command-line arguments to a deterministic list of inputs.

use crate::detect::KNOWN_EXTENSIONS;
use crate::{InputSource, ReadError};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Expands CLI arguments into inputs: `-` is standard input; an existing file is taken whatever its extension;
/// a directory is walked recursively for files with a known extension (hidden entries and symlinked directories
/// skipped), sorted by path; anything else containing `*`, `?` or `[` is a glob pattern whose matches are taken
/// the same way. A path that does not exist, a pattern matching nothing and a directory holding no readable file
/// are errors. A path reached twice is read once.
pub fn collect_inputs(args: &[String]) -> (Vec<InputSource>, Vec<ReadError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut seen_files = HashSet::new();
    let mut seen_stdin = false;
    let mut push_file = |path: PathBuf, inputs: &mut Vec<InputSource>| {
        if seen_files.insert(path.clone()) {
            inputs.push(InputSource::File(path));
        }
    };
    for arg in args {
        if arg == "-" {
            if seen_stdin {
                errors.push(ReadError::whole("-", "standard input named more than once"));
            } else {
                seen_stdin = true;
                inputs.push(InputSource::Stdin);
            }
            continue;
        }
        let path = Path::new(arg);
        if path.is_file() {
            push_file(path.to_path_buf(), &mut inputs);
        } else if path.is_dir() {
            match walk_directory(path) {
                Ok(files) if files.is_empty() => errors.push(ReadError::whole(
                    arg,
                    format!("directory holds no file with a known extension ({})", KNOWN_EXTENSIONS.join(", ")),
                )),
                Ok(files) => files.into_iter().for_each(|file| push_file(file, &mut inputs)),
                Err(error) => errors.push(error),
            }
        } else if arg.contains(['*', '?', '[']) {
            match expand_glob(arg) {
                Ok(files) => files.into_iter().for_each(|file| push_file(file, &mut inputs)),
                Err(error) => errors.push(error),
            }
        } else if path.exists() {
            errors.push(ReadError::whole(arg, "not a regular file or directory"));
        } else {
            errors.push(ReadError::whole(arg, "no such file or directory"));
        }
    }
    (inputs, errors)
}

fn expand_glob(pattern: &str) -> Result<Vec<PathBuf>, ReadError> {
    let paths =
        glob::glob(pattern).map_err(|error| ReadError::whole(pattern, format!("invalid glob pattern: {error}")))?;
    let mut files = Vec::new();
    for entry in paths {
        let path = entry.map_err(|error| {
            ReadError::whole(&error.path().display().to_string(), format!("cannot read: {}", error.error()))
        })?;
        if path.is_dir() {
            files.extend(walk_directory(&path)?);
        } else if path.is_file() {
            files.push(path);
        }
    }
    if files.is_empty() {
        return Err(ReadError::whole(pattern, "glob pattern matched no file"));
    }
    Ok(files)
}

/// All files under `dir` with a known extension, sorted by path.
fn walk_directory(dir: &Path) -> Result<Vec<PathBuf>, ReadError> {
    let mut files = Vec::new();
    walk_sorted(dir, &mut files)?;
    Ok(files)
}

/// Appends the input files below `dir` in path order: each directory's entries sorted by name, a subdirectory's
/// files in the place of its name. That is the order sorting the whole list of paths gives, for the cost of
/// comparing names within one directory (sorting 50,000 full paths component by component was a visible part
/// of reading a large corpus).
fn walk_sorted(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), ReadError> {
    let cannot_read =
        |error: std::io::Error| ReadError::whole(&dir.display().to_string(), format!("cannot read directory: {error}"));
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(cannot_read)? {
        let entry = entry.map_err(cannot_read)?;
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        entries.push((name, entry.file_type().map_err(cannot_read)?));
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, file_type) in entries {
        let path = dir.join(name);
        if file_type.is_dir() {
            walk_sorted(&path, files)?;
        } else if (file_type.is_file() || (file_type.is_symlink() && path.is_file())) && has_known_extension(&path) {
            files.push(path);
        }
    }
    Ok(())
}

fn has_known_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| KNOWN_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str()))
}
