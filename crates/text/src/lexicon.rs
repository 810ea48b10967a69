//! Word lists the tokenizer and the segmenter consult. Written by the attache team for English news.
//!
//! Every list is a `match` on a short ASCII key, which compiles to a length switch plus a few comparisons:
//! no hashing, no allocation.

/// How an abbreviation that keeps its full stop behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// Comes before a name or an example and never ends a sentence: `Mr.`, `Gen.`, `e.g.`, `vs.`.
    Title,
    /// Abbreviates a word only before a number (`No. 5`, `Fig. 3`, `pp. 12`); otherwise it is a plain word.
    BeforeNumber,
    /// May end a sentence: `Inc.`, `Jan.`, `Calif.`, `U.S.`; a sentence ends after it only when a typical
    /// sentence opener follows.
    MayEnd,
    /// Usually ends its sentence when a capitalised word follows: `etc.`
    EndLikely,
}

/// Looks up a word that is followed by a full stop (`word` excludes the stop). Entries for capitalised words
/// (titles, months, states, company suffixes) match only when the word is capitalised, so `ill.` or `sun.`
/// stay ordinary words.
pub(crate) fn abbreviation(word: &str) -> Option<AbbrevClass> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > 8 || !bytes.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut key = 0u64;
    for byte in bytes {
        key = key << 8 | u64::from(byte.to_ascii_lowercase());
    }
    let table = ABBREVIATIONS.get_or_init(abbreviation_table);
    match table[abbreviation_slot(table, key)] {
        (0, _, _) => None,
        (_, class, needs_capital) => (bytes[0].is_ascii_uppercase() || !needs_capital).then_some(class),
    }
}

/// Slots of the abbreviation table: a power of two, at least twice the entries, so a miss — what nearly every
/// sentence's last word is — usually ends at the first, empty slot.
const ABBREVIATION_SLOTS: usize = 512;

/// The slot of `table` that holds `key`, or the empty slot where it would go (linear probing from its hash).
fn abbreviation_slot(table: &[(u64, AbbrevClass, bool)], key: u64) -> usize {
    let mut slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - ABBREVIATION_SLOTS.trailing_zeros())) as usize;
    while table[slot].0 != 0 && table[slot].0 != key {
        slot = (slot + 1) % ABBREVIATION_SLOTS;
    }
    slot
}

/// `(word packed into a u64, class, needs a capital)` in an open-addressing hash table (key 0 = empty slot; no
/// word packs to 0): a lookup hashes once and probes a slot or two, where a binary search over the sorted list
/// took eight unpredictable branches.
static ABBREVIATIONS: std::sync::OnceLock<Vec<(u64, AbbrevClass, bool)>> = std::sync::OnceLock::new();

fn abbreviation_table() -> Vec<(u64, AbbrevClass, bool)> {
    let mut table = vec![(0u64, AbbrevClass::MayEnd, false); ABBREVIATION_SLOTS];
    let entries = ABBREVIATION_LIST.iter().flat_map(|(words, class, needs_capital)| {
        words
            .split_whitespace()
            .map(move |word| (word.bytes().fold(0u64, |key, byte| key << 8 | u64::from(byte)), *class, *needs_capital))
    });
    for entry in entries {
        let slot = abbreviation_slot(&table, entry.0);
        table[slot] = entry;
    }
    table
}

/// Lowercase abbreviations (up to 8 letters) by class; `true` = matches only when capitalised.
const ABBREVIATION_LIST: &[(&str, AbbrevClass, bool)] = {
    use AbbrevClass::*;
    &[
        // Titles and ranks.
        (
            "mr mrs ms messrs mmes mme mlle dr drs prof profs gen gens lt col maj capt cpt cmdr cdr comdr adm sgt \
             cpl pvt spc brig ens sen sens rep reps gov govs pres amb atty supt insp det rev fr hon msgr mt ft pt",
            Title,
            true,
        ),
        // Prose abbreviations that introduce something; born, died (`(b. March 2009)`).
        ("vs cf viz ca approx esp incl ibid b d", Title, false),
        // Before numbers.
        ("no nos fig figs vol vols pp p art arts ch para ref tel ext apt rm op sec mk c m div", BeforeNumber, false),
        // Months and weekdays.
        ("jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun", MayEnd, true),
        // US states in AP style (two-letter ones like N.Y. are dotted chains).
        (
            "ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev \
             okla ore pa tenn tex vt va wash wis wyo",
            MayEnd,
            true,
        ),
        // Organisations, places and name suffixes.
        (
            "inc corp co cos ltd bros plc mfg assn dept univ inst intl natl govt jr sr st ste ave blvd rd hwy pkwy \
             sq esq dist est",
            MayEnd,
            true,
        ),
        ("al resp", MayEnd, false),
        ("etc", EndLikely, false),
    ]
};

/// Short capitalised words without vowels (`Blvd`, `Bldg`, `Wm`) are abbreviations even when unlisted.
pub(crate) fn looks_like_abbreviation(word: &str) -> bool {
    let bytes = word.as_bytes();
    (2..=4).contains(&bytes.len())
        && bytes[0].is_ascii_uppercase()
        && bytes[1..].iter().all(u8::is_ascii_lowercase)
        && !bytes.iter().any(|b| matches!(b.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
}

/// Dotted chains that never end a sentence (`e.g.`, `i.e.`); other chains (`U.S.`, `a.m.`) may.
pub(crate) fn chain_class(chain: &str) -> AbbrevClass {
    match chain {
        "e.g." | "i.e." | "E.g." | "I.e." | "c.f." | "v." => AbbrevClass::Title,
        _ => AbbrevClass::MayEnd,
    }
}

/// Words that typically open a sentence and rarely continue a name: after `U.S.`, `Inc.` or an initial, a
/// capitalised word from this list starts a new sentence (`… in the U.S. The talks …`), any other capitalised
/// word continues it (`U.S. President`, `George W. Bush`).
pub(crate) fn is_sentence_opener(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "It"
            | "Its"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "You"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "My"
            | "Your"
            | "There"
            | "Here"
            | "But"
            | "And"
            | "Or"
            | "So"
            | "Yet"
            | "If"
            | "When"
            | "While"
            | "As"
            | "After"
            | "Before"
            | "Since"
            | "Because"
            | "Although"
            | "Though"
            | "However"
            | "Meanwhile"
            | "Also"
            | "In"
            | "On"
            | "At"
            | "For"
            | "From"
            | "With"
            | "By"
            | "To"
            | "Of"
            | "During"
            | "Under"
            | "Over"
            | "Some"
            | "Many"
            | "Most"
            | "All"
            | "Both"
            | "Each"
            | "Every"
            | "No"
            | "Not"
            | "Other"
            | "Another"
            | "Such"
            | "What"
            | "Who"
            | "Why"
            | "How"
            | "Where"
            | "Which"
            | "Then"
            | "Now"
            | "Today"
            | "Yesterday"
            | "Tomorrow"
            | "Last"
            | "Earlier"
            | "Later"
            | "According"
            | "Still"
            | "Even"
            | "Only"
            | "Despite"
            | "Instead"
            | "Indeed"
            | "Moreover"
            | "Thus"
            | "Therefore"
            | "Once"
            | "Until"
            | "Unless"
            | "Whether"
            | "Mr."
            | "Mrs."
            | "Ms."
            | "Nor"
            | "Neither"
            | "Either"
            | "Few"
            | "Several"
            | "Among"
            | "Against"
            | "Through"
            | "Without"
            | "About"
            | "Asked"
            | "Speaking"
            | "Following"
            | "Next"
            | "Further"
            | "Officials"
    )
}

/// Lowercase verbs of saying: `"Why?" Smith asked.` does not end at the question mark.
pub(crate) fn is_reporting_verb(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "asked"
            | "asks"
            | "added"
            | "adds"
            | "told"
            | "tells"
            | "wrote"
            | "writes"
            | "replied"
            | "replies"
            | "explained"
            | "noted"
            | "insisted"
            | "continued"
            | "shouted"
            | "declared"
            | "stated"
            | "argued"
            | "recalled"
            | "warned"
            | "remarked"
            | "answered"
            | "admitted"
            | "cried"
            | "exclaimed"
            | "tweeted"
            | "posted"
            | "concluded"
            | "wondered"
            | "demanded"
    )
}

/// Clitics split off the word before them, Penn Treebank style (`China's` → `China` `'s`).
pub(crate) fn is_clitic(letters: &str) -> bool {
    matches!(letters, "s" | "S" | "re" | "RE" | "Re" | "ve" | "VE" | "Ve" | "ll" | "LL" | "Ll" | "d" | "D" | "m" | "M")
}

/// Words that a line can end with only in the middle of a sentence: a line break after them is wrapping.
pub(crate) fn is_continuation_word(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "but"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "by"
            | "from"
            | "as"
            | "that"
            | "which"
            | "who"
            | "whose"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "not"
    )
}

/// Top-level domains that make `word.tld` a domain name rather than two sentences run together.
pub(crate) fn is_tld(segment: &str) -> bool {
    matches!(
        segment,
        "com"
            | "org"
            | "net"
            | "gov"
            | "edu"
            | "int"
            | "mil"
            | "io"
            | "info"
            | "news"
            | "cn"
            | "uk"
            | "us"
            | "de"
            | "fr"
            | "jp"
            | "ru"
            | "ca"
            | "au"
            | "in"
            | "eu"
            | "tv"
            | "me"
            | "ly"
            | "hk"
            | "tw"
            | "kr"
            | "co"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_entries_need_a_capital() {
        assert_eq!(abbreviation("Gen"), Some(AbbrevClass::Title));
        assert_eq!(abbreviation("gen"), None);
        assert_eq!(abbreviation("Ill"), Some(AbbrevClass::MayEnd));
        assert_eq!(abbreviation("ill"), None);
        assert_eq!(abbreviation("etc"), Some(AbbrevClass::EndLikely));
        assert_eq!(abbreviation("No"), Some(AbbrevClass::BeforeNumber));
        assert_eq!(abbreviation("Xinhua"), None);
        assert_eq!(abbreviation("Sept"), Some(AbbrevClass::MayEnd));
    }

    #[test]
    fn every_listed_abbreviation_is_found_once_with_its_class() {
        let mut seen = std::collections::HashSet::new();
        for (words, class, needs_capital) in ABBREVIATION_LIST {
            for word in words.split_whitespace() {
                assert!(seen.insert(word), "{word} is listed twice");
                assert!(word.len() <= 8 && word.bytes().all(|b| b.is_ascii_lowercase()), "{word}");
                let capitalised = format!("{}{}", word[..1].to_ascii_uppercase(), &word[1..]);
                assert_eq!(abbreviation(&capitalised), Some(*class), "{capitalised}");
                assert_eq!(abbreviation(word), (!needs_capital).then_some(*class), "{word}");
            }
        }
        let table = abbreviation_table();
        assert_eq!(table.iter().filter(|entry| entry.0 != 0).count(), seen.len());
        assert!(seen.len() * 2 <= ABBREVIATION_SLOTS, "grow ABBREVIATION_SLOTS");
        for miss in ["the", "said", "China", "talks", "a", "Z", "zzzzzzzz"] {
            assert_eq!(abbreviation(miss), None, "{miss}");
        }
    }

    #[test]
    fn vowelless_words() {
        assert!(looks_like_abbreviation("Blvd"));
        assert!(!looks_like_abbreviation("By"));
        assert!(!looks_like_abbreviation("BBC"));
        assert!(!looks_like_abbreviation("Gym"));
    }
}
