//! Native throughput of reading a call record: `serde_json::Value` (the floor: what any JSON
//! reader must do) against serde into the lenient model alone (`Reading<Node>`, the core of
//! loading), `callscope::load::load` and `load` + `analysis::analyse`, on the generator's 1 MB
//! and 10 MB records. Criterion prints each as time and MB/s
//! ("thrpt"); `scripts/bench.sh --native` runs it, `cargo test` does not.
//!
//! The records are generated in memory with the same options as the browser benchmark
//! (`bench/run.mjs`), so the two can be compared.

#[path = "../examples/generate.rs"]
#[allow(
    dead_code,
    reason = "the example's command-line entry point is not used when it is a module"
)]
mod generate;

use std::hint::black_box;
use std::time::Duration;

use callscope::analysis::analyse;
use callscope::load::{load, Outcome};
use callscope::model::{Node, Reading};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// Sizes and seeds as `scripts/bench.sh` writes them.
const RECORDS: [(&str, usize, u64); 2] = [("1MB", 1_000_000, 1), ("10MB", 10_000_000, 2)];

fn document(text: &str) -> callscope::load::Document {
    match load(text) {
        Outcome::Document(doc) => *doc,
        _ => panic!("the generated record loads as a document"),
    }
}

fn reading(c: &mut Criterion) {
    let mut group = c.benchmark_group("read");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(6));
    for (name, bytes, seed) in RECORDS {
        let (text, counts) = generate::generate(&generate::Options {
            seed,
            target_bytes: Some(bytes),
            ..generate::Options::default()
        });
        println!("{name}: {counts}");
        group.throughput(Throughput::BytesDecimal(text.len() as u64));

        // Dropping the result is left out of every measurement: it is the same work for all
        // three, and the app keeps its report anyway.
        group.bench_with_input(
            BenchmarkId::new("serde_json::Value", name),
            &text,
            |b, t| {
                b.iter_with_large_drop(|| serde_json::from_str::<serde_json::Value>(black_box(t)))
            },
        );
        group.bench_with_input(BenchmarkId::new("model", name), &text, |b, t| {
            b.iter_with_large_drop(|| serde_json::from_str::<Reading<Node>>(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("load", name), &text, |b, t| {
            b.iter_with_large_drop(|| load(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("load+analyse", name), &text, |b, t| {
            b.iter_with_large_drop(|| analyse(document(black_box(t))))
        });
    }
    group.finish();
}

criterion_group!(benches, reading);
criterion_main!(benches);
