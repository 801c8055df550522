import type { Lang } from '../common/lang'
import type { DeckSlide } from '../scripts/lib/deck'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { LANGS } from '../common/lang'
import { loadDeck } from '../scripts/lib/deck'

// Every slide that states a fact about a tool ends its notes, in both languages, with a paragraph of sources
// (`**Bronnen:** [..](..)` / `**Sources:** [..](..)`). A source of a project this repository pins points at that
// pin, read here from the files that hold it (manifests/, apps/, Vagrantfile, and for projects the lab does not
// install, a `# <project> <version>` line at the top of the snippet that uses it): an upgrade fails this test
// until the links move too. No link points at a moving branch.

const read = (file: string): string => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')

function pin(file: string, pattern: RegExp): string {
  const found = pattern.exec(read(file))?.[1]
  if (!found)
    throw new Error(`no pin in ${file} (${pattern})`)
  return found
}

/** The `targetRevision` of an Application's Helm chart source. */
function chartPin(file: string, chart: string): string {
  const app = parse(read(file)) as { spec: { source?: { chart?: string, targetRevision: string }, sources?: { chart?: string, targetRevision: string }[] } }
  const source = [
    app.spec.source,
    ...(app.spec.sources ?? []),
  ].find(candidate => candidate?.chart === chart)
  if (!source)
    throw new Error(`no chart ${chart} in ${file}`)
  return String(source.targetRevision)
}

const k3s = pin('Vagrantfile', /^K3S_VERSION = '(v[^']+)'$/m)
/** k3s v1.33.5+k3s1 is Kubernetes v1.33.5. */
const kubernetes = /^(v\d+\.\d+\.\d+)\+k3s\d+$/.exec(k3s)![1]!

const PINS = {
  argoCd: pin('manifests/argocd/kustomization.yaml', /argoproj\/argo-cd\/(v\d+\.\d+\.\d+)\/manifests\/install\.yaml/),
  k3s,
  kubernetes,
  metallb: `v${chartPin('apps/networking/metallb.yaml', 'metallb')}`,
  ingressNginxChart: `helm-chart-${chartPin('apps/networking/ingress-nginx.yaml', 'ingress-nginx')}`,
  ingressNginxController: pin('snippets/rollout.yaml', /^# ingress-nginx (controller-v\d+\.\d+\.\d+)\b/m),
  tekton: pin('manifests/ci/tekton/kustomization.yaml', /pipeline\/previous\/(v\d+\.\d+\.\d+)\/release\.yaml/),
  kubePrometheusStack: `kube-prometheus-stack-${chartPin('apps/monitoring/prometheus-grafana.yaml', 'kube-prometheus-stack')}`,
  podinfo: pin('manifests/apps/podinfo/deployment.yaml', /ghcr\.io\/stefanprodan\/podinfo:(\d+\.\d+\.\d+)/),
  argoRollouts: pin('snippets/rollout.yaml', /^# Argo Rollouts (v\d+\.\d+\.\d+)\b/m),
  externalSecrets: pin('snippets/external-secret.yaml', /^# external-secrets (v\d+\.\d+\.\d+)\b/m),
}

interface Project {
  name: string
  /** GitHub `owner/name`s whose links must use one of `refs`. */
  repos: string[]
  refs: string[]
  /** Docs sites with the version in the URL: the version a URL names, or undefined when it names none. */
  versionedDocs?: { host: RegExp, version: (url: URL) => string | undefined, expected: string }[]
  /** Docs that follow the newest release (no version in the URL): refused, link the pinned source instead. */
  unversionedDocs?: RegExp[]
}

const readTheDocs = (url: URL) => /^\/en\/([^/]+)\//.exec(url.pathname)?.[1]

const PROJECTS: Project[] = [
  {
    name: 'Argo CD',
    repos: ['argoproj/argo-cd'],
    refs: [PINS.argoCd],
    versionedDocs: [
      { host: /^argo-cd\.readthedocs\.io$/, version: readTheDocs, expected: PINS.argoCd },
    ],
  },
  // docs.k3s.io is k3s's only documentation and covers every supported release (release-specific notes say
  // which): it is allowed as the official docs site. Links into k3s-io/k3s must use the pinned tag.
  {
    name: 'k3s',
    repos: ['k3s-io/k3s'],
    refs: [PINS.k3s],
  },
  {
    name: 'Kubernetes (the version k3s pins)',
    repos: ['kubernetes/kubernetes'],
    refs: [PINS.kubernetes],
    versionedDocs: [
      {
        host: /^v\d+-\d+\.docs\.kubernetes\.io$/,
        version: url => /^v(\d+)-(\d+)\./.exec(url.hostname)!.slice(1).join('.'),
        expected: /^v(\d+\.\d+)\./.exec(PINS.kubernetes)![1]!,
      },
    ],
    unversionedDocs: [/^https:\/\/(www\.)?kubernetes\.io\/(docs|[a-z-]+\/docs)\//],
  },
  {
    name: 'MetalLB',
    repos: ['metallb/metallb'],
    refs: [PINS.metallb],
    unversionedDocs: [/^https:\/\/metallb\.(universe\.tf|io)\//],
  },
  {
    name: 'ingress-nginx',
    repos: ['kubernetes/ingress-nginx'],
    refs: [PINS.ingressNginxChart, PINS.ingressNginxController],
    unversionedDocs: [/^https:\/\/kubernetes\.github\.io\/ingress-nginx\//],
  },
  {
    name: 'Tekton Pipelines',
    repos: ['tektoncd/pipeline'],
    refs: [PINS.tekton],
    unversionedDocs: [/^https:\/\/tekton\.dev\/docs\//],
  },
  {
    name: 'kube-prometheus-stack',
    repos: ['prometheus-community/helm-charts'],
    refs: [PINS.kubePrometheusStack],
  },
  {
    name: 'podinfo',
    repos: ['stefanprodan/podinfo'],
    refs: [PINS.podinfo],
  },
  {
    name: 'Argo Rollouts',
    repos: ['argoproj/argo-rollouts'],
    refs: [PINS.argoRollouts],
    versionedDocs: [
      { host: /^argo-rollouts\.readthedocs\.io$/, version: readTheDocs, expected: PINS.argoRollouts },
    ],
    unversionedDocs: [/^https:\/\/argoproj\.github\.io\/argo-rollouts\//],
  },
  {
    name: 'external-secrets',
    repos: ['external-secrets/external-secrets'],
    refs: [PINS.externalSecrets],
    versionedDocs: [
      {
        host: /^external-secrets\.io$/,
        version: url => /^\/([^/]+)\//.exec(url.pathname)?.[1],
        expected: PINS.externalSecrets,
      },
    ],
  },
]

/** Refs and path segments that follow a branch, not a release. */
const MOVING = new Set([
  'master',
  'main',
  'head',
  'latest',
  'stable',
  'develop',
  'trunk',
  'refs',
])

/** What is wrong with one link, as sentences; empty when it is fine. */
function linkProblems(href: string): string[] {
  let url: URL
  try {
    url = new URL(href)
  }
  catch {
    return [`${href}: not a URL`]
  }
  if (url.protocol !== 'https:')
    return [`${href}: not https`]
  const problems: string[] = []
  const segments = url.pathname.split('/').filter(Boolean)

  let repo: string | undefined
  let ref: string | undefined
  if (url.hostname === 'github.com') {
    repo = segments.slice(0, 2).join('/')
    const kind = segments[2]
    if (kind === 'blob' || kind === 'tree' || kind === 'raw') {
      ref = segments[3]
    }
    else if (kind === 'releases' && segments[3] === 'tag') {
      ref = segments[4]
    }
    else if (![
      'issues',
      'pull',
      'discussions',
      'commit',
      'security',
    ].includes(kind ?? '')) {
      problems.push(`${href}: a repository's page shows its default branch; link a file at a tag (/blob/<tag>/...)`)
    }
  }
  else if (url.hostname === 'raw.githubusercontent.com') {
    repo = segments.slice(0, 2).join('/')
    ref = segments[2]
  }
  if (ref !== undefined && MOVING.has(ref.toLowerCase()))
    problems.push(`${href}: "${ref}" is a moving branch, not a release`)
  else if (ref === undefined && segments.some(segment => MOVING.has(segment.toLowerCase())))
    problems.push(`${href}: a path through "latest"/"stable"/a branch follows the newest release, not a pin`)

  for (const project of PROJECTS) {
    if (repo !== undefined && project.repos.includes(repo) && ref !== undefined && !project.refs.includes(decodeURIComponent(ref)))
      problems.push(`${href}: ${project.name} is pinned to ${project.refs.join(' / ')} in this repository, the link says ${ref}`)
    for (const docs of project.versionedDocs ?? []) {
      if (!docs.host.test(url.hostname))
        continue
      const version = docs.version(url)
      if (version !== docs.expected)
        problems.push(`${href}: ${project.name} is pinned to ${docs.expected}, the docs link says ${version ?? 'no version'}`)
    }
    if ((project.unversionedDocs ?? []).some(pattern => pattern.test(href)))
      problems.push(`${href}: these ${project.name} docs follow the newest release; link the pinned ${project.refs[0]} instead`)
  }
  return problems
}

const LABEL: Record<Lang, string> = { nl: '**Bronnen:**', en: '**Sources:**' }

/** The links of the last paragraph of a language's notes, when it is that language's sources paragraph. */
function sourcesOf(note: string | undefined, lang: Lang): string[] {
  const last = (note ?? '').trim().split(/\n\s*\n/).at(-1)!.trim()
  if (!last.startsWith(LABEL[lang]))
    return []
  return [
    ...last.matchAll(/\]\((https?:\/\/[^)\s]+)\)/g),
  ].map(match => match[1]!)
}

function allLinks(note: string | undefined): string[] {
  return [
    ...(note ?? '').matchAll(/\]\((https?:\/\/[^)\s]+)\)/g),
  ].map(match => match[1]!)
}

/** Section openers, demo slides and the question slide state no fact of their own. */
const needsSources = (slide: DeckSlide): boolean => !['section', 'demo'].includes(String(slide.frontmatter.layout)) && slide.titles.en !== 'Questions?'

describe('sources in the notes', async () => {
  const slides = await loadDeck()

  it('reads a pin for every project from this repository', () => {
    for (const [project, version] of Object.entries(PINS))
      expect(version, project).toMatch(/\d+\.\d+/)
  })

  it('refuses moving branches, other versions than the pins, and docs that follow the newest release', () => {
    const ok = [
      `https://github.com/argoproj/argo-cd/blob/${PINS.argoCd}/docs/user-guide/sync-waves.md`,
      `https://argo-cd.readthedocs.io/en/${PINS.argoCd}/user-guide/sync-waves/`,
      `https://github.com/kubernetes/ingress-nginx/blob/${PINS.ingressNginxController}/rootfs/etc/nginx/lua/monitor.lua`,
      `https://github.com/argoproj/argo-rollouts/blob/${PINS.argoRollouts}/docs/features/analysis.md#background-analysis`,
      `https://${PINS.kubernetes.replace(/^v(\d+)\.(\d+)\..*$/, 'v$1-$2')}.docs.kubernetes.io/docs/tasks/debug/debug-cluster/audit/`,
      'https://github.com/kubernetes/kubernetes/issues/137560',
      'https://docs.k3s.io/networking/networking-services',
    ]
    for (const href of ok)
      expect(linkProblems(href), href).toEqual([])
    const wrong = [
      'https://github.com/argoproj/argo-cd/blob/v3.4.6/docs/user-guide/sync-waves.md',
      'https://github.com/argoproj/argo-cd/blob/master/docs/user-guide/sync-waves.md',
      'https://raw.githubusercontent.com/argoproj/argo-cd/HEAD/manifests/install.yaml',
      'https://github.com/argoproj/argo-cd',
      'https://github.com/getsops/sops/blob/main/README.rst',
      'https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/',
      'https://argo-cd.readthedocs.io/en/latest/user-guide/sync-waves/',
      'https://kubernetes.github.io/ingress-nginx/user-guide/monitoring/',
      'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/',
      'https://v1-30.docs.kubernetes.io/docs/tasks/debug/debug-cluster/audit/',
      'https://external-secrets.io/latest/introduction/overview/',
      'http://opengitops.dev/',
    ]
    for (const href of wrong)
      expect(linkProblems(href), href).not.toEqual([])
  })

  for (const slide of slides) {
    describe(`slide ${slide.no} (${slide.titles.en})`, () => {
      for (const lang of LANGS) {
        it(`${lang}: every link in the notes uses the pinned version and no moving branch`, () => {
          expect(allLinks(slide.notes[lang]).flatMap(linkProblems)).toEqual([])
        })
      }
      if (needsSources(slide)) {
        it('lists at least one source, the same ones in both languages, as the notes\' last paragraph', () => {
          const nl = sourcesOf(slide.notes.nl, 'nl')
          const en = sourcesOf(slide.notes.en, 'en')
          expect(nl.length, `no "${LABEL.nl} [..](..)" paragraph at the end of the nl notes`).toBeGreaterThan(0)
          expect(en.length, `no "${LABEL.en} [..](..)" paragraph at the end of the en notes`).toBeGreaterThan(0)
          expect([...nl].sort()).toEqual([...en].sort())
        })
      }
    })
  }
})
