//! Reads the peers' real dictionaries as they are and checks that (almost) every line is understood.

use attache_dict::{Lexicon, decode, petrarch, tabari};
use std::path::Path;

fn read(path: &Path) -> String {
    decode(&std::fs::read(path).unwrap()).into_owned()
}

fn report(name: &str, loaded: &attache_dict::Loaded) {
    eprintln!("{name}: {} warnings", loaded.warnings.len());
    for w in loaded.warnings.iter().take(15) {
        eprintln!("  {w}");
    }
}

#[test]
fn tabari_files_read() {
    let Some(dir) = attache_testkit::shared_path("data/tabari") else { return };
    let actors = tabari::read_actors(&read(&dir.join("TABARI.Demo.actors")), "TABARI.Demo.actors").unwrap();
    report("actors", &actors);
    // Two lines of the demo file are deliberately bad (checked by the suite itself).
    assert!(actors.warnings.len() <= 3);
    assert!(actors.dictionary.actors.len() > 100);
    let verbs = tabari::read_verbs(&read(&dir.join("TABARI.Demo.verbs")), "TABARI.Demo.verbs").unwrap();
    report("demo verbs", &verbs);
    assert!(verbs.warnings.len() <= 3);
    let agents = tabari::read_agents(&read(&dir.join("Validate.agents")), "Validate.agents").unwrap();
    report("agents", &agents);
    assert!(agents.warnings.is_empty());
    let master =
        tabari::read_verbs(&read(&dir.join("CAMEO.091003.master.verbs")), "CAMEO.091003.master.verbs").unwrap();
    report("master verbs", &master);
    assert!(master.dictionary.pattern_count() > 10_000);
    assert!(master.warnings.len() < 50);
    let (_, warnings) =
        attache_dict::options::read_options(&read(&dir.join("Validate.options")), "Validate.options").unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let (_, warnings) =
        attache_dict::options::read_options(&read(&dir.join("CAMEO.09b5.options")), "CAMEO.09b5.options").unwrap();
    eprintln!("CAMEO options: {warnings:?}");
    let mut dict = actors.dictionary;
    dict.merge(verbs.dictionary);
    dict.merge(agents.dictionary);
    let lexicon = Lexicon::compile(dict);
    assert!(lexicon.warnings().is_empty(), "{:?}", lexicon.warnings());
}

#[test]
fn petrarch_files_read() {
    let Some(dir) = attache_testkit::shared_path("data/petrarch") else { return };
    for (file, max) in [
        ("PETR.Validate.actors.txt", 3),
        ("Phoenix.Countries.actors.txt", 12),
        ("Phoenix.International.actors.txt", 8),
        ("Phoenix.MilNonState.actors.txt", 2),
    ] {
        let loaded = petrarch::read_actors(&read(&dir.join(file)), file).unwrap();
        report(file, &loaded);
        assert!(loaded.warnings.len() <= max, "{file}");
        assert!(!loaded.dictionary.actors.is_empty());
    }
    for file in ["PETR.Validate.agents.txt", "Phoenix.agents.txt"] {
        let loaded = petrarch::read_agents(&read(&dir.join(file)), file).unwrap();
        report(file, &loaded);
        assert!(loaded.warnings.len() <= 1, "{file}");
    }
    for file in ["PETR.Validate.verbs.txt", "CAMEO.2.0.txt"] {
        let loaded = petrarch::read_verbs(&read(&dir.join(file)), file).unwrap();
        report(file, &loaded);
        assert!(loaded.warnings.len() <= 8, "{file}");
        let lexicon = Lexicon::compile(loaded.dictionary);
        eprintln!(
            "{file}: {} compile warnings {:?}",
            lexicon.warnings().len(),
            lexicon.warnings().iter().take(5).collect::<Vec<_>>()
        );
    }
    for file in ["PETR.Validate.discards.txt", "Phoenix.discards.txt"] {
        let loaded = petrarch::read_discards(&read(&dir.join(file)), file).unwrap();
        report(file, &loaded);
        assert!(loaded.warnings.is_empty(), "{file}");
    }
    let issues = petrarch::read_issues(&read(&dir.join("Phoenix.IssueCoding.txt")), "Phoenix.IssueCoding.txt").unwrap();
    report("issues", &issues);
    assert!(issues.dictionary.issues.len() > 1000);
}
