#!/usr/bin/env bash
# Install mmcv (with its compiled CPU/CUDA ops) into the active environment.
#
# mmcv publishes no Linux wheels on PyPI, so it is built from the sdist once and
# the wheel is cached under $SEMIPOSE_CACHE/wheels/torch-<version>/, because a
# built mmcv is tied to the torch it was compiled against (pip's own wheel
# cache does not know that). torch >= 2.14 headers require C++20 while mmcv
# 2.1.0's setup.py hard-codes -std=c++17, so for those the flag is raised in
# the unpacked sdist before building (installed files are never touched).
set -euo pipefail

MMCV_VERSION=${MMCV_VERSION:-2.1.0}
PY=${PYTHON:-python}
CACHE=${SEMIPOSE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/semipose}

if $PY -c "import mmcv, sys; from mmcv.ops import nms; sys.exit(mmcv.__version__ != '$MMCV_VERSION')" 2>/dev/null; then
  echo "mmcv $MMCV_VERSION with ops already installed"
  exit 0
fi

TORCH_VERSION=$($PY -c "import torch; print(torch.__version__.split('+')[0])")
CUDA_TAG=$($PY -c "import torch; print('cu' if torch.cuda.is_available() or '${FORCE_CUDA:-0}' == '1' else 'cpu')")
WHEELS="$CACHE/wheels/torch-$TORCH_VERSION-$CUDA_TAG"
mkdir -p "$WHEELS"

if ! ls "$WHEELS"/mmcv-"$MMCV_VERSION"-*.whl >/dev/null 2>&1; then
  echo "Building mmcv $MMCV_VERSION against torch $TORCH_VERSION ($CUDA_TAG); this takes about 10 minutes on 2 cores"
  SRC=$(mktemp -d)
  trap 'rm -rf "$SRC"' EXIT
  $PY -m pip download --no-deps --no-binary :all: --no-build-isolation \
      "mmcv==$MMCV_VERSION" -d "$SRC"
  tar -xzf "$SRC/mmcv-$MMCV_VERSION.tar.gz" -C "$SRC"
  if $PY -c "import sys, torch; v = tuple(map(int, torch.__version__.split('+')[0].split('.')[:2])); sys.exit(v < (2, 14))"; then
    sed -i "s/-std=c++17/-std=c++20/g" "$SRC/mmcv-$MMCV_VERSION/setup.py"
  fi
  MMCV_WITH_OPS=1 FORCE_CUDA=${FORCE_CUDA:-0} MAX_JOBS=${MAX_JOBS:-$(nproc)} \
    $PY -m pip wheel --no-deps --no-build-isolation -w "$WHEELS" "$SRC/mmcv-$MMCV_VERSION"
fi
$PY -m pip install --no-deps "$WHEELS"/mmcv-"$MMCV_VERSION"-*.whl
