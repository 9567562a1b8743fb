# Thin wrapper over Meson/Ninja so that a new user needs two commands: `make demo` and
# `make test`. Both first install missing Debian packages (scripts/install-deps.sh).
BUILD    ?= build
ASANDIR  ?= build-asan
FUZZDIR  ?= build-fuzz
DEMO_DB  ?= $(BUILD)/demo.db

.PHONY: all deps build demo test test-unit test-asan test-e2e fuzz fuzz-long bench clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized

build: deps $(BUILD)/build.ninja
	@meson setup --reconfigure $(BUILD) >/dev/null 2>&1 || true
	ninja -C $(BUILD)

demo: build
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	./$(BUILD)/trp --db $(DEMO_DB) demo
	@echo
	@echo "In the browser: ./$(BUILD)/trp --db $(DEMO_DB) serve"
	@echo "then open the address it prints (http://127.0.0.1:8737/login?token=...)."

# The whole suite: unit + end-to-end in the normal build, everything again under
# AddressSanitizer and UndefinedBehaviorSanitizer, and each fuzz target briefly.
test: deps
	bash scripts/run-tests.sh

fuzz: deps
	FUZZ_SECONDS=$${FUZZ_SECONDS:-600} bash scripts/run-fuzz.sh

# Benchmarks also want hyperfine and R's survival package (the analysis is timed against
# survival::clogit on the same models).
bench: build
	@TRP_EXTRA_PKGS="hyperfine r-base-core r-cran-survival" bash scripts/install-deps.sh
	bash bench/run.sh

clean:
	rm -rf $(BUILD) $(ASANDIR) $(FUZZDIR)
