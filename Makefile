# Revtain security core: build, demo, test and install.
#
#   make demo      build everything and run the example of every language
#   make test      every check and test suite (what CI runs)
#   make install PREFIX=/usr/local   header, librevtain.{so,a} and revtain.pc
#   make fuzz / make miri / make bench   cargo-fuzz every parser / Miri over ffi / benchmarks
#
# On a fresh machine it installs what it needs: Debian packages (libcjson-dev for the C tests,
# pkg-config, valgrind, redis-server for the rate limiter's Redis tests, graphviz for the
# diagrams' drift check) with apt when missing, the declared minimum Rust (MSRV) with rustup, a
# virtualenv in .venv, and npm packages with `npm ci`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PREFIX ?= /usr/local
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
# The minimum supported Rust, as Cargo.toml declares it (built by `make test`).
MSRV := $(shell sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
VENV := $(CURDIR)/.venv
PY := $(VENV)/bin/python
BUILD := $(CURDIR)/build
REL := $(CURDIR)/target/release
CC ?= cc
CSTRICT := -std=c11 -Wall -Wextra -Wpedantic -Werror -g
VALGRIND := valgrind --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libcjson-dev pkg-config valgrind libssl-dev redis-server graphviz
NATIVE_LIBS := -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
EXAMPLES := api_key vault webhook connector card ratelimit retry
C_EXAMPLES := api_key vault webhook connector card ratelimit retry


.PHONY: help demo test fuzz miri bench lib python node node-examples system-deps generate header vectors install \
	test-lint test-msrv test-rust test-vectors test-c test-install test-python test-node clean

help:
	@sed -n '2,9p' Makefile | sed 's/^# \{0,1\}//'

# ---------------------------------------------------------------------------------- setup

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

$(VENV)/.stamp: bindings/python/requirements-dev.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r $<
	touch $@

bindings/node/node_modules/.package-lock.json: bindings/node/package-lock.json
	cd bindings/node && npm ci --no-audit --no-fund --loglevel=error

examples/node/node_modules/.package-lock.json: examples/node/package-lock.json
	cd examples/node && npm ci --no-audit --no-fund --loglevel=error

# ---------------------------------------------------------------------------------- build

lib:
	cargo build --release --quiet -p revtain-ffi -p revtain-cli
	@# Programs linked against the build tree look for the soname.
	ln -sf librevtain.so $(REL)/librevtain.so.0

python: $(VENV)/.stamp
	cd bindings/python && VIRTUAL_ENV=$(VENV) PATH=$(VENV)/bin:$$PATH \
	  maturin develop --release --quiet 2>&1 | grep -v '^\s*$$' | tail -n 2

node: bindings/node/node_modules/.package-lock.json
	cd bindings/node && npx napi build --platform --release 2>&1 | tail -n 1

node-examples: node examples/node/node_modules/.package-lock.json

# Regenerate the committed generated files: everything made from the core's error table
# (ffi/src/result_codes.rs, revtain/_errors.py, lib/errors.*, the table in docs/errors.md), then
# the C header, which reads the first.
generate:
	REVTAIN_BLESS=1 cargo test --quiet -p revtain-ffi --lib generate
	REVTAIN_BLESS=1 cargo test --quiet -p revtain-ffi --test header

header: generate

vectors: $(VENV)/.stamp
	python3 tests/vectors/generate_api_key.py
	$(PY) tests/vectors/generate_vault.py
	$(PY) tests/vectors/generate_webhook.py
	$(PY) tests/vectors/generate_secret_alert.py
	python3 tests/vectors/generate_card.py
	python3 tests/vectors/generate_ratelimit.py
	python3 tests/vectors/generate_arguments.py
	python3 tests/vectors/generate_retry.py
	@echo "tests/vectors/connector/: made with the platforms' own SDKs in a throwaway folder, never project dependencies; see its README"

# ---------------------------------------------------------------------------------- demo

demo: lib python node-examples
	@echo "== Rust"
	cargo run --release --quiet -p revtain --example api_key
	cargo run --release --quiet -p revtain --example vault
	cargo run --release --quiet -p revtain --example webhook
	cargo run --release --quiet -p revtain --example card
	cargo run --release --quiet -p revtain --example connector
	cargo run --release --quiet -p revtain --example ratelimit
	cargo run --release --quiet -p revtain --features http --example retry
	@echo "== C"
	@mkdir -p $(BUILD)
	for ex in $(C_EXAMPLES); do \
	  $(CC) $(CSTRICT) -Iinclude examples/c/$$ex.c $(REL)/librevtain.a $(NATIVE_LIBS) \
	    -o $(BUILD)/$${ex}_c && $(BUILD)/$${ex}_c || exit 1; done
	@echo "== Python"
	for ex in $(EXAMPLES); do $(PY) examples/python/$$ex.py || exit 1; done
	@echo "== Node.js"
	for ex in $(EXAMPLES); do node examples/node/$$ex.js || exit 1; done
	@echo "== CLI"
	printf 'ticket #42: customer pasted rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX and card 4242 4242 4242 4242 by mistake\n' \
	  | $(REL)/revtain scan || true
	export REVTAIN_KEYRING="$$($(REL)/revtain keyring new)"; \
	printf 'sk_live_demo' | $(REL)/revtain seal --context tenant=ten_a > $(BUILD)/sealed.txt; \
	echo "sealed: $$(cut -c1-40 $(BUILD)/sealed.txt)..."; \
	echo "opened: $$($(REL)/revtain open --context tenant=ten_a < $(BUILD)/sealed.txt)"; \
	$(REL)/revtain open --context tenant=ten_b < $(BUILD)/sealed.txt || echo "(refused for ten_b, as it must be)"
	export REVTAIN_WEBHOOK_SECRET="$$($(REL)/revtain webhook secret)"; \
	printf '{"id":"evt_1","type":"card.updated","created":1700000000,"data":{}}' > $(BUILD)/event.json; \
	sig="$$($(REL)/revtain webhook sign --id evt_1 < $(BUILD)/event.json | sed -n 's/^X-Revtain-Signature: //p')"; \
	echo "X-Revtain-Signature: $$sig"; \
	$(REL)/revtain webhook verify --signature "$$sig" < $(BUILD)/event.json; \
	echo >> $(BUILD)/event.json; \
	$(REL)/revtain webhook verify --signature "$$sig" < $(BUILD)/event.json || echo "(refused with a diagnosis, as it must be)"
	$(REL)/revtain connector list
	export REVTAIN_CONNECTOR_SECRET=whsec_7sJ0bXk2cQ9pL4mN8vR1tY6uW3zA5eD0; \
	printf '{"id":"evt_1QxYz","object":"event","type":"invoice.payment_failed"}' > $(BUILD)/stripe_event.json; \
	hdr='Stripe-Signature: t=1732838400,v1=be5cdf62ef7267d30eee1fec02e5be1601ab5665648c7109a34b3373973c565c'; \
	$(REL)/revtain connector verify --connector stripe --now 1732838400 --header "$$hdr" --body-file $(BUILD)/stripe_event.json; \
	$(REL)/revtain connector verify --connector stripe --header "$$hdr" --body-file $(BUILD)/stripe_event.json \
	  || echo "(refused today: a replay of a 2024 webhook, as it must be)"

# ---------------------------------------------------------------------------------- test

test: system-deps
	@$(MAKE) test-lint
	@$(MAKE) test-msrv
	@$(MAKE) test-rust
	@$(MAKE) test-vectors
	@$(MAKE) test-c
	@$(MAKE) test-install
	@$(MAKE) test-python
	@$(MAKE) test-node
	@echo "== all test suites passed"

# Linters of the other languages and the docs' generated parts (Rust's are in test-rust).
LINTS := "$(VENV)/bin/ruff check --no-cache ." \
	"cd bindings/node && node_modules/.bin/eslint --max-warnings 0 ." \
	"cd examples/node && ../../bindings/node/node_modules/.bin/eslint --max-warnings 0 -c ../../bindings/node/eslint.config.js ." \
	"bash docs/render-diagrams.sh --check"

test-lint: $(VENV)/.stamp bindings/node/node_modules/.package-lock.json examples/node/node_modules/.package-lock.json
	@echo "== lint: ruff (Python), eslint (JavaScript), diagrams up to date"
	@n=0; for cmd in $(LINTS); do echo "$$cmd"; (eval "$$cmd") || exit 1; n=$$((n + 1)); done; \
	echo "$$n passed, 0 failed"

# The declared MSRV builds every target of the crates a merchant compiles (bindings excluded:
# their toolchains are PyO3's and napi-rs's concern), in a target folder of its own.
test-msrv:
	@echo "== Rust $(MSRV) (the declared rust-version): cargo check"
	rustup toolchain list | grep -q '^$(MSRV)' || rustup toolchain install $(MSRV) --profile minimal --no-self-update
	CARGO_TARGET_DIR=$(BUILD)/msrv cargo +$(MSRV) check --quiet -p revtain --all-features \
	  -p revtain-ffi -p revtain-cli --all-targets
	@echo "3 crates checked with Rust $(MSRV): revtain (all features), revtain-ffi, revtain-cli"

test-rust:
	@echo "== Rust: format, clippy, tests (header drift included)"
	cargo fmt --all -- --check
	cargo clippy --quiet --workspace --all-targets -- -D warnings
	cargo test --quiet
	@# The rate limiter's Redis store, against a redis-server each test starts on 127.0.0.1.
	cargo test --quiet -p revtain --features redis --test ratelimit_redis

test-vectors: $(VENV)/.stamp
	@echo "== vectors: regenerate and compare"
	python3 tests/vectors/generate_api_key.py --check
	$(PY) tests/vectors/generate_vault.py --check
	$(PY) tests/vectors/generate_webhook.py --check
	$(PY) tests/vectors/generate_secret_alert.py --check
	python3 tests/vectors/generate_card.py --check
	python3 tests/vectors/generate_ratelimit.py --check
	python3 tests/vectors/generate_arguments.py --check
	python3 tests/vectors/generate_retry.py --check

C_TESTS := test_api_key test_vault test_webhook test_card test_ratelimit test_retry test_connector test_arguments test_secrets test_secret_alert

# Each C test three ways: against the shared library under valgrind; statically linked; and
# built with AddressSanitizer and UndefinedBehaviorSanitizer (the C side instrumented, leaks
# checked by LeakSanitizer, any report fatal).
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
export ASAN_OPTIONS := detect_leaks=1:abort_on_error=0:exitcode=98
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1

$(BUILD)/test_%: tests/c/test_%.c tests/c/harness.h include/revtain.h lib
	@mkdir -p $(BUILD)
	$(CC) $(CSTRICT) -Iinclude $< -L$(REL) -Wl,-rpath,$(REL) -lrevtain -lcjson -lm -o $@
	$(CC) $(CSTRICT) -Iinclude $< $(REL)/librevtain.a -lcjson $(NATIVE_LIBS) -o $@-static
	$(CC) $(CSTRICT) $(SANITIZE) -Iinclude $< -L$(REL) -Wl,-rpath,$(REL) -lrevtain -lcjson -lm -o $@-asan

test-c: lib
	@echo "== C: tests under valgrind (shared library), statically linked, and under ASan + UBSan"
	@for t in $(C_TESTS); do \
	  $(MAKE) $(BUILD)/$$t >/dev/null && \
	  echo "-- $$t (valgrind)" && \
	  $(VALGRIND) $(BUILD)/$$t tests/vectors | grep -v '^ok - ' && \
	  echo "-- $$t (static)" && \
	  $(BUILD)/$$t-static tests/vectors | grep -v '^ok - ' && \
	  echo "-- $$t (ASan + UBSan)" && \
	  $(BUILD)/$$t-asan tests/vectors | grep -v '^ok - ' || exit 1; \
	done

# Every C example against an installed copy, each program counted as it passes: dynamically
# linked with the rpath ffi/README.md shows, and api_key.c statically too; the webhook program
# the README shows whole must be examples/c/webhook.c byte for byte.
INSTALLED := PKG_CONFIG_PATH=$(BUILD)/prefix/lib/pkgconfig

test-install: lib
	@echo "== C: make install, then build and run examples/c against it with pkg-config"
	rm -rf $(BUILD)/prefix
	@$(MAKE) install PREFIX=$(BUILD)/prefix >/dev/null
	@n=0; \
	for ex in $(C_EXAMPLES); do \
	  $(INSTALLED) $(CC) $(CSTRICT) examples/c/$$ex.c $$($(INSTALLED) pkg-config --cflags --libs revtain) \
	    -Wl,-rpath,$$($(INSTALLED) pkg-config --variable=libdir revtain) -o $(BUILD)/$${ex}_installed && \
	  $(VALGRIND) $(BUILD)/$${ex}_installed >/dev/null && echo "ok - $$ex (shared, valgrind)" || exit 1; \
	  n=$$((n + 1)); \
	done; \
	$(CC) $(CSTRICT) examples/c/api_key.c $$($(INSTALLED) pkg-config --cflags revtain) \
	  $(BUILD)/prefix/lib/librevtain.a $$($(INSTALLED) pkg-config --static --libs-only-l revtain | sed 's/-lrevtain//') \
	  -o $(BUILD)/api_key_installed_static && $(BUILD)/api_key_installed_static >/dev/null && \
	  echo "ok - api_key (static)" || exit 1; \
	n=$$((n + 1)); \
	sed -n '/^## Quickstart: verifying a Revtain webhook/,/^## /p' ffi/README.md \
	  | sed -n '/^```c$$/,/^```$$/p' | sed '1d;$$d' | diff -u examples/c/webhook.c - \
	  && echo "ok - ffi/README.md shows examples/c/webhook.c as it is" || exit 1; \
	n=$$((n + 1)); \
	echo "$$n passed, 0 failed"

test-python: python
	@echo "== Python: pytest and stubtest"
	cd bindings/python && $(PY) -m pytest -q -p no:cacheprovider
	$(PY) -m mypy.stubtest revtain._native

test-node: node-examples
	@echo "== Node.js: generated files up to date, then node:test"
	git diff --exit-code --stat -- bindings/node/index.js bindings/node/index.d.ts \
	  || { echo "bindings/node/index.js or index.d.ts changed when rebuilt: commit them"; exit 1; }
	@mkdir -p $(BUILD)
	cd bindings/node && node --test test/*.test.js > $(BUILD)/node-test.tap \
	  || { cat $(BUILD)/node-test.tap; exit 1; }
	tail -n 8 $(BUILD)/node-test.tap

# ---------------------------------------------------------------------------------- fuzz, bench

# cargo-fuzz needs nightly-only flags; RUSTC_BOOTSTRAP lets the stable toolchain take them.
# Every fuzz target for FUZZ_RUNS executions each (10 million by default: about an hour on two
# cores), on its committed corpus (core/fuzz/corpus), then a table of executions, coverage and
# crashes (docs/reliability.md records one). FUZZ_RUNS=100000 for a quick pass.
FUZZ_RUNS ?= 10000000
fuzz:
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	RUNS=$(FUZZ_RUNS) bash core/fuzz/run.sh

# Miri over the C library's unit tests: undefined behaviour in the unsafe code of ffi/ (pointer
# reads and writes, handles, buffers) is an error. Needs the nightly toolchain's miri component.
miri:
	rustup component add miri --toolchain nightly
	MIRIFLAGS=-Zmiri-disable-isolation cargo +nightly miri test -p revtain-ffi --lib

bench: python node
	bash bench/vault.sh
	cargo bench -p revtain --bench webhook
	$(PY) bindings/python/bench/bench_vault.py
	$(PY) bindings/python/bench/bench_webhook.py
	node bindings/node/bench/bench_webhook.js
	cargo bench -p revtain --bench ratelimit
	cargo bench -p revtain --bench ratelimit_memory
	cargo bench -p revtain --features redis --bench ratelimit_redis
	cargo bench -p revtain --bench constant_time
	cargo bench -p revtain --bench connector

# ---------------------------------------------------------------------------------- install

install: lib
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 include/revtain.h $(DESTDIR)$(PREFIX)/include/revtain.h
	install -m 644 $(REL)/librevtain.a $(DESTDIR)$(PREFIX)/lib/librevtain.a
	install -m 755 $(REL)/librevtain.so $(DESTDIR)$(PREFIX)/lib/librevtain.so.$(VERSION)
	ln -sf librevtain.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/librevtain.so.0
	ln -sf librevtain.so.0 $(DESTDIR)$(PREFIX)/lib/librevtain.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' ffi/revtain.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/revtain.pc

clean:
	cargo clean
	rm -rf $(BUILD) $(VENV) bindings/node/node_modules examples/node/node_modules bindings/node/*.node
