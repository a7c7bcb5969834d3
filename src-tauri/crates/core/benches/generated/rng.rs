//! A small seeded random source for generated entries: the same seed gives the same
//! portfolio on every machine (the benchmarks and `examples/export_portfolio.rs`).

/// xorshift64: the same seed gives the same portfolio on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }

    /// `n` words from `list`, separated by spaces.
    pub fn words(&mut self, list: &[&str], n: usize) -> String {
        (0..n)
            .map(|_| *self.pick(list))
            .collect::<Vec<_>>()
            .join(" ")
    }
}
