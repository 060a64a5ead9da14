# Two entry points: `make run` (set up, process corpus/ into build/) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DEB_PACKAGES := tesseract-ocr tesseract-ocr-vie poppler-utils
STAMP := $(VENV)/.installed

.PHONY: setup system-deps run test lint bench clean

setup: system-deps $(STAMP)

# Debian packages, installed only when a tool is missing (root, or sudo when present).
system-deps:
	@if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx vie \
	    || ! command -v pdftoppm >/dev/null; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(DEB_PACKAGES); \
	fi

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

run: setup
	$(BIN)/vanban run corpus/seed --out build
	$(BIN)/vanban eval build corpus/gold
	@echo "Results: build/documents.jsonl, build/manifest.jsonl, build/tables/, build/graph/"

test: setup
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python benchmarks/run_corpus.py

clean:
	rm -rf build .pytest_cache
