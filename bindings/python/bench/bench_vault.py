"""Vault seal through the Python binding vs the `cryptography` package's AESGCM.encrypt, side
by side in one process. Run: .venv/bin/python bindings/python/bench/bench_vault.py

Both encrypt 1 KiB with AES-256-GCM and a key object made once. `cryptography` is measured
twice: with a fixed nonce (its bare cost; never do this in production) and with a fresh
`os.urandom(12)` nonce per call, which is what a correct caller pays; our seal always draws its
nonce from the OS inside the call and also builds the envelope and the context binding.
"""

import os
import statistics
import timeit

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

import revtain

DATA = os.urandom(1024)
CTX = {"tenant": "ten_8f3a", "gateway": "stripe", "field": "secret_key"}
KEYRING = revtain.Keyring.generate()
AES = AESGCM(os.urandom(32))
NONCE = os.urandom(12)
AAD = bytes(6) + b"\x00\x03" + b"x" * 40  # header + an encoded context of the same size

CASES = {
    "revtain Keyring.seal_bytes (1 KiB, 3-entry context)": lambda: KEYRING.seal_bytes(DATA, CTX),
    "revtain Keyring.seal_bytes (1 KiB, empty context)": lambda: KEYRING.seal_bytes(DATA, {}),
    "revtain Keyring.seal (text form)": lambda: KEYRING.seal(DATA, CTX),
    "cryptography AESGCM.encrypt, fixed nonce": lambda: AES.encrypt(NONCE, DATA, AAD),
    "cryptography AESGCM.encrypt + os.urandom(12)": lambda: AES.encrypt(os.urandom(12), DATA, AAD),
}


def main():
    number, rounds = 20000, 15
    samples = {name: [] for name in CASES}
    for _ in range(rounds):  # interleaved, so drift on a shared machine hits every case alike
        for name, fn in CASES.items():
            samples[name].append(timeit.timeit(fn, number=number) / number * 1e6)
    med = {name: statistics.median(v) for name, v in samples.items()}
    base = med["cryptography AESGCM.encrypt, fixed nonce"]
    fresh = med["cryptography AESGCM.encrypt + os.urandom(12)"]
    print(f"{'case':55s} {'median µs':>10s} {'vs fixed':>9s} {'vs urandom':>11s}")
    for name, m in med.items():
        print(f"{name:55s} {m:10.3f} {base / m:8.2f}x {fresh / m:10.2f}x")


if __name__ == "__main__":
    main()
