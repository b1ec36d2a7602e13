PY := .venv/bin/python

.PHONY: run test bench bench-profile bench-reading bench-fleet bench-fleet-night bench-ctf bench-operator bench-retention reliability screenshots

run:
	python3 dev.py run

test:
	python3 dev.py test

bench:
	python3 dev.py setup
	$(PY) -m benchmarks.sync

# Where a full sync's time goes, step by step (quoted in docs/performance.md).
bench-profile:
	python3 dev.py setup
	$(PY) -m benchmarks.profile $(ARGS)

# What a compiled reader could save over ours (quoted in docs/performance.md).
bench-reading:
	python3 dev.py setup
	$(PY) -m benchmarks.reading $(ARGS)

reliability:
	python3 dev.py setup
	$(PY) -m benchmarks.reliability

# The main pages as PNGs in docs/screenshots/, taken by the browser tests.
screenshots:
	python3 dev.py setup
	PUPILSYNC_SCREENSHOTS=docs/screenshots .venv/bin/pytest tests/browser -q

bench-fleet:
	python3 dev.py setup
	$(PY) -m benchmarks.fleet $(ARGS)

# First syncs, then the night after: every school's delta (make bench-fleet ARGS=--night, too).
bench-fleet-night:
	python3 dev.py setup
	$(PY) -m benchmarks.fleet --night $(ARGS)

bench-ctf:
	python3 dev.py setup
	$(PY) -m benchmarks.ctf

bench-operator:
	python3 dev.py setup
	$(PY) -m benchmarks.operator

bench-retention:
	python3 dev.py setup
	$(PY) -m benchmarks.retention
