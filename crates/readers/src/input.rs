//! Command-line arguments to a deterministic list of inputs.

use crate::detect::KNOWN_EXTENSIONS;
use crate::{InputSource, ReadError};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// An input and its size in bytes when it is a file whose size could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizedInput {
    pub source: InputSource,
    pub size: Option<u64>,
}

/// Expands CLI arguments into inputs: `-` is standard input; an existing file is taken whatever its extension;
/// a directory is walked recursively for files with a known extension (hidden entries and symlinked directories
/// skipped), sorted by path; anything else containing `*`, `?` or `[` is a glob pattern whose matches are taken
/// the same way. A path that does not exist, a pattern matching nothing and a directory holding no readable file
/// are errors. A path reached twice is read once.
pub fn collect_inputs(args: &[String]) -> (Vec<InputSource>, Vec<ReadError>) {
    let (inputs, errors) = collect_sized_inputs(args);
    (inputs.into_iter().map(|input| input.source).collect(), errors)
}

/// [`collect_inputs`] with each file's size, read where it is cheapest: a directory walk asks for it relative to
/// the directory it is listing, so reading a large corpus resolves each full path only once, when it opens the
/// file (asking by path as well was a few percent of an ingest's CPU time).
pub fn collect_sized_inputs(args: &[String]) -> (Vec<SizedInput>, Vec<ReadError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut seen_files = HashSet::new();
    let mut seen_stdin = false;
    let mut push_file = |(path, size): (PathBuf, Option<u64>), inputs: &mut Vec<SizedInput>| {
        if seen_files.insert(path.clone()) {
            inputs.push(SizedInput { source: InputSource::File(path), size });
        }
    };
    let size_of = |path: &Path| std::fs::metadata(path).ok().map(|metadata| metadata.len());
    for arg in args {
        if arg == "-" {
            if seen_stdin {
                errors.push(ReadError::whole("-", "standard input named more than once"));
            } else {
                seen_stdin = true;
                inputs.push(SizedInput { source: InputSource::Stdin, size: None });
            }
            continue;
        }
        let path = Path::new(arg);
        if path.is_file() {
            push_file((path.to_path_buf(), size_of(path)), &mut inputs);
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

fn expand_glob(pattern: &str) -> Result<Vec<(PathBuf, Option<u64>)>, ReadError> {
    let paths =
        glob::glob(pattern).map_err(|error| ReadError::whole(pattern, format!("invalid glob pattern: {error}")))?;
    let mut files = Vec::new();
    for entry in paths {
        let path = entry.map_err(|error| {
            ReadError::whole(&error.path().display().to_string(), format!("cannot read: {}", error.error()))
        })?;
        if path.is_dir() {
            files.extend(walk_directory(&path)?);
        } else if let Ok(metadata) = path.metadata()
            && metadata.is_file()
        {
            files.push((path, Some(metadata.len())));
        }
    }
    if files.is_empty() {
        return Err(ReadError::whole(pattern, "glob pattern matched no file"));
    }
    Ok(files)
}

/// All files under `dir` with a known extension, sorted by path, with their sizes.
fn walk_directory(dir: &Path) -> Result<Vec<(PathBuf, Option<u64>)>, ReadError> {
    let mut files = Vec::new();
    walk_sorted(dir, &mut files)?;
    Ok(files)
}

/// Appends the input files below `dir` in path order: each directory's entries sorted by name, a subdirectory's
/// files in the place of its name. That is the order sorting the whole list of paths gives, for the cost of
/// comparing names within one directory (sorting 50,000 full paths component by component was a visible part
/// of reading a large corpus).
fn walk_sorted(dir: &Path, files: &mut Vec<(PathBuf, Option<u64>)>) -> Result<(), ReadError> {
    let cannot_read =
        |error: std::io::Error| ReadError::whole(&dir.display().to_string(), format!("cannot read directory: {error}"));
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(cannot_read)? {
        let entry = entry.map_err(cannot_read)?;
        let name = entry.file_name();
        if name.as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let file_type = entry.file_type().map_err(cannot_read)?;
        if !file_type.is_dir() && !has_known_extension(Path::new(&name)) {
            continue;
        }
        // Relative to the open directory: cheaper than resolving the whole path again.
        let size = if file_type.is_file() { entry.metadata().ok().map(|metadata| metadata.len()) } else { None };
        entries.push((name, file_type, size));
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, file_type, size) in entries {
        let path = dir.join(name);
        if file_type.is_dir() {
            walk_sorted(&path, files)?;
        } else if file_type.is_file() {
            files.push((path, size));
        } else if file_type.is_symlink()
            && let Ok(metadata) = path.metadata()
            && metadata.is_file()
        {
            files.push((path, Some(metadata.len())));
        }
    }
    Ok(())
}

fn has_known_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| KNOWN_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str()))
}
