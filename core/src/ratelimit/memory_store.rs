//! The in-process store of the rate limiter: the admissions of each key in a ring buffer, in 64
//! mutex-guarded shards keyed by a secret SipHash of the key (see `docs/ratelimit.md`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Mutex, MutexGuard};

use siphasher::sip128::{Hasher128, SipHasher13};

use super::{Outcome, RateLimitError};

/// Shards of the in-memory store, each behind its own lock.
pub(super) const SHARDS: usize = 64;
/// A shard sweeps idle keys when it has grown to this many keys at least.
pub(super) const MIN_SWEEP: usize = 256;

/// The admissions of one key still in the window, oldest first: a ring buffer in one heap
/// block, `[meta, t0, t1, …]` with `meta = head << 32 | len`.
///
/// Keeping the ring's state in the block rather than in the map's bucket means a decision
/// writes only to its own key's block: threads deciding for different keys do not write to the
/// shared bucket array (whose cache lines would bounce between cores), and a key costs the
/// 32-byte bucket plus `8 × (1 + capacity)` bytes, the capacity doubling up to the limit.
struct Log(Box<[u64]>);

impl Log {
    fn new(limit: u32) -> Log {
        Log(vec![0; 1 + (limit as usize).min(2)].into_boxed_slice())
    }

    fn cap(&self) -> usize {
        self.0.len() - 1
    }

    fn head_len(&self) -> (usize, usize) {
        (
            (self.0[0] >> 32) as usize,
            (self.0[0] & 0xffff_ffff) as usize,
        )
    }

    fn set_head_len(&mut self, head: usize, len: usize) {
        self.0[0] = (head as u64) << 32 | len as u64;
    }

    fn len(&self) -> usize {
        self.head_len().1
    }

    /// The slot of ring position `head + i` (both below the capacity: no division).
    fn slot(&self, head: usize, i: usize) -> usize {
        let j = head + i;
        1 + if j >= self.cap() { j - self.cap() } else { j }
    }

    /// The i-th admission, oldest first (`i < len`).
    fn get(&self, i: usize) -> u64 {
        self.0[self.slot(self.head_len().0, i)]
    }

    fn newest(&self) -> Option<u64> {
        let len = self.len();
        (len > 0).then(|| self.get(len - 1))
    }

    /// Drops the admissions that are `window_us` old at `now`.
    fn expire(&mut self, now: u64, window_us: u64) {
        let (mut head, mut len) = self.head_len();
        while len > 0 && now.saturating_sub(self.0[1 + head]) >= window_us {
            head = self.slot(head, 1) - 1;
            len -= 1;
        }
        self.set_head_len(if len == 0 { 0 } else { head }, len);
    }

    fn push(&mut self, t: u64, limit: u32) {
        let (head, len) = self.head_len();
        if len == self.cap() {
            // Grow (only ever called with len < limit): copy out in order, oldest first.
            let cap = (self.cap() * 2).clamp(1, limit as usize);
            let mut grown = vec![0u64; 1 + cap];
            for (i, slot) in grown[1..=len].iter_mut().enumerate() {
                *slot = self.get(i);
            }
            self.0 = grown.into_boxed_slice();
            self.set_head_len(0, len);
            self.push(t, limit);
            return;
        }
        let slot = self.slot(head, len);
        self.0[slot] = t;
        self.set_head_len(head, len + 1);
    }

    fn is_idle(&self, now: u64, window_us: u64) -> bool {
        self.newest()
            .is_none_or(|newest| now.saturating_sub(newest) >= window_us)
    }

    fn decide(&mut self, now: u64, limit: u32, window_us: u64) -> Outcome {
        self.expire(now, window_us);
        let allowed = self.len() < limit as usize;
        if allowed {
            // Never record an admission before the previous one (the wall clock can step back).
            let stamp = self.newest().map_or(now, |newest| newest.max(now));
            self.push(stamp, limit);
        }
        let len = self.len();
        Outcome {
            allowed,
            count: len as u64,
            oldest: if len > 0 { self.get(0) } else { 0 },
            newest: self.newest().unwrap_or(0),
            now,
        }
    }
}

/// Hashes an already keyed 128-bit hash down to its low 64 bits (the map's keys are uniformly
/// distributed under a secret key, so no second hash is needed).
#[derive(Default)]
struct PrehashedHasher(u64);

impl Hasher for PrehashedHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u128` is used by `u128` keys; fold anything else in case.
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = self.0.rotate_left(5) ^ u64::from_le_bytes(word);
        }
    }
    fn write_u128(&mut self, n: u128) {
        self.0 = n as u64;
    }
}

type LogMap = HashMap<u128, Log, BuildHasherDefault<PrehashedHasher>>;

struct Shard {
    logs: LogMap,
    sweep_at: usize,
}

impl Shard {
    /// Drops the idle keys, gives memory back after a spike, and returns how many were dropped.
    fn sweep(&mut self, now: u64, window_us: u64) -> usize {
        let before = self.logs.len();
        self.logs.retain(|_, log| !log.is_idle(now, window_us));
        let len = self.logs.len();
        if self.logs.capacity() > 4 * len.max(MIN_SWEEP) {
            self.logs.shrink_to(2 * len);
        }
        self.sweep_at = (len * 2).max(MIN_SWEEP);
        before - len
    }
}

/// A shard on its own cache lines, so that threads locking neighbouring shards do not contend.
#[repr(align(128))]
struct PaddedShard(Mutex<Shard>);

/// The in-process store: 64 mutex-guarded shards of per-key logs.
pub(super) struct MemoryStore {
    shards: Box<[PaddedShard]>,
    hash_key: [u8; 16],
}

impl MemoryStore {
    pub(super) fn new() -> Result<Self, RateLimitError> {
        let mut hash_key = [0u8; 16];
        crate::rng::fill(&mut hash_key)
            .map_err(|e| RateLimitError::InvalidConfig(e.to_string()))?;
        let shards = (0..SHARDS)
            .map(|_| {
                PaddedShard(Mutex::new(Shard {
                    logs: LogMap::default(),
                    sweep_at: MIN_SWEEP,
                }))
            })
            .collect();
        Ok(MemoryStore { shards, hash_key })
    }

    fn hash(&self, key: &[u8]) -> u128 {
        let mut h = SipHasher13::new_with_key(&self.hash_key);
        h.write(key);
        h.finish128().as_u128()
    }

    fn shard(&self, id: u128) -> MutexGuard<'_, Shard> {
        let i = (id >> 64) as usize % SHARDS;
        // A panic while holding the lock cannot leave a log half-updated in a way that breaks
        // the guarantee (every update is a push or a pop), so a poisoned shard is still used.
        self.shards[i].0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn decide(&self, key: &[u8], now: u64, limit: u32, window_us: u64) -> Outcome {
        let id = self.hash(key);
        let mut shard = self.shard(id);
        if let Some(log) = shard.logs.get_mut(&id) {
            return log.decide(now, limit, window_us);
        }
        if shard.logs.len() >= shard.sweep_at {
            shard.sweep(now, window_us);
        }
        let mut log = Log::new(limit);
        let outcome = log.decide(now, limit, window_us);
        shard.logs.insert(id, log);
        outcome
    }

    pub(super) fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.0.lock().unwrap_or_else(|p| p.into_inner()).logs.len())
            .sum()
    }

    pub(super) fn evict_idle(&self, now: u64, window_us: u64) -> usize {
        let mut evicted = 0;
        for shard in self.shards.iter() {
            evicted += shard
                .0
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .sweep(now, window_us);
        }
        evicted
    }
}
