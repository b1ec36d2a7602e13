PY := .venv/bin/python

.PHONY: run test bench bench-ctf

run:
	python3 dev.py run

test:
	python3 dev.py test

bench:
	python3 dev.py setup
	$(PY) -m benchmarks.sync

bench-ctf:
	python3 dev.py setup
	$(PY) -m benchmarks.ctf
