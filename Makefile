# The two set-up commands: `make run` (app with demo data) and `make test` (all tests).
.PHONY: run test setup

run:
	scripts/run.sh

test:
	scripts/test.sh

setup:
	scripts/setup.sh --test
