#!/usr/bin/env bash
# Installs Argo CD (pinned in manifests/argocd/kustomization.yaml) into the ops-demo
# cluster, waits until it is ready and hands it the App-of-Apps (apps/root.yaml).
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
  || die "applying manifests/argocd failed (no internet in the VM to fetch the pinned install.yaml?)"

info "waiting for Argo CD to be ready (up to $WAIT_TIMEOUT)"
kubectl wait --for=condition=Established --timeout="$WAIT_TIMEOUT" crd/applications.argoproj.io >/dev/null \
  || die "timed out waiting for the Application CRD"
for workload in deployment/argocd-server deployment/argocd-repo-server statefulset/argocd-application-controller; do
  kubectl -n argocd rollout status "$workload" --timeout="$WAIT_TIMEOUT" >/dev/null \
    || die "timed out waiting for $workload (kubectl -n argocd get pods)"
done

info "applying the App-of-Apps (apps/root.yaml)"
kubectl apply -f "$repo_root/apps/root.yaml" >/dev/null || die "applying apps/root.yaml failed"

cat <<DONE
$SCRIPT_NAME: done. Argo CD now syncs everything under apps/ (first sync takes a few minutes).
  Argo CD:  http://argocd.$INGRESS_IP.nip.io   (user admin)
  podinfo:  http://podinfo.$INGRESS_IP.nip.io
  Grafana:  http://grafana.$INGRESS_IP.nip.io  (admin / prom-operator)
  Admin password:
    kubectl --kubeconfig "$KUBECONFIG" -n argocd get secret argocd-initial-admin-secret -o jsonpath='{.data.password}' | base64 -d; echo
  Watch the sync:
    kubectl --kubeconfig "$KUBECONFIG" -n argocd get applications -w
DONE
