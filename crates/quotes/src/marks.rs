//! Quotation marks: which marks open, which close, which are apostrophes; the quoted spans they enclose; and
//! the quote-aware "frames" (reporter's sentences) the attributor searches for cues and speakers.
//!
//! Rules (docs/quotes.md states them for users):
//! - A mark can open when the next character is not a space and the previous one is a space, the text start,
//!   an opening bracket, a dash or another mark; it can close in the mirrored situation. Curly and angle marks
//!   carry their orientation; straight marks are decided by context and by what is already open.
//! - Single marks between letters are apostrophes; a closing single mark with nothing of its family open is an
//!   apostrophe (`the States’ plans`).
//! - Marks pair with a stack per family, so nested quotes (`"… 'x' …"`) stay inside the outer quote.
//! - A paragraph that ends inside a double quote continues into the next paragraph when that paragraph opens
//!   with a mark (the newspaper convention for long quotes); otherwise the quote ends with its paragraph.
//!   Single-family quotes left open at a paragraph's end were apostrophes and are dropped.

use crate::atoms::{Atom, AtomKind, Family, Shape};

/// A top-level quoted span.
#[derive(Debug, Clone)]
pub(crate) struct QuotedSpan {
    /// Atom index of the opening mark.
    pub open: usize,
    /// Atom index of the closing mark; `None` when the quote runs to the end of its (last) paragraph.
    pub close: Option<usize>,
    /// Last atom inside the quote (inclusive); equal to `open` for an empty quote.
    pub last_inner: usize,
}

impl QuotedSpan {
    /// Atom range of the quoted words (marks excluded).
    pub fn inner(&self) -> std::ops::Range<usize> {
        self.open + 1..self.last_inner + 1
    }
    /// Atom index just after the quote (after its closing mark).
    pub fn after(&self) -> usize {
        self.close.map(|c| c + 1).unwrap_or(self.last_inner + 1)
    }
}

/// Everything the marks pass learns about a document.
pub(crate) struct MarkAnalysis {
    pub quotes: Vec<QuotedSpan>,
    /// For every atom, the index of the top-level quote it belongs to (marks included), or `NONE`.
    pub inside: Vec<u32>,
    /// For every atom, its frame number (quote-aware sentence), non-decreasing.
    pub frame: Vec<u32>,
    /// First atom of every frame.
    pub frame_starts: Vec<usize>,
}

pub(crate) const NONE: u32 = u32::MAX;

fn char_before(text: &str, byte: usize) -> Option<char> {
    text[..byte].chars().next_back()
}

fn char_after(text: &str, byte: usize) -> Option<char> {
    text[byte..].chars().next()
}

fn opens_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || "([{<—–-/".contains(c) || is_any_mark(c),
    }
}

fn closes_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || ".,;:!?)]}>—–-/…".contains(c) || is_any_mark(c),
    }
}

fn is_any_mark(c: char) -> bool {
    "\"“”„‟«»「」『』'‘’‚‛‹›＂".contains(c)
}

/// Deeper nesting than this is stray marks, not quotation: further opens are ignored, which keeps the
/// per-mark stack search constant-time.
const MAX_DEPTH: usize = 8;

struct Open {
    atom: usize,
    family: Family,
    ch: char,
}

pub(crate) fn analyse(text: &str, atoms: &[Atom]) -> MarkAnalysis {
    let mut quotes = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut i = 0;
    while i < atoms.len() {
        let atom = &atoms[i];
        let paragraph_end = atoms.get(i + 1).is_none_or(|next| next.paragraph != atom.paragraph);
        if let AtomKind::Mark(family, shape) = atom.kind
            && !(stack.len() >= MAX_DEPTH && shape == Shape::Open)
        {
            let ch = text[atom.start..].chars().next().unwrap_or('"');
            let before = char_before(text, atom.start);
            let after = char_after(text, atom.end);
            let can_open = after.is_some_and(|c| !c.is_whitespace()) && opens_context(before);
            let can_close = before.is_some_and(|c| !c.is_whitespace()) && closes_context(after);
            let family_open = stack.iter().rposition(|o| o.family == family);
            match family {
                Family::Single => {
                    let between_letters =
                        before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
                    if between_letters {
                        // apostrophe
                    } else if let (Some(at), true) = (family_open, can_close && shape != Shape::Open) {
                        close_to(&mut stack, at, i, &mut quotes);
                    } else if shape != Shape::Close && can_open && after.is_some_and(char::is_alphanumeric) {
                        stack.push(Open { atom: i, family, ch });
                    }
                }
                Family::Double => {
                    let top_is_low_nine = family_open.is_some_and(|at| stack[at].ch == '„');
                    match shape {
                        Shape::Open if ch == '“' && top_is_low_nine => {
                            close_to(&mut stack, family_open.unwrap_or(0), i, &mut quotes)
                        }
                        Shape::Open => stack.push(Open { atom: i, family, ch }),
                        Shape::Close => match family_open {
                            Some(at) => close_to(&mut stack, at, i, &mut quotes),
                            // Swedish ”…” and »…« styles: a closing-shaped mark that can only open.
                            None if can_open && !can_close => stack.push(Open { atom: i, family, ch }),
                            None => {}
                        },
                        Shape::Either => match family_open {
                            Some(at) if can_close || !can_open => close_to(&mut stack, at, i, &mut quotes),
                            Some(at) => close_to(&mut stack, at, i, &mut quotes),
                            None if can_open || !can_close => stack.push(Open { atom: i, family, ch }),
                            None => {}
                        },
                    }
                }
            }
        }
        if paragraph_end {
            // Single-family opens left at the paragraph's end were apostrophes.
            while stack.last().is_some_and(|o| o.family == Family::Single) {
                stack.pop();
            }
            if let Some(outer) = stack.first() {
                let continues = atoms.get(i + 1).is_some_and(|next| {
                    matches!(next.kind, AtomKind::Mark(Family::Double, Shape::Open | Shape::Either))
                        && char_after(text, next.end).is_some_and(|c| !c.is_whitespace())
                });
                if continues {
                    // Skip the re-opening mark of the continued paragraph; the outer quote stays open.
                    stack.truncate(1);
                    i += 2;
                    continue;
                }
                let open = outer.atom;
                stack.clear();
                if i > open {
                    quotes.push(QuotedSpan { open, close: None, last_inner: i });
                }
            }
        }
        i += 1;
    }
    quotes.sort_by_key(|q| q.open);
    let mut inside = vec![NONE; atoms.len()];
    for (number, quote) in quotes.iter().enumerate() {
        let end = quote.after().min(atoms.len());
        for slot in &mut inside[quote.open..end] {
            *slot = number as u32;
        }
    }
    let (frame, frame_starts) = frames(atoms, &inside, &quotes);
    MarkAnalysis { quotes, inside, frame, frame_starts }
}

/// Closes the open mark at `stack[at]` with atom `close`; records a quote when it was the outermost.
fn close_to(stack: &mut Vec<Open>, at: usize, close: usize, quotes: &mut Vec<QuotedSpan>) {
    let open = stack[at].atom;
    stack.truncate(at);
    if stack.is_empty() {
        quotes.push(QuotedSpan { open, close: Some(close), last_inner: close.saturating_sub(1).max(open) });
    }
}

fn is_terminal(atom: &Atom) -> bool {
    atom.kind == AtomKind::Punct && matches!(&*atom.lower, "." | "!" | "?" | "…")
}

/// Quote-aware sentences. A frame ends at a paragraph's end; at `.`, `!`, `?` outside quotes; after a closing
/// mark that follows sentence-final punctuation when a capitalised word or a new quote comes next; and where
/// the text stage ends a sentence after a word ending in a dot (`… in the U.S.`), unless that word is a title
/// abbreviation or an initial (a splitter that cuts after `Dr.` does not cut frames).
fn frames(atoms: &[Atom], inside: &[u32], quotes: &[QuotedSpan]) -> (Vec<u32>, Vec<usize>) {
    let mut frame = vec![0u32; atoms.len()];
    let mut starts = if atoms.is_empty() { Vec::new() } else { vec![0] };
    let mut current = 0u32;
    for i in 1..atoms.len() {
        let (prev, atom) = (&atoms[i - 1], &atoms[i]);
        let outside = inside[i] == NONE && inside[i - 1] == NONE;
        let closing_mark_after_terminal = inside[i - 1] != NONE
            && quotes[inside[i - 1] as usize].close == Some(i - 1)
            && i >= 2
            && is_terminal(&atoms[i - 2])
            && (atom.cap || atom.is_mark());
        let text_stage_cut = outside
            && atom.sentence != prev.sentence
            && prev.kind == AtomKind::Word
            && prev.lower.ends_with('.')
            && prev.lower.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !crate::lexicon::is_title(prev.lower.trim_end_matches('.'));
        let boundary = atom.paragraph != prev.paragraph
            || (inside[i - 1] == NONE && is_terminal(prev))
            || closing_mark_after_terminal
            || text_stage_cut;
        if boundary {
            current += 1;
            starts.push(i);
        }
        frame[i] = current;
    }
    (frame, starts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::atoms::atoms;
    use attache_doc::{Article, Doc};

    fn analysed(text: &str) -> (Doc, Vec<Atom>, MarkAnalysis) {
        let doc = Doc::new(Article { text: text.into(), ..Default::default() });
        let atoms = atoms(&doc);
        let analysis = analyse(text, &atoms);
        (doc, atoms, analysis)
    }

    fn quoted(text: &str) -> Vec<String> {
        let (_, atoms, analysis) = analysed(text);
        analysis
            .quotes
            .iter()
            .map(|q| {
                let inner = q.inner();
                if inner.is_empty() {
                    return String::new();
                }
                text[atoms[inner.start].start..atoms[inner.end - 1].end].to_string()
            })
            .collect()
    }

    #[test]
    fn straight_curly_and_guillemets() {
        assert_eq!(quoted(r#"He said "yes, fine" and left."#), ["yes, fine"]);
        assert_eq!(quoted("He said “yes” and «non» and „ja“."), ["yes", "non", "ja"]);
        assert_eq!(quoted("Swedish ”ja” style."), ["ja"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(quoted("China’s plans and the States’ approach, don't."), Vec::<String>::new());
        assert_eq!(quoted("He called it ‘a mess’ today."), ["a mess"]);
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(quoted(r#""He told me 'never again' twice," she said."#), ["He told me 'never again' twice,"]);
    }

    #[test]
    fn quote_continues_into_a_paragraph_opening_with_a_mark() {
        let text = "“First paragraph of the quote.\n\n“Second paragraph,” he said.";
        assert_eq!(quoted(text), ["First paragraph of the quote.\n\n“Second paragraph,"]);
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let text = "He said “it never ends.\n\nNext paragraph.";
        assert_eq!(quoted(text), ["it never ends."]);
    }

    #[test]
    fn frames_follow_quotes() {
        let (_, _, analysis) = analysed("“It works. It is fine,” he said. Then he left.");
        // One frame for the quote and its attribution, one for the last sentence.
        assert_eq!(analysis.frame_starts.len(), 2);
    }
}
