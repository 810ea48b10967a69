//! Coding options, and the reader for TABARI `.options` files (manual chapter 8).
//!
//! The same [`Options`] drive attache's own coding (with [`Options::attache`] defaults) and the emulation of a
//! TABARI project (with [`Options::tabari`] defaults plus the project's `.options` file and any
//! `{ OPTION: … }` validation records).

use crate::error::{DictErrors, Problems};
use crate::tabari::numbered_lines;

/// When the coder stops looking for events (TABARI `SET: CODE BY …`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodeBy {
    /// The first event of each clause (TABARI's default).
    #[default]
    Clause,
    /// Only the first event of the sentence.
    Sentence,
    /// Every verb that yields an event.
    All,
}

/// Limits for deleting comma-delimited (non-restrictive) clauses, in words; a clause is deleted when its
/// length is within `[min, max]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommaLimits {
    pub enabled: bool,
    /// Clauses between two commas.
    pub min: usize,
    pub max: usize,
    /// A clause from the last comma to the end of the sentence.
    pub end_min: usize,
    pub end_max: usize,
    /// A clause from the beginning of the sentence to the first comma.
    pub begin_min: usize,
    pub begin_max: usize,
}

impl Default for CommaLimits {
    fn default() -> Self {
        CommaLimits { enabled: true, min: 2, max: 10, end_min: 2, end_max: 10, begin_min: 128, begin_max: 0 }
    }
}

/// Conditions under which a sentence is judged too complex to code (TABARI `COMPLEX:`); 0 = inactive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Complexity {
    pub verbs: usize,
    pub actors: usize,
    pub pronouns: usize,
    pub conjunctions: usize,
    pub commas: usize,
    pub late_verb: usize,
    pub no_actor_prior: bool,
    pub no_actor_after: bool,
    pub no_verb: bool,
    pub no_source: bool,
    pub no_target: bool,
    pub no_event: bool,
}

/// A default actor used when the search finds none (TABARI `DEFAULT:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultActor {
    pub code: String,
    /// Source: use the default whenever no actor precedes the verb (`PRIOR`).
    /// Target: use it whenever no actor follows the verb (`AFTER`).
    pub strict_side: bool,
}

/// Pronoun forwarding across consecutive sentences of a story (TABARI `FORWARD:`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Forward {
    pub enabled: bool,
    /// The sequence format (`^^*****NNN*SSS`) that locates story and sentence numbers in record ids.
    pub format: String,
}

/// Everything that changes how sentences are coded.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub code_by: CodeBy,
    /// Sentences with fewer words (commas count) are not coded.
    pub minimum_words: usize,
    pub comma: CommaLimits,
    pub complexity: Complexity,
    /// Agents found without an actor become actors with only the agent code (`~REB`).
    pub convert_agents: bool,
    pub default_source: Option<DefaultActor>,
    pub default_target: Option<DefaultActor>,
    /// `None`: shift dates whenever the dictionaries have time phrases.
    pub time_shifting: Option<bool>,
    /// Record dates are `YYYYMMDD` rather than `YYMMDD`.
    pub four_digit_years: bool,
    pub forward: Forward,
    /// FBIS input conventions: `[bracketed]` text skipped, `<actor>, <actor>` read as a conjunction.
    pub fbis: bool,
    /// Events need both a source and a target (PETRARCH `require_dyad`); when false a missing side is coded
    /// `---` and an agent without an actor becomes `---` plus its code (`---GOV`).
    pub require_dyad: bool,
    /// Agents joined by "and" attach together, FROM introduces an agent's actor, a few modifiers may separate
    /// actor and agent, and an agent applies to every member of a compound (attache and PETRARCH; TABARI
    /// attaches an agent only to the adjacent actor).
    pub rich_agents: bool,
    /// Conjunctions before a sentence's first verb split it into clauses (TABARI). attache and PETRARCH read
    /// them as part of the subject ("Eriador's death and injury toll has risen").
    pub split_before_first_verb: bool,
    /// A comma followed by a new subject and its verb (", a senior official said") starts a new clause
    /// (attache, PETRARCH).
    pub comma_clauses: bool,
    /// The object of a verb is looked for only up to the next comma ("…, coinciding with the Chinese festival"
    /// is not the object). The fallback search before the verb is not bounded (attache).
    pub comma_bounds_target: bool,
    /// A verb right after a possessive ("his visit", "China's sanctions") is a noun (attache).
    pub nouns_after_possessives: bool,
    /// PETRARCH conventions: modal auxiliaries are not verbs, `%` after the verb is the target, `^` steps over
    /// any word, agents without an actor become `---` actors.
    pub petrarch: bool,
    /// attache extensions — detect negation/modality/future and keep them as the event's mode.
    pub detect_modality: bool,
    /// attache extension — resolve date expressions ("on Wednesday") against the publication date.
    pub resolve_dates: bool,
    /// attache extension — "X said (that) Y did Z" keeps X as the event's reporter.
    pub attribution: bool,
    /// attache extension — pronouns at the start of a sentence refer back to the previous sentence's actors.
    pub cross_sentence_pronouns: bool,
    /// attache extension — what the story said before informs this sentence: datelines are skipped, a person
    /// named in full may be named by one word later ("Wang"), "the two sides" are the dyad just named, an
    /// agent without a country takes the country the story gave it ("the protesters"), and a reaction with no
    /// target in its sentence ("condemned the attack") is aimed at whoever acted last (docs/coder.md).
    pub story_context: bool,
    /// attache extension — a bare country as the source of an act only a state performs (treaties, sanctions,
    /// easing them, reducing relations) is coded as its government (`USA` → `USAGOV`).
    pub state_acts: bool,
    /// attache extension — English clause structure: subordinate, relative and participle clauses find their
    /// own subjects; reduced and agentless passives; verb forms inside noun phrases ("for a state visit") and
    /// auxiliary "had" are not verbs; places and capitals as targets; threats stated in the future tense.
    pub english_syntax: bool,
}

impl Options {
    /// TABARI's built-in defaults (before any `.options` file).
    pub fn tabari() -> Options {
        Options {
            code_by: CodeBy::Clause,
            minimum_words: 8,
            comma: CommaLimits::default(),
            complexity: Complexity::default(),
            convert_agents: false,
            default_source: None,
            default_target: None,
            time_shifting: None,
            four_digit_years: false,
            forward: Forward::default(),
            fbis: false,
            require_dyad: true,
            rich_agents: false,
            split_before_first_verb: true,
            comma_clauses: false,
            nouns_after_possessives: false,
            comma_bounds_target: false,
            petrarch: false,
            detect_modality: false,
            resolve_dates: false,
            attribution: false,
            cross_sentence_pronouns: false,
            story_context: false,
            state_acts: false,
            english_syntax: false,
        }
    }

    /// attache's defaults for news: no minimum length, no clause deletion by length, modality, dates and
    /// attribution on, every event coded.
    pub fn attache() -> Options {
        Options {
            code_by: CodeBy::All,
            minimum_words: 3,
            comma: CommaLimits { enabled: false, ..CommaLimits::default() },
            complexity: Complexity::default(),
            convert_agents: false,
            default_source: None,
            default_target: None,
            time_shifting: Some(false),
            four_digit_years: true,
            forward: Forward::default(),
            fbis: false,
            require_dyad: true,
            rich_agents: true,
            split_before_first_verb: false,
            comma_clauses: true,
            nouns_after_possessives: true,
            comma_bounds_target: true,
            petrarch: false,
            detect_modality: true,
            resolve_dates: true,
            attribution: true,
            cross_sentence_pronouns: true,
            story_context: true,
            state_acts: true,
            english_syntax: true,
        }
    }

    /// Applies one TABARI `.options` command line (e.g. `COMPLEX: VERBS[5] NOACTPRIOR`). Unknown commands and
    /// output-only settings are accepted and ignored, as TABARI does.
    pub fn apply(&mut self, line: &str) -> Result<(), String> {
        let line = line.split("//").next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with('~') {
            return Ok(());
        }
        let Some((command, args)) = line.split_once(':') else {
            return Err(format!("`{line}` is not a `COMMAND: arguments` line"));
        };
        let command = command.trim().to_ascii_uppercase();
        let args = args.trim();
        // TABARI only looks at the first four letters of the command.
        let key: String = command.chars().take(4).collect();
        match key.as_str() {
            "COMP" => self.apply_complex(args),
            "SET" => self.apply_set(args),
            "DEFA" => self.apply_default(args),
            "COMM" => self.apply_comma(args),
            "FORW" => {
                let upper = args.to_ascii_uppercase();
                let mut parts = upper.split_whitespace();
                self.forward.format = parts.next().unwrap_or("").to_string();
                self.forward.enabled = !upper.split_whitespace().any(|p| p == "OFF");
                Ok(())
            }
            // Output formatting, labels and nonevents do not change which events are coded.
            "OUTP" | "LABE" | "NONE" => Ok(()),
            _ => Err(format!("unknown options command `{command}`")),
        }
    }

    fn apply_complex(&mut self, args: &str) -> Result<(), String> {
        let mut c = Complexity::default();
        for token in args.to_ascii_uppercase().split_whitespace() {
            let (name, number) = match token.split_once('[') {
                Some((name, rest)) => {
                    let n =
                        rest.trim_end_matches(']').parse::<usize>().map_err(|_| format!("bad number in `{token}`"))?;
                    (name.to_string(), Some(n))
                }
                None => (token.to_string(), None),
            };
            match (name.as_str(), number) {
                ("VERBS", Some(n)) => c.verbs = n,
                ("ACTORS", Some(n)) => c.actors = n,
                ("PRONOUNS", Some(n)) => c.pronouns = n,
                ("CONJ", Some(n)) => c.conjunctions = n,
                ("COMMA", Some(n)) => c.commas = n,
                ("LATEVERB", Some(n)) => c.late_verb = n,
                ("NOACTPRIOR", None) => c.no_actor_prior = true,
                ("NOACTAFTER", None) => c.no_actor_after = true,
                ("NOVERB", None) => c.no_verb = true,
                ("NOSOURCE", None) => c.no_source = true,
                ("NOTARGET", None) => c.no_target = true,
                ("NOEVENT", None) => c.no_event = true,
                ("EXPLAIN" | "NOSAVE", None) => {}
                _ => return Err(format!("unknown COMPLEX condition `{token}`")),
            }
        }
        self.complexity = c;
        Ok(())
    }

    fn apply_set(&mut self, args: &str) -> Result<(), String> {
        let upper = args.to_ascii_uppercase();
        let (name, value) = match upper.split_once('=') {
            Some((n, v)) => (n.trim().to_string(), v.trim().to_string()),
            None => (upper.trim().to_string(), String::new()),
        };
        let flag = |v: &str| -> Result<bool, String> {
            match v {
                "TRUE" | "T" | "ON" => Ok(true),
                "FALSE" | "F" | "OFF" => Ok(false),
                _ => Err(format!("`{v}` is not TRUE or FALSE")),
            }
        };
        let compact: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
        match compact.as_str() {
            "CODE BY CLAUSE" => self.code_by = CodeBy::Clause,
            "CODE BY SENTENCE" => self.code_by = CodeBy::Sentence,
            "CODE ALL" | "CODE BY ALL" => self.code_by = CodeBy::All,
            "MINIMUM WORDS" => {
                self.minimum_words = value.parse().map_err(|_| format!("`{value}` is not a number of words"))?
            }
            "CONVERT AGENTS" | "CONVERT AGENT" => self.convert_agents = flag(&value)?,
            "YYYY" => self.four_digit_years = flag(&value)?,
            "TIME SHIFTING" | "TIME SHIFT" => self.time_shifting = Some(flag(&value)?),
            "FBIS" => self.fbis = flag(&value)?,
            // Interface and output switches.
            "LABEL" | "SKIP RECORDS" | "VERB USAGE" | "ACTOR USAGE" | "AGENT USAGE" | "DUP WARNING" | "HAIKU"
            | "ALLCAPS" | "CHECK DOMINANT" | "MATCH" => {}
            _ => return Err(format!("unknown SET parameter `{compact}`")),
        }
        Ok(())
    }

    fn apply_default(&mut self, args: &str) -> Result<(), String> {
        let upper = args.to_ascii_uppercase();
        if upper.trim() == "OFF" {
            self.default_source = None;
            self.default_target = None;
            return Ok(());
        }
        let words: Vec<String> =
            upper.replace(['[', ']'], " ").replace(':', " ").split_whitespace().map(String::from).collect();
        let mut i = 0;
        while i < words.len() {
            match words[i].as_str() {
                "SOURCE" | "TARGET" => {
                    let Some(code) = words.get(i + 1) else {
                        return Err(format!("DEFAULT {} needs a [code]", words[i]));
                    };
                    let modifier = words.get(i + 2).map(String::as_str);
                    let strict = matches!(modifier, Some("PRIOR") | Some("AFTER"));
                    let actor = Some(DefaultActor { code: code.clone(), strict_side: strict });
                    if words[i] == "SOURCE" {
                        self.default_source = actor;
                    } else {
                        self.default_target = actor;
                    }
                    i += if strict { 3 } else { 2 };
                }
                other => return Err(format!("unexpected `{other}` in DEFAULT")),
            }
        }
        Ok(())
    }

    fn apply_comma(&mut self, args: &str) -> Result<(), String> {
        let upper = args.to_ascii_uppercase();
        if upper.trim() == "OFF" {
            self.comma.enabled = false;
            return Ok(());
        }
        let normalised = upper.replace('=', " = ");
        let words: Vec<&str> = normalised.split_whitespace().collect();
        let mut i = 0;
        while i < words.len() {
            let name = words[i];
            if words.get(i + 1) != Some(&"=") {
                return Err(format!("expected `{name} = value` in COMMA"));
            }
            let value: usize =
                words.get(i + 2).and_then(|v| v.parse().ok()).ok_or_else(|| format!("`{name}` needs a number"))?;
            match name {
                "MIN" => self.comma.min = value,
                "MAX" => self.comma.max = value,
                "EMIN" => self.comma.end_min = value,
                "EMAX" => self.comma.end_max = value,
                "BMIN" => self.comma.begin_min = value,
                "BMAX" => self.comma.begin_max = value,
                _ => return Err(format!("unknown COMMA limit `{name}`")),
            }
            i += 3;
        }
        self.comma.enabled = true;
        Ok(())
    }
}

/// Reads a TABARI `.options` file on top of TABARI's defaults.
pub fn read_options(text: &str, file: &str) -> Result<(Options, Vec<crate::DictError>), DictErrors> {
    let mut options = Options::tabari();
    let mut problems = Problems::default();
    for (line_no, raw) in numbered_lines(text) {
        if raw.trim_start().starts_with("~~") {
            break;
        }
        if let Err(cause) = options.apply(raw) {
            problems.push(file, line_no, cause);
        }
    }
    Ok((options, problems.errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_options() {
        let text = "// c\nCOMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN\nSET: SKIP RECORDS = FALSE\nOUTPUT: ACTOR MATCH ID\nLABEL: 010=YIELD\n~~~~~\nJUNK\n";
        let (o, warnings) = read_options(text, "v.options").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(o.complexity.verbs, 5);
        assert!(o.complexity.no_actor_prior);
    }

    #[test]
    fn option_records() {
        let mut o = Options::tabari();
        o.apply("DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER").unwrap();
        assert_eq!(o.default_source.as_ref().unwrap().code, "DEFSRC");
        assert!(o.default_target.as_ref().unwrap().strict_side);
        o.apply("DEFAULT: OFF").unwrap();
        assert!(o.default_source.is_none());
        o.apply("COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8").unwrap();
        assert_eq!((o.comma.min, o.comma.begin_max), (4, 8));
        o.apply("SET: CODE ALL").unwrap();
        assert_eq!(o.code_by, CodeBy::All);
        o.apply("SET: TIME SHIFT = TRUE").unwrap();
        assert_eq!(o.time_shifting, Some(true));
        o.apply("SET: MINIMUM WORDS = 4").unwrap();
        assert_eq!(o.minimum_words, 4);
        assert!(o.apply("SET: MINIMUM WORDS = x").is_err());
        assert!(o.apply("BOGUS").is_err());
    }
}
