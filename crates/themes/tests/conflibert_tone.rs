//! Sanity evaluation of tone on real wire sentences: the ConfliBERT CAMEO-class sentences (read from the shared
//! data at test time). Their labels group CAMEO roots roughly by QuadClass, from cooperation (0–2) to verbal (3)
//! and material (4) conflict, so mean tone should fall from the cooperative classes to the conflict ones.

use attache_themes::ThemeStage;

/// (class, sentence) pairs; panics with file and line on a malformed record.
fn read_records(text: &str, origin: &str) -> Vec<(usize, String)> {
    let mut records = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let (sentence, label) =
            line.rsplit_once('\t').unwrap_or_else(|| panic!("{origin}:{}: no tab-separated label", number + 1));
        let class: usize =
            label.trim().parse().unwrap_or_else(|_| panic!("{origin}:{}: label `{label}` is not 0–4", number + 1));
        assert!(class <= 4, "{origin}:{}: label {class} out of range", number + 1);
        records.push((class, sentence.to_string()));
    }
    records
}

#[test]
fn mean_tone_orders_cooperation_above_conflict() {
    let Some(path) = attache_testkit::shared_path("data/conflibert/cameo_class/train.tsv") else { return };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let records = read_records(&text, &path.display().to_string());
    assert!(records.len() > 1000, "only {} records", records.len());

    let stage = ThemeStage::default();
    let mut sums = [0f64; 5];
    let mut counts = [0usize; 5];
    let mut negative = [0usize; 5];
    for (class, sentence) in &records {
        let tone = stage.analyze(sentence).tone.tone as f64;
        sums[*class] += tone;
        counts[*class] += 1;
        negative[*class] += usize::from(tone < 0.0);
    }
    let means: Vec<f64> = (0..5).map(|c| sums[c] / counts[c].max(1) as f64).collect();
    for c in 0..5 {
        println!(
            "class {c}: n = {:>3}  mean tone = {:+.2}  share negative = {:.0}%",
            counts[c],
            means[c],
            100.0 * negative[c] as f64 / counts[c].max(1) as f64
        );
    }
    let mean_of = |classes: &[usize]| {
        let n: usize = classes.iter().map(|&c| counts[c]).sum();
        classes.iter().map(|&c| sums[c]).sum::<f64>() / n as f64
    };
    let cooperation = mean_of(&[0, 1, 2]);
    let conflict = mean_of(&[3, 4]);
    println!("cooperation (0–2) {cooperation:+.2}  conflict (3–4) {conflict:+.2}");

    // Material conflict is the most negative class, verbal conflict next, and the cooperative classes above both.
    assert!(means[4] < means[3], "{means:?}");
    for cooperative in 0..3 {
        assert!(means[cooperative] > means[3], "{means:?}");
    }
    // News tone leans negative overall (as GDELT's does), so only the clearly cooperative class must be positive.
    assert!(means[1] > 0.0 && conflict < 0.0, "{means:?}");
    assert!(cooperation - conflict > 3.0, "separation too small: {cooperation} vs {conflict}");
}
