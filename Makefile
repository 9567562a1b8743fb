# Thin wrapper over Meson/Ninja so that a new user needs two commands: `make demo` and
# `make test`. Both first install missing Debian packages (scripts/install-deps.sh).
BUILD    ?= build
ASANDIR  ?= build-asan
FUZZDIR  ?= build-fuzz
DEMO_DB  ?= $(BUILD)/demo.db

.PHONY: all deps build demo test fuzz bench bench-clinic install uninstall clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized

# ninja re-runs meson by itself when a meson.build changes, so no reconfigure here.
build: deps $(BUILD)/build.ninja
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

# The clinic at scale: 1,000 clients x a year on a throwaway PostgreSQL 15 cluster and 50
# therapists under wrk (bench/clinic_pg.sh; CLIENTS=, THERAPISTS=, SECONDS_EACH= shrink it).
bench-clinic: build
	bash bench/clinic_pg.sh

# `make install [PREFIX=/usr/local] [DESTDIR=]`: the binary, the chart module beside it
# in PREFIX/lib/trp (trp finds it relative to its own path, so the tree can be moved),
# the man page and shell completions.
PREFIX  ?= /usr/local
DESTDIR ?=
install: build
	bash scripts/install.sh "$(DESTDIR)$(PREFIX)" $(BUILD)

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/trp" "$(DESTDIR)$(PREFIX)/lib/trp/trp-render.so" \
	  "$(DESTDIR)$(PREFIX)/share/man/man1/trp.1" \
	  "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/trp" \
	  "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_trp" \
	  "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/trp.fish"
	-rmdir "$(DESTDIR)$(PREFIX)/lib/trp" 2>/dev/null

clean:
	rm -rf $(BUILD) $(ASANDIR) $(FUZZDIR)
