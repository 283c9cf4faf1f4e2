.DEFAULT_GOAL := help
.PHONY: help run test lint typecheck bench docs ci

help: ## show this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-10s %s\n", $$1, $$2}'

run: ## set up .venv and run rosterdesk on the embedded default (README quick start 1)
	./scripts/run

test: ## set up .venv, then ruff, mypy and every test (README quick start 2)
	./scripts/test

lint: ## ruff only
	.venv/bin/ruff check rosterdesk tests bench

typecheck: ## mypy only (strict on rosterdesk)
	.venv/bin/mypy

bench: ## run the benchmarks in bench/ (prints times and ratios; asserts nothing)
	.venv/bin/python bench/bench_validate.py

docs: ## regenerate the generated parts of docs/ from the declarations
	.venv/bin/python -m rosterdesk.docgen

ci: ## what CI runs: services, browser, then the tests with RD_REQUIRE_SERVICES=1
	bash .ci/run
