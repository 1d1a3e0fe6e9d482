#!/usr/bin/env bash
# Vault throughput beside OpenSSL on this machine, in one run: `openssl speed` for AES-256-GCM
# encrypt and decrypt at 64 B, 1 KiB, 16 KiB and 1 MiB, then the criterion bench of the core.
# Prints the ratios that docs/benchmarks.md records. Usage: bash bench/vault.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
for size in 64 1024 16384 1048576; do
  for dir in enc dec; do
    flag=""; [ "$dir" = dec ] && flag="-decrypt"
    openssl speed -evp aes-256-gcm $flag -bytes "$size" -seconds 2 -mr 2>/dev/null \
      | awk -F: -v s="$size" -v d="$dir" '/^\+F:/ {print d, s, $4}' >> "$out/openssl.txt"
  done
done
cargo bench --quiet -p revtain --bench vault -- --warm-up-time 1 --measurement-time 3 >/dev/null 2>&1
python3 - "$out/openssl.txt" <<'PY'
import json, sys
from pathlib import Path

ossl = {}
for line in open(sys.argv[1]):
    d, s, rate = line.split()
    ossl[(d, int(s))] = float(rate)  # bytes per second

def ns(*parts):
    p = Path("target/criterion/vault", *map(str, parts), "new/estimates.json")
    return json.loads(p.read_text())["median"]["point_estimate"]

print("| size | seal (GB/s) | open (GB/s) | OpenSSL encrypt (GB/s) | seal / OpenSSL | open / OpenSSL decrypt |")
print("|---|---|---|---|---|---|")
for s in (64, 1024, 16384, 1048576):
    seal = s / ns("seal_bytes", s)
    open_ = s / ns("open", s)
    e, d = ossl[("enc", s)] / 1e9, ossl[("dec", s)] / 1e9
    print(f"| {s} | {seal:.2f} | {open_:.2f} | {e:.2f} | {seal / e:.0%} | {open_ / d:.0%} |")
rt = ns("round_trip_1024")
ossl_rt = 1024 / ossl[("enc", 1024)] * 1e9 + 1024 / ossl[("dec", 1024)] * 1e9
print()
print(f"1 KiB seal+open round trip: {rt:.0f} ns; OpenSSL encrypt+decrypt of 1 KiB: {ossl_rt:.0f} ns; "
      f"ratio {rt / ossl_rt:.2f}x (bar: <= 2x)")
mib = 1048576
print(f"1 MiB: seal_into a reused buffer {mib / ns('seal_into_reused_buffer', mib):.2f} GB/s; "
      f"open_binary_into a reused buffer {mib / ns('open_into_reused_buffer', mib):.2f} GB/s "
      f"(OpenSSL decrypt {ossl[('dec', mib)] / 1e9:.2f} GB/s); "
      f"bare aes-gcm encrypt in place {mib / ns('aes_gcm_encrypt_in_place', mib):.2f} GB/s; "
      f"OpenSSL {ossl[('enc', mib)] / 1e9:.2f} GB/s")
print(f"OS nonce (getrandom, 12 bytes): {ns('nonce_from_os_12_bytes'):.0f} ns; "
      f"bare aes-gcm encrypt 1 KiB: {ns('aes_gcm_encrypt_in_place', 1024):.0f} ns")
PY
rm -rf "$out"
