//! Every property test of the core, in one test binary (`cargo test -p revtain --test props`):
//! round trips and invariants over random inputs, one module per capability. Failing cases
//! proptest found are kept beside their module (`<capability>.proptest-regressions`) and
//! replayed first.

mod card;
mod connector;
mod ratelimit;
mod retry;
mod webhook;
