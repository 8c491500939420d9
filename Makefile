# Two commands do all set-up on a fresh machine:
#   make site   creates .venv, installs, builds site/
#   make test   installs what the tests need (the browser included) and runs every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# The banner of the properdocs shim that mkdocs-material pulls in.
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: coverage install browser node editor edit screenshots site serve test test-unit lint format format-content validate schema bench clean urls

# The content editor's Node packages, exactly as package-lock.json pins them (npm ci checks each
# package's integrity): js-yaml (the canonical YAML writer, /admin/'s too) for make site, and
# decap-server (saves from the editor into this folder) for make edit and make test. Decap CMS
# itself: its pinned tarball, checked against package.json's integrity (generator/editors/admin.py).
NODE_SITE := node_modules/.vive-npm-site
NODE_ALL := node_modules/.vive-npm-all
EDITOR := node_modules/.vive/.installed

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium, driven by Playwright through executable_path (no browser download),
# and poppler-utils, which the print tests use to read the PDFs chromium prints.
browser:
	@bash tests/install-browser.sh

$(NODE_ALL): package.json package-lock.json
	@bash tests/install-node.sh
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_SITE) $@

$(NODE_SITE): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm mangler: installér Node.js 18+ og npm (Debian: apt-get install nodejs npm)." >&2; exit 1; }
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $@

$(EDITOR): $(NODE_SITE) package.json
	$(BIN)/python -m generator.editors.admin install
	touch $@

node: $(NODE_ALL)
editor: install $(EDITOR)

# Builds into site.<random>.new/ and swaps it in only when the strict build succeeded.
site: install editor
	$(BIN)/python -m generator site --out site

# Live preview for editors; another port: PORT=8010 make serve
PORT ?= 8000
serve: install
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:$(PORT)

# The content editor (forms in the browser, generated from the content model) and the live preview,
# both on 127.0.0.1; other ports: PORT=8010 EDIT_PORT=8091 make edit. Stop both with Ctrl-C.
EDIT_PORT ?= 8081
edit: install node editor
	$(BIN)/python -m generator edit --port $(PORT) --editor-port $(EDIT_PORT)

# Screenshots of the real editor for the editors' guide and README (content/assets/redigering/).
screenshots: install browser node editor
	$(BIN)/python -m tests.editor_screenshots

coverage: install
	$(BIN)/python -m generator coverage

validate: install
	$(BIN)/python -m generator validate

schema: install
	$(BIN)/python -m generator schema

# Every YAML file in themes_data/ in the one format the content editor (/admin/) also writes;
# make test fails on a file that is not (python -m generator format --check).
format-content: install node
	$(BIN)/python -m generator format

test: install browser node editor
	$(BIN)/ruff check generator tests
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PARALLEL)

# Tests in as many processes as the machine has cores (pytest-xdist), each file in one of them
# (its fixtures made once); the real site is built once for all (tests/conftest.py). PARALLEL= runs
# them in one process.
PARALLEL ?= -n auto --dist loadfile

# The unit layer alone (in-process: no MkDocs build, no process, no browser): about 25 s of one
# core. The others: `pytest -m build`, `pytest -m browser` (tests/layers.py).
test-unit: install
	$(BIN)/python -m pytest -m unit -q

# Add new URLs and anchors of the built site to tests/published-urls.txt (never removes a line).
urls: install
	$(BIN)/python -m tests.published_urls

lint: install
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy

format: install
	$(BIN)/ruff format generator tests
	$(BIN)/ruff check --fix generator tests

# Performance and scale (tests/bench/): synthetic sizes, live preview, the real site served
# with gzip (nginx), transfer sizes (chromium) and Lighthouse → BENCHMARKS.md.
# `make bench BENCH_ARGS=--quick` is a fast check of the harness itself (→ .bench/BENCHMARKS-quick.md).
BENCH_ARGS ?=
$(VENV)/.bench-installed: $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	touch $@

bench: $(VENV)/.bench-installed
	@bash tests/bench/install-tools.sh
	$(BIN)/python -m tests.bench $(BENCH_ARGS)

clean:
	rm -rf site $(VENV) .pytest_cache node_modules
