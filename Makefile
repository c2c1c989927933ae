# Strata's two front doors: `make demo` and `make test` set up everything they need on a fresh machine.
SHELL := /bin/bash
SWIFT ?= swift
LAKES ?= $(CURDIR)/.demo/lakes

.PHONY: setup build release test fuzz sanitize demo bench clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

# The Swift runtime and Foundation linked in: a process starts in about 10 ms instead of 16 (no dynamic
# relocation of 50 shared libraries), which every one-shot `strata query` pays.
release: setup
	$(SWIFT) build -c release --product strata --static-swift-stdlib

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) fuzz

# libFuzzer on the decoders and parsers (Fuzz/README.md): every target for FUZZ_SECONDS on a copy of its
# seed corpus; a crash fails with the input's path. `make fuzz FUZZ_TARGETS=sql FUZZ_SECONDS=600` for one.
FUZZ_SECONDS ?= 30
fuzz: setup
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) scripts/fuzz.sh

# The whole test suite under AddressSanitizer, then under ThreadSanitizer, each in its own build folder
# (each ~5 min to build, ~8 to run). LeakSanitizer is off: the Swift runtime's metadata caches live until
# exit and read as leaks. TSan needs no options: a race fails the run through its exit code, and our locks
# are pthread mutexes it understands (StrataCore's `Locked`, not `Synchronization.Mutex`).
sanitize: setup
	$(SWIFT) build --build-tests --sanitize=address --build-path .build-asan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --sanitize=address --build-path .build-asan
	$(SWIFT) build --build-tests --sanitize=thread --build-path .build-tsan
	$(SWIFT) test --skip-build --sanitize=thread --build-path .build-tsan

demo: release
	@scripts/demo.sh "$$($(SWIFT) build -c release --show-bin-path)/strata" "$(LAKES)"

# Comparison benchmarks (Benchmarks/compare/README.md): generates the lake if missing, then runs Strata, DuckDB,
# DataFusion and Polars on it. `make bench BENCH_ARGS=--quick` for a smoke run. Reports; never fails on results.
bench: release
	python3 Benchmarks/compare/bench.py --strata "$$($(SWIFT) build -c release --show-bin-path)/strata" $(BENCH_ARGS)

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan .demo
