#!/usr/bin/env bash
# README quick start, command 1: set up the machine and run the main job. For now the main job is the sandbox
# self-check (`quorum doctor --fix`, which builds the base image when it is absent and probes a real sandbox).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$ROOT/scripts/setup.sh"
exec "$ROOT/bin/quorum" doctor --fix
