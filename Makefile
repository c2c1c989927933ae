# Strata's two front doors: `make demo` and `make test` set up everything they need on a fresh machine.
SHELL := /bin/bash
SWIFT ?= swift
LAKE ?= $(CURDIR)/.demo/lake

.PHONY: setup build release test demo bench clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release --product strata

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: release
	@scripts/demo.sh "$$($(SWIFT) build -c release --show-bin-path)/strata" "$(LAKE)"

clean:
	rm -rf .build .demo
