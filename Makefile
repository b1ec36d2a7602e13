PY := .venv/bin/python

.PHONY: run test bench reliability

run:
	python3 dev.py run

test:
	python3 dev.py test

bench:
	python3 dev.py setup
	$(PY) -m benchmarks.sync

reliability:
	python3 dev.py setup
	$(PY) -m benchmarks.reliability
