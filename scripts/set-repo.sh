#!/usr/bin/env bash
# Points this GitOps repository at a fork: rewrites the repoURL and targetRevision of
# every git source under apps/ and the example PipelineRun. This script is the one
# place that changes them; tests/gitops checks that they always agree.
#   scripts/set-repo.sh https://github.com/<you>/gitops-in-practice.git [revision]
set -euo pipefail

SCRIPT_NAME=set-repo
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/log.sh
source "$repo_root/scripts/lib/log.sh"

new_url="${1:-}"
new_revision="${2:-main}"
[[ -n "$new_url" ]] || die "usage: scripts/set-repo.sh <repo-url> [revision]"
# only characters that are safe inside the sed expressions below
[[ "$new_url" =~ ^[A-Za-z0-9._~:/@%+-]+$ ]] || die "unsupported characters in repo URL: $new_url"
[[ "$new_revision" =~ ^[A-Za-z0-9._/-]+$ ]] || die "unsupported characters in revision: $new_revision"

root_app="$repo_root/apps/root.yaml"
[[ -f "$root_app" ]] || die "no apps/root.yaml under $repo_root"
# apps/root.yaml holds the current value; every other Application must match it.
old_url="$(awk '$1 == "repoURL:" { print $2; exit }' "$root_app")"
[[ -n "$old_url" ]] || die "no repoURL found in apps/root.yaml"
old_url_pattern="$(printf '%s' "$old_url" | sed 's/[.[\*^$/]/\\&/g')"

# A git source is written as "repoURL: <this repo>" with targetRevision on the next line.
while IFS= read -r -d '' file; do
  sed -i -E "/repoURL: ${old_url_pattern}\$/{s|repoURL: .*|repoURL: ${new_url}|;n;s|targetRevision: .*|targetRevision: ${new_revision}|}" "$file"
done < <(find "$repo_root/apps" -name '*.yaml' -print0)

pipelinerun="$repo_root/scripts/tekton/pipelinerun.yaml"
if [[ -f "$pipelinerun" ]]; then
  sed -i -E "/- name: repo-url\$/{n;s|value: .*|value: ${new_url}|}; /- name: revision\$/{n;s|value: .*|value: ${new_revision}|}" "$pipelinerun"
fi

info "every Application now uses ${new_url} @ ${new_revision}; commit and push, then kubectl apply -f apps/root.yaml"
