#!/usr/bin/env bash
# Runs inside the ops-demo VM (Vagrant's shell provisioner, as root): installs k3s
# pinned to K3S_VERSION and writes a kubeconfig for the host to KUBECONFIG_OUT.
# Safe to re-run (vagrant provision): the config is rewritten, the install is a no-op upgrade.
set -euo pipefail

: "${K3S_VERSION:?K3S_VERSION is required}"
: "${NODE_IP:?NODE_IP is required}"
: "${KUBECONFIG_OUT:?KUBECONFIG_OUT is required}"

# The interface that carries the host-only address; flannel must use it, not the NAT one
# (every VirtualBox NAT interface is 10.0.2.15, so pods on it could not be told apart).
node_iface="$(ip -o -4 addr show | awk -v ip="$NODE_IP" '$4 ~ "^"ip"/" { print $2; exit }')"
if [[ -z "$node_iface" ]]; then
  echo "provision-k3s: no interface has $NODE_IP; is the host-only network up?" >&2
  exit 1
fi

mkdir -p /etc/rancher/k3s
cat > /etc/rancher/k3s/config.yaml <<CONFIG
node-ip: ${NODE_IP}
advertise-address: ${NODE_IP}
flannel-iface: ${node_iface}
tls-san:
  - ${NODE_IP}
write-kubeconfig-mode: "0600"
# MetalLB and ingress-nginx (synced by Argo CD) take over these two jobs
disable:
  - traefik
  - servicelb
CONFIG

curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION="$K3S_VERSION" sh -s - server

until [[ -s /etc/rancher/k3s/k3s.yaml ]]; do sleep 2; done
sed "s#https://127.0.0.1:6443#https://${NODE_IP}:6443#" /etc/rancher/k3s/k3s.yaml > "$KUBECONFIG_OUT"
chmod 600 "$KUBECONFIG_OUT"
echo "provision-k3s: k3s ${K3S_VERSION} is up; kubeconfig written to ${KUBECONFIG_OUT}"
