//! Progress on stderr: a live bar on a terminal, a plain line every few seconds otherwise (logs, CI).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How often the plain (non-terminal) report prints.
const PLAIN_EVERY: Duration = Duration::from_secs(5);

pub struct Progress {
    bar: Option<ProgressBar>,
    label: &'static str,
    total_bytes: Option<u64>,
    articles: u64,
    bytes: u64,
    started: Instant,
    last_plain: Instant,
}

impl Progress {
    /// `total_bytes` is the input size when known (it sizes the bar); progress counts bytes of article text.
    pub fn new(label: &'static str, total_bytes: Option<u64>) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(total_bytes, ProgressDrawTarget::stderr_with_hz(8));
            let template = if total_bytes.is_some() {
                "{prefix} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}"
            } else {
                "{prefix} {spinner} {bytes} {bytes_per_sec} {msg}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_prefix(label);
            bar
        });
        let now = Instant::now();
        Progress { bar, label, total_bytes, articles: 0, bytes: 0, started: now, last_plain: now }
    }

    pub fn advance(&mut self, articles: u64, bytes: u64) {
        self.articles += articles;
        self.bytes += bytes;
        match &self.bar {
            Some(bar) => {
                bar.set_position(self.bytes.min(self.total_bytes.unwrap_or(u64::MAX)));
                bar.set_message(format!("{} articles", self.articles));
            }
            None if self.last_plain.elapsed() >= PLAIN_EVERY => {
                self.last_plain = Instant::now();
                let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
                let share = match self.total_bytes {
                    Some(total) if total > 0 => format!(" of {}", megabytes(total)),
                    _ => String::new(),
                };
                eprintln!(
                    "{}: {} articles, {}{share} of text, {:.1} MB/s",
                    self.label,
                    self.articles,
                    megabytes(self.bytes),
                    self.bytes as f64 / 1e6 / seconds
                );
            }
            None => {}
        }
    }

    /// Prints a message line without tearing the bar.
    pub fn println(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// `12.3 MB` (decimal units, as MB/s figures are); `45 kB` below a megabyte.
pub fn megabytes(bytes: u64) -> String {
    if bytes < 1_000_000 { format!("{:.0} kB", bytes as f64 / 1e3) } else { format!("{:.1} MB", bytes as f64 / 1e6) }
}
