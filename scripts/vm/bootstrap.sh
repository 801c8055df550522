#!/usr/bin/env bash
# Installs Argo CD (pinned in manifests/argocd/kustomization.yaml) into the ops-demo
# cluster, waits until it is ready, creates Grafana's admin Secret (the one credential the
# synced apps need that Git must not hold) and hands Argo CD the App-of-Apps (apps/root.yaml).
# Idempotent: running it again applies the same objects and changes nothing.
set -euo pipefail

SCRIPT_NAME=bootstrap
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib/log.sh
source "$repo_root/scripts/lib/log.sh"
trap 'die "unexpected failure at line $LINENO: $BASH_COMMAND"' ERR

export KUBECONFIG="${KUBECONFIG:-$repo_root/kubeconfig}"
readonly WAIT_TIMEOUT="${WAIT_TIMEOUT:-300s}"
readonly INGRESS_IP=192.168.56.200

command -v kubectl >/dev/null || die "kubectl is not installed (see README.md, 'Run the ops-demo VM')"
first_kubeconfig="${KUBECONFIG%%:*}"
[[ -f "$first_kubeconfig" ]] || die "no kubeconfig at $first_kubeconfig; run 'vagrant up' first or set KUBECONFIG"
kubectl get --raw=/readyz --request-timeout=10s >/dev/null 2>&1 \
  || die "cluster unreachable through $KUBECONFIG; is the VM running ('vagrant status')?"

info "installing Argo CD from manifests/argocd (server-side apply)"
kubectl apply --server-side --force-conflicts --field-manager=ops-demo-bootstrap \
  -k "$repo_root/manifests/argocd" >/dev/null \
  || die "applying manifests/argocd failed (kubectl's reason is above; -k downloads the pinned install.yaml from GitHub on this machine, not in the VM: check this machine's internet access)"

info "waiting for Argo CD to be ready (up to $WAIT_TIMEOUT)"
kubectl wait --for=condition=Established --timeout="$WAIT_TIMEOUT" crd/applications.argoproj.io >/dev/null \
  || die "timed out waiting for the Application CRD"
for workload in deployment/argocd-server deployment/argocd-repo-server statefulset/argocd-application-controller; do
  kubectl -n argocd rollout status "$workload" --timeout="$WAIT_TIMEOUT" >/dev/null \
    || die "timed out waiting for $workload (kubectl -n argocd get pods)"
done

# Grafana's admin password is not in Git: the chart reads it from this Secret. Created once, so
# a re-run keeps the password; after a rebuild there is a new one (like Argo CD's own).
if ! kubectl -n monitoring get secret grafana-admin >/dev/null 2>&1; then
  info "creating Grafana's admin Secret (monitoring/grafana-admin) with a random password"
  kubectl create namespace monitoring --dry-run=client -o yaml | kubectl apply -f - >/dev/null \
    || die "creating namespace monitoring failed"
  # through stdin, so the password never shows on a command line
  head -c 18 /dev/urandom | base64 | tr -d '/+=\n' \
    | kubectl -n monitoring create secret generic grafana-admin \
      --from-literal=admin-user=admin --from-file=admin-password=/dev/stdin >/dev/null \
    || die "creating the Grafana admin Secret failed"
fi

info "applying the App-of-Apps (apps/root.yaml)"
kubectl apply -f "$repo_root/apps/root.yaml" >/dev/null || die "applying apps/root.yaml failed"

cat <<DONE
$SCRIPT_NAME: done. Argo CD now syncs everything under apps/ (first sync takes a few minutes).
  Argo CD:  http://argocd.$INGRESS_IP.nip.io   (user admin)
  podinfo:  http://podinfo.$INGRESS_IP.nip.io
  Grafana:  http://grafana.$INGRESS_IP.nip.io  (user admin)
  Argo CD's admin password:
    kubectl --kubeconfig "$KUBECONFIG" -n argocd get secret argocd-initial-admin-secret -o jsonpath='{.data.password}' | base64 -d; echo
  Grafana's admin password:
    kubectl --kubeconfig "$KUBECONFIG" -n monitoring get secret grafana-admin -o jsonpath='{.data.admin-password}' | base64 -d; echo
  Watch the sync:
    kubectl --kubeconfig "$KUBECONFIG" -n argocd get applications -w
DONE
