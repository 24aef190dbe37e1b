# trawl — the commands of README.md. Each target installs what it needs.
#   make        build everything into build/ (the CLI is build/trawl)
#   make demo   index seeds/ and answer a sample query
#   make test   every C++ test (plain and under ASan/UBSan) and every Python test
#   make bench  the Google Benchmark programs
#   make overhead  what the Python module costs over C++
#   make compare  trawl beside its peers (bench/compare/)

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 20
VENV       ?= $(BUILD)/venv
PYTHON     ?= python3
JOBS       ?= $(shell nproc)
# CI turns warnings into errors.
WERROR     ?= $(if $(CI),ON,OFF)
CMAKE_FLAGS = -G Ninja -DTRAWL_WERROR=$(WERROR)

DEBIAN_PACKAGES = cmake ninja-build g++ pkg-config python3-venv python3-dev \
  libabsl-dev libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev \
  libstemmer-dev unicode-data libsimdjson-dev libzstd-dev liblz4-dev zlib1g-dev libutf8proc-dev libxxhash-dev libre2-dev \
  clang libclang-rt-14-dev

SUDO = $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: all deps build demo test test-cpp test-install test-asan test-python test-fuzz bench overhead compare compare-full clean

all: build

# Installs only the Debian packages that are missing.
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

build: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@rm -rf demo-index
	@$(BUILD)/trawl index --index demo-index seeds/
	@$(BUILD)/trawl search --index demo-index "Zelensky Davos"

test: test-cpp test-install test-asan test-python test-fuzz

test-cpp: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# find_package(trawl) from an installed copy, as another CMake project would.
test-install: build
	@cmake --install $(BUILD) --prefix $(CURDIR)/$(BUILD)/install >/dev/null
	@cmake -S tests/install -B $(BUILD)/install-consumer -G Ninja \
	  -DCMAKE_PREFIX_PATH=$(CURDIR)/$(BUILD)/install >/dev/null
	@cmake --build $(BUILD)/install-consumer
	@$(BUILD)/install-consumer/trawl_consumer

test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DTRAWL_SANITIZE=address,undefined -DTRAWL_BUILD_BENCH=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

# The module as a user gets it: `pip install .` into a fresh virtual
# environment; the tests then run against that installed copy.
test-python: build
	@[ -x $(VENV)/bin/python ] || $(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/pip install -q --upgrade pip pytest >/dev/null
	@$(VENV)/bin/pip install -q .
	@cd tests/python && TRAWL_CLI=$(CURDIR)/$(BUILD)/trawl $(CURDIR)/$(VENV)/bin/python -m pytest -q

# Every libFuzzer target for FUZZ_SECONDS; a crash fails the run.
test-fuzz: deps
	@cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTRAWL_BUILD_FUZZERS=ON -DTRAWL_BUILD_TESTS=OFF \
	  -DTRAWL_BUILD_BENCH=OFF -DTRAWL_BUILD_CLI=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@for f in $(FUZZ_BUILD)/tests/fuzz/*_fuzz; do \
	  echo "fuzzing $$(basename $$f) for $(FUZZ_SECONDS)s"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -artifact_prefix=$(FUZZ_BUILD)/ -print_final_stats=0 2>$(FUZZ_BUILD)/$$(basename $$f).log \
	    || { tail -40 $(FUZZ_BUILD)/$$(basename $$f).log; exit 1; }; \
	  grep -h "^Done" $(FUZZ_BUILD)/$$(basename $$f).log; \
	done

bench: build
	@$(BUILD)/bench/trawl_bench

# What `import trawl` costs over C++: indexing and top-10 search side by side.
overhead: build
	@[ -x $(VENV)/bin/python ] || $(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/pip install -q .
	@$(VENV)/bin/python bench/overhead/overhead.py --build $(BUILD)

# trawl beside Tantivy, Lucene, Xapian, SQLite FTS5, PISA and bm25s; writes
# bench/results/. `compare` is the few-minute size; `compare-full` the 500 MB
# corpus at one and all threads plus every judged collection (about an hour
# on 2 cores; see bench/compare/README.md).
compare: build
	@$(PYTHON) bench/compare/run.py --quick

compare-full: build
	@$(PYTHON) bench/compare/run.py --full

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) demo-index
