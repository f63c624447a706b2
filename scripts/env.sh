# Sourced by the scripts: one target dir that outlives sessions and CI runs on this machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/atlas-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
