# Two entry points: `make run` (set up, process corpus/ into build/) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-deps run test lint bench clean

setup: system-deps $(STAMP)

# Debian packages, installed only when something is missing (as root, or through sudo).
system-deps:
	@missing=""; \
	command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie \
	  || missing="$$missing tesseract-ocr tesseract-ocr-vie"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || missing="$$missing fonts-dejavu-core"; \
	$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
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
	$(BIN)/python benchmarks/ocr.py

clean:
	rm -rf build .pytest_cache
