# aftercare — the two commands:
#   make demo   set up what is missing, build, and print a plan for an example treatment
#   make test   set up what is missing, build, and run every test
# Both work on a fresh Debian machine: Debian packages come from apt-get (tools/ensure-deps),
# Python packages from PyPI into .venv (requirements/dev.txt).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
VPY    := $(VENV)/bin/python
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE  ?= cmake
CTEST  ?= ctest

DEMO_ARGS := plan --device pen --depth 1.0 --area face --skin-type 3 --indication acne_scars \
             --treated-at 2026-11-21T14:00 --tz Europe/London

.PHONY: help deps venv configure build demo handout test test-cpp test-python test-js wasm python-install stubs asan tsan bench bench-python fuzz docs clean

help:
	@echo "make demo    build and print a plan for an example treatment (embedded default protocol)"
	@echo "make handout the same plan as the patient's printable handout (build/handout.html and .pdf)"
	@echo "make test    build and run every test (C++ under TZ=UTC and TZ=Europe/Kyiv, Python, package)"
	@echo "make wasm    the WebAssembly build and the npm package (build-wasm/bindings/js/aftercare-*.tgz)"
	@echo "make asan    the C++ suite under AddressSanitizer + UndefinedBehaviorSanitizer"
	@echo "make tsan    the C++ suite under ThreadSanitizer (threaded tests of every entry point)"
	@echo "make bench   build and run the benchmarks (bench/), C++ and Python"
	@echo "make bench-callgrind  instructions per call of the hot paths (valgrind)"
	@echo "make stubs   regenerate python/aftercare/_core.pyi from the built extension"
	@echo "make fuzz    run the libFuzzer targets for a while (needs clang)"
	@echo "make docs    regenerate the generated parts of docs/ from the protocol"

deps:
	@tools/ensure-deps

# The virtual environment, rebuilt when the pinned requirements change.
$(VENV)/.installed: requirements/dev.txt | deps
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -r requirements/dev.txt
	@touch $@
venv: $(VENV)/.installed

configure: deps
	$(CMAKE) --preset dev

build: configure
	$(CMAKE) --build --preset dev -j $(JOBS)

# Only the command and the library it links: no tests, benchmarks or examples are compiled.
demo: configure
	$(CMAKE) --build --preset dev -j $(JOBS) --target aftercare_cli
	./build/aftercare $(DEMO_ARGS)
	@echo "(the patient's printable handout of this plan: make handout)"

# The same plan as the patient's handout: build/handout.html, and build/handout.pdf when Chromium is there.
HANDOUT_ARGS := $(DEMO_ARGS) --clinic-name "Riverside Skin Clinic" --clinic-phone "020 7946 0018"
handout: configure
	$(CMAKE) --build --preset dev -j $(JOBS) --target aftercare_cli
	./build/aftercare $(HANDOUT_ARGS) --format html -o build/handout.html
	@echo "wrote build/handout.html"
	@if ./build/aftercare $(HANDOUT_ARGS) --format pdf -o build/handout.pdf; then echo "wrote build/handout.pdf"; fi

# C++ suite (twice: no result may depend on the machine's zone), Python suite, consumer package.
test: build venv
	TZ=UTC $(CTEST) --preset dev -j $(JOBS)
	TZ=Europe/Kyiv $(CTEST) --preset dev -j $(JOBS)
	$(MAKE) --no-print-directory test-python
	$(MAKE) --no-print-directory test-js

test-cpp: build
	TZ=UTC $(CTEST) --preset dev -j $(JOBS)

# The Python package: `pip install .` into .venv with the pinned build tools already there (no
# build isolation, no downloads), configured as the dev preset (RelWithDebInfo, warnings as
# errors). scikit-build-core keeps its build tree in build/python/, so a reinstall only recompiles
# what changed. (A plain `pip install .` builds Release, without -Werror.)
PIP_BUILD := --no-build-isolation --no-deps --quiet --disable-pip-version-check \
             -C cmake.build-type=RelWithDebInfo -C cmake.define.AFTERCARE_WARNINGS_AS_ERRORS=ON
python-install: venv
	CMAKE_BUILD_PARALLEL_LEVEL=$(JOBS) $(VPY) -m pip install $(PIP_BUILD) .

# Under two zones, as the C++ suite: nothing may depend on the machine's zone.
test-python: python-install
	AFTERCARE_CLI=$(CURDIR)/build/aftercare TZ=UTC $(VPY) -m pytest tests/python
	AFTERCARE_CLI=$(CURDIR)/build/aftercare TZ=Europe/Kyiv $(VPY) -m pytest tests/python -q

# The checked-in stubs are what pybind11-stubgen writes for the built module; a test regenerates
# them and fails on any difference (tests/python/test_package.py).
stubs: python-install
	$(VPY) -m pybind11_stubgen aftercare._core --exit-code -o python

asan: deps
	$(CMAKE) --preset asan
	$(CMAKE) --build --preset asan -j $(JOBS)
	TZ=Europe/Kyiv $(CTEST) --preset asan -j $(JOBS)

# The WebAssembly build (Debian's emscripten; no network) and the npm package around it: the package
# folder build-wasm/bindings/js/package/ and its `npm pack` tarball beside it. emscripten's own
# JavaScript tools find their Node modules (acorn) only through NODE_PATH on Debian.
WASM_DIR := build-wasm/bindings/js
wasm: deps
	$(CMAKE) --preset wasm
	NODE_PATH=/usr/share/nodejs $(CMAKE) --build --preset wasm -j $(JOBS)
	cd $(WASM_DIR) && rm -f aftercare-*.tgz && npm pack ./package --pack-destination . --silent >/dev/null
	@core=$(WASM_DIR)/package/aftercare_core.mjs; \
	  echo "wasm: $$(ls $(WASM_DIR)/aftercare-*.tgz); aftercare_core.mjs $$(stat -c %s $$core) bytes, $$(gzip -9c $$core | wc -c) gzipped"

# The package's tests under Node (against the native command, byte for byte) and the demo page in
# headless Chromium (examples/web/).
test-js: wasm build
	AFTERCARE_CLI=$(CURDIR)/build/aftercare AFTERCARE_JS_PACKAGE=$(CURDIR)/$(WASM_DIR)/package \
	  AFTERCARE_JS_TARBALL_DIR=$(CURDIR)/$(WASM_DIR) node --test bindings/js/test/

# Instructions per call under callgrind (steady on a busy machine; docs/performance.md).
bench-callgrind: deps
	$(CMAKE) --preset dev
	$(CMAKE) --build --preset dev -j $(JOBS) --target bench_instructions
	bench/callgrind.sh

# The C++ suite under ThreadSanitizer: its tests make plans, schedules, triage and screening from
# many threads at once (CI runs it after asan).
tsan: deps
	$(CMAKE) --preset tsan
	$(CMAKE) --build --preset tsan -j $(JOBS)
	TZ=Europe/Kyiv $(CTEST) --preset tsan -j $(JOBS)

bench: deps
	$(CMAKE) --preset dev
	$(CMAKE) --build --preset dev -j $(JOBS) --target bench_plan bench_schedule bench_triage
	./build/bench/bench_plan
	./build/bench/bench_schedule
	./build/bench/bench_triage
	$(MAKE) --no-print-directory bench-python

bench-python: python-install
	$(VPY) bench/bench_python.py

# Every libFuzzer target for FUZZ_SECONDS each (default 60), on one core, from a copy of its corpus
# (tests/fuzz/corpus/TARGET); new crashes go to build-fuzz/crashes/ (docs/performance.md).
FUZZ_TARGETS := protocol reports time schedule inputs cli
fuzz:
	AFTERCARE_WITH_FUZZ=1 tools/ensure-deps
	$(CMAKE) --preset fuzz
	$(CMAKE) --build --preset fuzz -j $(JOBS) $(addprefix --target fuzz_,$(FUZZ_TARGETS))
	mkdir -p build-fuzz/crashes
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus/$$t && cp -n tests/fuzz/corpus/$$t/* build-fuzz/corpus/$$t/ 2>/dev/null || true; \
	  dict=""; if [ -f tests/fuzz/$$t.dict ]; then dict="-dict=tests/fuzz/$$t.dict"; fi; \
	  ./build-fuzz/tests/fuzz/fuzz_$$t build-fuzz/corpus/$$t $$dict -max_len=4096 -jobs=1 -workers=1 -print_final_stats=1 \
	    -max_total_time=$${FUZZ_SECONDS:-60} -artifact_prefix=build-fuzz/crashes/$$t- ; \
	done

docs: venv
	$(VPY) tools/gen_docs.py

clean:
	rm -rf build build-asan build-tsan build-release build-fuzz build-tidy build-wasm
