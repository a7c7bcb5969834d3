//! Moodle competency framework CSV at a realistic large size: 5,010 competencies (10 domains,
//! 50 competencies each, 9 behaviours under each competency) with HTML descriptions and cross
//! references. Measures importing it, exporting the result, writing it as a framework file, and
//! installing it into a learner's database.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use w2b_core::frameworks::{from_moodle_csv, to_moodle_csv, to_toml};
use w2b_core::store::Store;

const DOMAINS: usize = 10;
const COMPETENCIES: usize = 50;
const BEHAVIOURS: usize = 9;

const HEADER: &str = "\"Parent ID number\",\"ID number\",\"Short name\",\"Description\",\
    \"Description format\",\"Scale values\",\"Scale configuration\",\"Rule type (optional)\",\
    \"Rule outcome (optional)\",\"Rule config (optional)\",\
    \"Cross-referenced competency ID numbers\",\"Exported ID (optional)\",\"Is framework\",\
    \"Taxonomy\"\r\n";

fn row(parent: &str, id: &str, name: &str, refs: &str) -> String {
    format!(
        "{parent},{id},\"{name}\",\"<p>What a ward manager does for {name}:</p>\n<ul>\n\
         <li>plans it with the team &amp; the matron</li>\n<li>checks it every week</li>\n\
         </ul>\",1,,,,0,null,\"{refs}\",,,\r\n"
    )
}

/// A framework export the size of a large trust's whole leadership programme.
fn large_csv() -> String {
    let mut csv = String::from(HEADER);
    csv.push_str(
        ",TRUST-LEAD,Trust leadership programme,\"<p>All leadership levels.</p>\",1,\
         \"Not yet,Developing,Competent,Role model\",\
         \"[{\"\"scaleid\"\":\"\"4\"\"},{\"\"id\"\":3,\"\"scaledefault\"\":1,\"\"proficient\"\":1}]\",\
         ,,,,,1,\"domain,competency,behaviour\"\r\n",
    );
    for d in 0..DOMAINS {
        let domain = format!("D{d}");
        csv.push_str(&row("", &domain, &format!("Domain {d}"), ""));
        for c in 0..COMPETENCIES {
            let competency = format!("D{d}-C{c}");
            let refs = format!("D{}-C{c}", (d + 1) % DOMAINS);
            csv.push_str(&row(
                &domain,
                &competency,
                &format!("Competency {c} of domain {d}"),
                &refs,
            ));
            for b in 0..BEHAVIOURS {
                csv.push_str(&row(
                    &competency,
                    &format!("D{d}-C{c}-B{b}"),
                    &format!("Behaviour {b} of competency {c}, domain {d}"),
                    "",
                ));
            }
        }
    }
    csv
}

fn frameworks(c: &mut Criterion) {
    let csv = large_csv();
    let fw = from_moodle_csv("bench.csv", csv.as_bytes())
        .unwrap_or_else(|e| panic!("the bench CSV is valid: {e}"));
    eprintln!(
        "bench CSV: {} competencies, {} KB",
        fw.items.len(),
        csv.len() / 1000
    );
    let mut group = c.benchmark_group("moodle_csv_5000_competencies");
    group.sample_size(20);
    group.bench_function("import (read, check, convert HTML)", |b| {
        b.iter(|| from_moodle_csv("bench.csv", black_box(csv.as_bytes())))
    });
    group.bench_function("export to Moodle CSV", |b| {
        b.iter(|| to_moodle_csv(black_box(&fw)))
    });
    group.bench_function("write as a framework file", |b| {
        b.iter(|| to_toml(black_box(&fw)))
    });
    // Into a fresh learner's database (opened, with the shipped frameworks, outside the
    // timing): one transaction writing every item, then the installed set read back.
    let now = chrono::DateTime::from_timestamp(1_796_000_000, 0).unwrap_or_default();
    group.bench_function("install into a learner's database", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
                let store = Store::open(dir.path(), now).unwrap_or_else(|e| panic!("{e}"));
                (dir, store)
            },
            |(dir, store)| {
                store
                    .install_framework(black_box(&fw), "bench.csv", now)
                    .unwrap_or_else(|e| panic!("installs: {e}"));
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, frameworks);
criterion_main!(benches);
