import type { KubeObject } from './helpers'

/**
 * What the sources this repository does not hold would render, as far as sync order is concerned:
 * the capabilities each one installs, and its objects whose health waits on something.
 * The tests run offline, so Helm charts and remote kustomize resources cannot be rendered here;
 * each entry says where in the upstream source its facts were checked. An unknown source is an
 * error, so a new chart or URL cannot slip past the sync-wave check.
 *
 * Capabilities: `ingress-class:<name>` (an Ingress controller that sets `status.loadBalancer`),
 * `load-balancer` (something that gives `type: LoadBalancer` Services an address),
 * `crd:<group>` (the CustomResourceDefinitions of that API group).
 */
export interface UpstreamRender {
  provides: string[]
  objects: KubeObject[]
}

type HelmValues = Record<string, any>

interface ChartEntry {
  repoURL: string
  chart: string
  render: (values: HelmValues) => UpstreamRender
}

function service(name: string, namespace: string, type: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { type },
  }
}

const charts: ChartEntry[] = [
  {
    // kubernetes/ingress-nginx @ helm-chart-4.15.1, charts/ingress-nginx/values.yaml:
    // controller.ingressClassResource.name: nginx, controller.service.type: LoadBalancer.
    repoURL: 'https://kubernetes.github.io/ingress-nginx',
    chart: 'ingress-nginx',
    render: values => ({
      provides: [`ingress-class:${values.controller?.ingressClassResource?.name ?? 'nginx'}`],
      objects: [
        service('ingress-nginx-controller', 'ingress-nginx', values.controller?.service?.type ?? 'LoadBalancer'),
      ],
    }),
  },
  {
    // metallb/metallb @ v0.15.2: the chart's crds subchart (charts/metallb/charts/crds, crds.enabled: true)
    // holds the metallb.io CRDs; the controller and speaker answer LoadBalancer Services.
    repoURL: 'https://metallb.github.io/metallb',
    chart: 'metallb',
    render: () => ({
      provides: ['load-balancer', 'crd:metallb.io'],
      objects: [],
    }),
  },
  {
    // prometheus-community/helm-charts @ kube-prometheus-stack-78.3.2: the chart ships the
    // monitoring.coreos.com CRDs; Grafana's Ingress only when grafana.ingress.enabled, its
    // Service and Prometheus' Service are ClusterIP unless the values say otherwise.
    repoURL: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    render: values => ({
      provides: ['crd:monitoring.coreos.com'],
      objects: [
        service('kube-prometheus-stack-grafana', 'monitoring', values.grafana?.service?.type ?? 'ClusterIP'),
        service('kube-prometheus-stack-prometheus', 'monitoring', values.prometheus?.service?.type ?? 'ClusterIP'),
        ...(values.grafana?.ingress?.enabled === true
          ? [
              {
                apiVersion: 'networking.k8s.io/v1',
                kind: 'Ingress',
                metadata: { name: 'kube-prometheus-stack-grafana', namespace: 'monitoring' },
                spec: { ingressClassName: values.grafana.ingress.ingressClassName },
              },
            ]
          : []),
      ],
    }),
  },
]

interface RemoteEntry {
  url: RegExp
  render: UpstreamRender
}

const remoteResources: RemoteEntry[] = [
  {
    // argoproj/argo-cd manifests/install.yaml (checked at v3.4.7): the argoproj.io CRDs, Deployments,
    // a StatefulSet and ClusterIP Services; no Ingress and no LoadBalancer Service.
    url: /^https:\/\/raw\.githubusercontent\.com\/argoproj\/argo-cd\/v\d+\.\d+\.\d+\/manifests\/install\.yaml$/,
    render: {
      provides: ['crd:argoproj.io'],
      objects: [],
    },
  },
  {
    // tektoncd/pipeline release.yaml: config/300-crds (tekton.dev Pipeline, PipelineRun, Task, TaskRun, …),
    // the controller and webhook Deployments and ClusterIP Services.
    url: /^https:\/\/infra\.tekton\.dev\/tekton-releases\/pipeline\/previous\/v\d+\.\d+\.\d+\/release\.yaml$/,
    render: {
      provides: ['crd:tekton.dev'],
      objects: [],
    },
  },
]

export function renderChart(repoURL: string, chart: string, values: HelmValues): UpstreamRender {
  const entry = charts.find(candidate => candidate.repoURL === repoURL && candidate.chart === chart)
  if (entry === undefined)
    throw new Error(`unknown chart ${chart} from ${repoURL}: describe what it provides in tests/gitops/upstream-sources.ts`)
  return entry.render(values)
}

export function renderRemoteResource(url: string): UpstreamRender {
  const entry = remoteResources.find(candidate => candidate.url.test(url))
  if (entry === undefined)
    throw new Error(`unknown remote resource ${url}: describe what it provides in tests/gitops/upstream-sources.ts`)
  return entry.render
}

/**
 * What k3s itself runs unless its config disables it (docs.k3s.io, "Packaged Components"):
 * Traefik answers Ingresses of class traefik, ServiceLB gives LoadBalancer Services an address.
 */
export function k3sProvides(disabled: string[]): string[] {
  const packaged: Record<string, string> = { traefik: 'ingress-class:traefik', servicelb: 'load-balancer' }
  return Object.entries(packaged).filter(([component]) => !disabled.includes(component)).map(([, capability]) => capability)
}
