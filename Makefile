# One-command setup and entry points of semipose.
#   make demo   set up, then run the main job on the embedded synthetic data
#   make test   set up, then run the test suite
#   make lint   set up, then check the code style (flake8)
# The environment lives in $(VENV); an environment that already has torch
# (for example your CUDA build) keeps it: make VENV=/path/to/env setup.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.semipose-setup

.PHONY: setup demo test lint benchmark clean-setup

setup: $(STAMP)

$(STAMP): setup.py requirements/build.txt requirements/torch.txt \
          requirements/runtime.txt requirements/tests.txt tools/setup/install_mmcv.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q -r requirements/build.txt
	$(PY) -c "import torch, torchvision" 2>/dev/null || \
	    $(PIP) install -q -r requirements/torch.txt
	PYTHON=$(PY) tools/setup/install_mmcv.sh
	$(PIP) install -q -r requirements/runtime.txt -r requirements/tests.txt
	$(PIP) install -q --no-deps mmpose==1.3.2 openmim==0.3.9
	$(PIP) install -q --no-deps --no-build-isolation -e .
	$(PY) -c "import semipose, mmpose.apis, mmcv.ops; print('semipose', semipose.__version__, 'ready')"
	touch $(STAMP)

demo: setup
	$(PY) tools/demo.py

test: setup
	$(PY) -m pytest tests -q

lint: setup
	$(PIP) install -q -r requirements/lint.txt
	$(PY) -m flake8

benchmark: setup
	$(PY) tools/benchmark.py

clean-setup:
	rm -f $(STAMP)
