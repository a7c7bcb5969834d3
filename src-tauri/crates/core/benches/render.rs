//! Markdown rendering (issue #17): the time to render a text per KB should be flat from 1 KB
//! to 1 MB, for ordinary prose and for shapes built to be slow (nesting on one line or a
//! level a line, lists, emphasis, raw HTML, addresses). Criterion reports throughput in
//! bytes per second for each shape and size; a flat line across sizes is linear time.
//! Run with `make bench-render` (or `cargo bench -p w2b-core --bench render`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use w2b_core::markdown::render;

const KB: usize = 1024;
const SIZES: [usize; 6] = [KB, 4 * KB, 16 * KB, 64 * KB, 256 * KB, 1024 * KB];

/// Prose as a lesson has it: paragraphs with emphasis, a link and an address, a list.
const PROSE: &str =
    "The ward's **agency spend** rose in *winter*; see [the plan](https://example.org/plan) \
     and https://www.england.nhs.uk/ for the rules.\n\n- rota gaps\n- sickness absence\n\n";

/// Shapes, each `(name, unit)`: the unit repeated to the size wanted.
const SHAPES: [(&str, &str); 10] = [
    ("flat prose", PROSE),
    ("quotes on one line", ">"),
    ("a quote level a line", ">\n"),
    ("lists on one line", "+ "),
    ("emphasis runs", "*_"),
    ("emphasis in emphasis", "*a "),
    ("raw html divs", "<div>"),
    ("raw html formatting", "<b><i>x"),
    ("addresses", "https://a.example/x "),
    ("ampersands", "&#"),
];

fn text(unit: &str, size: usize) -> String {
    unit.repeat(size.div_ceil(unit.len()))
}

/// One quick pass over every shape and size before criterion's, printed as microseconds
/// per KB, so the figures for the notes can be read in one table.
fn per_kb_table() {
    eprintln!(
        "{:<24}{}",
        "µs per KB",
        SIZES.map(|s| format!("{:>9}", s / KB)).concat()
    );
    for (name, unit) in SHAPES {
        let mut row = format!("{name:<24}");
        for size in SIZES {
            let md = text(unit, size);
            let runs = (4 * 1024 * KB / size).clamp(3, 200);
            let started = Instant::now();
            for _ in 0..runs {
                black_box(render(black_box(&md)));
            }
            let per_kb = started.elapsed().as_secs_f64() * 1e6 / runs as f64 / (size / KB) as f64;
            row.push_str(&format!("{per_kb:>9.1}"));
        }
        eprintln!("{row}");
    }
}

fn rendering(c: &mut Criterion) {
    per_kb_table();
    for (name, unit) in SHAPES {
        let mut group = c.benchmark_group(format!("render {name}"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_secs(2));
        for size in SIZES {
            let md = text(unit, size);
            group.throughput(Throughput::Bytes(md.len() as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(format!("{} KB", size / KB)),
                &md,
                |b, md| b.iter(|| render(black_box(md))),
            );
        }
        group.finish();
    }
}

criterion_group!(benches, rendering);
criterion_main!(benches);
