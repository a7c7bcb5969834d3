//! Curriculum packs at a realistic large size: 1,000 lessons of about 10 KB each (10 MB of
//! Markdown, 3,000 questions) in 20 modules. Measures checking a pack, building and reading
//! its archive, and importing it into a real database file.

use std::hint::black_box;

use chrono::Utc;
use criterion::{criterion_group, criterion_main, Criterion};
use w2b_core::curriculum::{parse_pack, PackFiles};
use w2b_core::store::Store;

const MODULES: usize = 20;
const LESSONS_PER_MODULE: usize = 50;

fn lesson(module: usize, index: usize) -> String {
    let mut body = String::from("An introduction that sets the scene for the lesson.\n\n");
    for section in 0..12 {
        body.push_str(&format!("## Section {section}\n\n"));
        body.push_str(&"A paragraph of plain explanation about budgets, rotas and governance, with *emphasis*, **strong words** and a [source](https://www.england.nhs.uk/). ".repeat(4));
        body.push_str("\n\n| Line | Budget | Actual |\n|:--|--:|--:|\n| Nursing | 1,200 | 1,150 |\n| Agency | 0 | 64 |\n\n");
    }
    let mut front = format!(
        "+++\nid = \"m{module}-l{index}\"\ntitle = \"Lesson {index} of module {module}\"\nminutes = 15\n\
         outcomes = [\"Explain a variance\", \"Score a risk\"]\nbehaviours = [\"cmpf.resources.budget-ownership\"]\n\
         reflection = \"What does this mean for your ward?\"\nactivity = \"Shadow a budget meeting.\"\n"
    );
    for q in 0..3 {
        front.push_str(&format!(
            "\n[[questions]]\nid = \"q{q}\"\ntype = \"single\"\nprompt = \"Which is right?\"\n\
             [[questions.options]]\ntext = \"This\"\ncorrect = true\nexplanation = \"Because it is.\"\n\
             [[questions.options]]\ntext = \"That\"\ncorrect = false\nexplanation = \"Because it is not.\"\n"
        ));
    }
    format!("{front}+++\n{body}")
}

fn large_pack() -> PackFiles {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let folders: Vec<String> = (0..MODULES).map(|m| format!("module-{m:02}")).collect();
    files.push((
        "pack.toml".into(),
        format!(
            "format = 1\nid = \"bench.large\"\nversion = \"1.0.0\"\ntitle = \"Large\"\npublisher = \"Bench\"\n\
             licence = \"CC-BY-4.0\"\nlanguage = \"en-GB\"\nmin_app_version = \"0.1.0\"\nframework = \"cmpf\"\nmodules = {folders:?}\n"
        )
        .into_bytes(),
    ));
    for (m, folder) in folders.iter().enumerate() {
        let names: Vec<String> = (0..LESSONS_PER_MODULE)
            .map(|l| format!("{l:03}.md"))
            .collect();
        files.push((
            format!("{folder}/module.toml"),
            format!("id = \"{folder}\"\ntitle = \"Module {m}\"\nlessons = {names:?}\n")
                .into_bytes(),
        ));
        for (l, name) in names.iter().enumerate() {
            files.push((format!("{folder}/{name}"), lesson(m, l).into_bytes()));
        }
    }
    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    PackFiles::from_embedded(&borrowed)
}

fn packs(c: &mut Criterion) {
    let files = large_pack();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let pack = parse_pack(&files).unwrap_or_else(|e| panic!("the bench pack is valid: {e}"));
    let archive = files.to_archive().unwrap_or_else(|e| panic!("builds: {e}"));
    eprintln!(
        "bench pack: {} files, {} MB of text, archive {} KB",
        files.len(),
        bytes / 1_000_000,
        archive.len() / 1000
    );

    let mut group = c.benchmark_group("pack_1000_lessons");
    group.sample_size(10);
    group.bench_function("check (parse and validate)", |b| {
        b.iter(|| parse_pack(black_box(&files)))
    });
    group.bench_function("build archive", |b| {
        b.iter(|| black_box(&files).to_archive())
    });
    group.bench_function("read archive", |b| {
        b.iter(|| PackFiles::from_archive_bytes(black_box(&archive)))
    });
    group.bench_function("import into a new database", |b| {
        b.iter_with_setup(
            || {
                let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
                let store =
                    Store::open(dir.path(), Utc::now()).unwrap_or_else(|e| panic!("opens: {e}"));
                (dir, store)
            },
            |(_dir, store)| store.import_pack(black_box(&pack), false, Utc::now()),
        );
    });
    group.bench_function("upgrade in place (same lessons)", |b| {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let store = Store::open(dir.path(), Utc::now()).unwrap_or_else(|e| panic!("opens: {e}"));
        let mut version = 1;
        b.iter(|| {
            version += 1;
            let mut next = pack.clone();
            next.manifest.version = format!("{version}.0.0");
            next.content_sha256 = format!("v{version}");
            store.import_pack(&next, false, Utc::now())
        });
    });
    group.finish();
}

criterion_group!(benches, packs);
criterion_main!(benches);
