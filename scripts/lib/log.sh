#!/usr/bin/env bash
# One-line messages for the ops-demo scripts. Source it; set SCRIPT_NAME first.

info() {
  printf '%s: %s\n' "${SCRIPT_NAME:-ops-demo}" "$*"
}

die() {
  printf '%s: error: %s\n' "${SCRIPT_NAME:-ops-demo}" "$*" >&2
  exit 1
}
