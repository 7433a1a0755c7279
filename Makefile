# djinn — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
DJINN  := $(VENV)/bin/djinn
REDOCLY := node_modules/.bin/redocly
export DJINN_DATA_DIR ?= $(CURDIR)/data

.PHONY: run install dev test test-sqlite test-postgres lint bundle generate check-generated bench clean

$(VENV)/.installed: pyproject.toml constraints.txt sdks/python/setup.py
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt -e '.[dev]'
	# The generated Python SDK, which tests/sdks drives against a live server.
	$(PIP) install -q -c constraints.txt -e sdks/python
	touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

## Install, migrate, create the demo user and a token, serve on 127.0.0.1:8080.
run: install
	$(DJINN) migrate
	$(DJINN) demo
	$(DJINN) serve

## The whole suite, on SQLite and on PostgreSQL (DJINN_TEST_POSTGRES_URL, default the local server).
## tests/sdks type-checks the TypeScript SDK with node_modules' TypeScript.
test: install node_modules/.installed
	$(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

## Bundle openapi/src into openapi/djinn.yaml.
bundle: install
	$(PY) openapi/bundle.py

## Pydantic models and the SDKs in sdks/ from the bundled document (never edit generated/,
## sdks/python or sdks/typescript/src/gen by hand); a generator warning fails it.
generate: bundle node_modules/.installed
	$(VENV)/bin/datamodel-codegen --input openapi/djinn.yaml --input-file-type openapi \
	  --output generated/models.py --output-model-type pydantic_v2.BaseModel \
	  --target-python-version 3.11 --use-standard-collections --use-union-operator \
	  --field-constraints --use-schema-description --disable-timestamp \
	  --enum-field-as-literal all --use-double-quotes --strict-nullable \
	  --formatters black isort
	$(PY) sdks/generate.py

## Fail when the bundle, the generated models or the SDKs are stale.
check-generated: install
	$(PY) openapi/bundle.py --check
	$(MAKE) --no-print-directory generate
	git diff --exit-code -- openapi/djinn.yaml generated/ sdks/
	@untracked=$$(git status --porcelain --untracked-files=all -- generated/ sdks/); \
	  if [ -n "$$untracked" ]; then echo "generated but not committed:"; echo "$$untracked"; exit 1; fi

## The code's linters (ruff check and format, the import-linter contracts of
## docs/architecture.md, mypy strict) and both spec linters: zero findings.
lint: install node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) docs/layers.py --check
	$(VENV)/bin/mypy
	$(PY) openapi/bundle.py --check
	$(VENV)/bin/openapi-spec-validator openapi/djinn.yaml
	$(REDOCLY) lint --format stylish openapi/djinn.yaml
	$(REDOCLY) lint --format json openapi/djinn.yaml 2>/dev/null | $(PY) -c 'import json,sys; t=json.load(sys.stdin)["totals"]; sys.exit(f"redocly: {t}" if t["errors"] or t["warnings"] else 0)'

bench: install
	$(PY) bench/api.py

clean:
	rm -rf $(VENV) node_modules data
