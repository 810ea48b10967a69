//! Finding inputs (files, directories, globs, stdin) and reading them through the IO path.

use attache_readers::{InputSource, ReadOptions, SizedInput, collect_inputs, collect_sized_inputs, read_source};
use std::io::Write;
use std::path::Path;

fn write(path: &Path, content: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

fn names(inputs: &[InputSource], root: &Path) -> Vec<String> {
    inputs
        .iter()
        .map(|input| match input {
            InputSource::File(path) => path.strip_prefix(root).unwrap_or(path).display().to_string(),
            InputSource::Stdin => "-".to_string(),
        })
        .collect()
}

#[test]
fn files_directories_globs_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("news/b.html"), "<p>b</p>");
    write(&root.join("news/a.txt"), "a");
    write(&root.join("news/deep/c.jsonl"), "{\"text\":\"c\"}");
    write(&root.join("news/notes.md"), "not picked up by a directory walk");
    write(&root.join("news/.hidden.txt"), "hidden");
    write(&root.join("other/x.xml"), "<rss/>");
    write(&root.join("other/y.xml"), "<rss/>");
    write(&root.join("misc.dat"), "named explicitly, so taken");

    let arg = |relative: &str| root.join(relative).display().to_string();
    let args = vec![arg("news"), arg("other/*.xml"), "-".to_string(), arg("misc.dat"), arg("news/a.txt")];
    let (inputs, errors) = collect_inputs(&args);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        names(&inputs, root),
        ["news/a.txt", "news/b.html", "news/deep/c.jsonl", "other/x.xml", "other/y.xml", "-", "misc.dat"],
        "sorted within a directory, in argument order across arguments, each file once"
    );
}

#[test]
fn a_directory_walk_lists_files_in_sorted_path_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Names where per-directory order and plain string order of whole paths disagree ('-' and '.' sort before '/').
    for relative in ["a/b.txt", "a-b.txt", "a.txt", "a/c/d.txt", "a/c.txt", "b/a.txt", "A.txt", "a/a b.txt", "ä.txt"] {
        write(&root.join("tree").join(relative), "text");
    }
    let (inputs, errors) = collect_inputs(&[root.join("tree").display().to_string()]);
    assert!(errors.is_empty(), "{errors:?}");
    let mut sorted: Vec<std::path::PathBuf> = inputs
        .iter()
        .map(|input| match input {
            InputSource::File(path) => path.clone(),
            InputSource::Stdin => unreachable!("no stdin here"),
        })
        .collect();
    let listed = sorted.clone();
    sorted.sort();
    assert_eq!(listed.len(), 9);
    assert_eq!(listed, sorted, "the walk's order is the order of sorted paths");
}

#[test]
fn missing_inputs_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("empty-dir/readme.md"), "no known extension");
    let arg = |relative: &str| root.join(relative).display().to_string();
    let args = vec![arg("nope.txt"), arg("*.nothing"), arg("empty-dir"), "-".to_string(), "-".to_string()];
    let (inputs, errors) = collect_inputs(&args);
    assert_eq!(inputs, [InputSource::Stdin]);
    let causes: Vec<&str> = errors.iter().map(|error| error.cause.as_str()).collect();
    assert_eq!(causes.len(), 4);
    assert_eq!(causes[0], "no such file or directory");
    assert_eq!(causes[1], "glob pattern matched no file");
    assert!(causes[2].starts_with("directory holds no file with a known extension"));
    assert_eq!(causes[3], "standard input named more than once");
    assert_eq!(errors[0].to_string(), format!("{}: no such file or directory", arg("nope.txt")));
}

#[test]
fn unknown_extensions_are_sniffed_and_undetectable_ones_refused() {
    let dir = tempfile::tempdir().unwrap();
    let sniffed = dir.path().join("download.bin");
    write(&sniffed, "<!DOCTYPE html><html><body><p>A page saved without an extension that says so.</p></body></html>");
    let article = read_source(&InputSource::File(sniffed), &ReadOptions::default()).next().unwrap().unwrap();
    assert_eq!(article.origin.unwrap().format, "html");

    let binary = dir.path().join("blob.bin");
    std::fs::write(&binary, b"\x7fELF\x02\x01\x01\x00\x00\x00").unwrap();
    let error = read_source(&InputSource::File(binary), &ReadOptions::default()).next().unwrap().unwrap_err();
    assert!(error.cause.starts_with("binary file"), "{error}");

    let odd_xml = dir.path().join("catalog.xml");
    write(&odd_xml, "<catalog><book/></catalog>");
    let error = read_source(&InputSource::File(odd_xml), &ReadOptions::default()).next().unwrap().unwrap_err();
    assert!(error.cause.starts_with("cannot tell the format"), "{error}");

    let missing = read_source(&InputSource::File(dir.path().join("gone.txt")), &ReadOptions::default());
    let errors: Vec<_> = missing.collect();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].as_ref().unwrap_err().cause.starts_with("cannot open"));
}

#[test]
fn large_json_lines_stream_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let lines = 20_000;
    for i in 0..lines {
        if i == 777 {
            writeln!(file, "{{\"broken\": ").unwrap();
        } else {
            writeln!(file, "{{\"id\":\"n{i}\",\"text\":\"Article number {i} about talks.\"}}").unwrap();
        }
    }
    drop(file);
    let mut count = 0;
    let mut errors = Vec::new();
    for (index, result) in read_source(&InputSource::File(path), &ReadOptions::default()).enumerate() {
        match result {
            Ok(article) => {
                assert_eq!(article.id, format!("n{index}"));
                assert_eq!(article.origin.unwrap().record, Some(index as u64 + 1));
                count += 1;
            }
            Err(error) => errors.push(error),
        }
    }
    assert_eq!(count, lines - 1);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, Some(778));
}

#[test]
fn readers_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let reader = read_source(&InputSource::Stdin, &ReadOptions::default());
    assert_send(&reader);
    // Nothing is read until asked: creating a reader for stdin does not block.
}

#[test]
fn sized_inputs_carry_each_file_size() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("news/a.txt"), "four");
    write(&root.join("news/deep/b.jsonl"), "{\"text\":\"twelve\"}");
    write(&root.join("single.html"), "<p>x</p>");
    let args = [root.join("news").display().to_string(), root.join("single.html").display().to_string(), "-".into()];
    let (inputs, errors) = collect_sized_inputs(&args);
    assert!(errors.is_empty(), "{errors:?}");
    let sizes: Vec<(String, Option<u64>)> = inputs
        .iter()
        .map(|SizedInput { source, size }| (names(std::slice::from_ref(source), root).remove(0), *size))
        .collect();
    assert_eq!(
        sizes,
        [
            ("news/a.txt".to_string(), Some(4)),
            ("news/deep/b.jsonl".to_string(), Some(17)),
            ("single.html".to_string(), Some(8)),
            ("-".to_string(), None)
        ]
    );
    assert_eq!(collect_inputs(&args).0, inputs.into_iter().map(|input| input.source).collect::<Vec<_>>());
}

/// Files past the size read in one call are streamed: every record still comes, and a bad line is named.
#[test]
fn a_large_json_lines_file_is_streamed_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let body = "word ".repeat(200);
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let lines = 18_000; // about 18 MB: past the 16 MiB read whole
    for line in 1..=lines {
        if line == 17_500 {
            writeln!(file, "{{not json").unwrap();
        } else {
            writeln!(file, "{{\"id\":\"n{line}\",\"text\":\"{body}\"}}").unwrap();
        }
    }
    drop(file);
    assert!(std::fs::metadata(&path).unwrap().len() > 16 << 20);
    let records: Vec<_> = read_source(&InputSource::File(path), &ReadOptions::default()).collect();
    assert_eq!(records.len(), lines);
    let failed: Vec<_> = records.iter().filter_map(|record| record.as_ref().err()).collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].line, Some(17_500));
    assert_eq!(records[lines - 1].as_ref().unwrap().id, format!("n{lines}"));
}
