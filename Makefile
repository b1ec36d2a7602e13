PY := .venv/bin/python

.PHONY: run test bench bench-fleet

run:
	python3 dev.py run

test:
	python3 dev.py test

bench:
	python3 dev.py setup
	$(PY) -m benchmarks.sync

bench-fleet:
	python3 dev.py setup
	$(PY) -m benchmarks.fleet
