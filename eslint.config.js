import antfu from '@antfu/eslint-config'

// Layering: imports run one way. common/ is browser-safe and imports nothing above it; the deck reaches the server
// only through common/; the server never imports the deck; a backend never imports its sibling; benchmarks never
// import tests. Each rule names where the code belongs instead.
function layer(files, patterns) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns },
      ],
    },
  }
}
const not = (regex, message) => ({ regex, message })
const NODE_BUILTIN = '^(node:|(fs|path|os|child_process|http|https|net|events|url|crypto|stream|process|util)(/|$))'

export const layering = [
  layer(['common/**'], [
    not('(^|/)(server|composables|components|logic|layouts|setup|scripts|tests|bench)/', 'common/ runs in the browser and in Node: it imports nothing above it'),
    not(NODE_BUILTIN, 'common/ runs in the browser: no Node built-ins'),
  ]),
  layer([
    'components/**',
    'composables/**',
    'logic/**',
    'layouts/**',
    'setup/**',
  ], [
    not('(^|/)server/', 'the deck reaches the demo server only through common/ (the protocol) and useDemo'),
    not('(^|/)(scripts|tests|bench)/', 'the deck does not import scripts, tests or benchmarks'),
  ]),
  layer(['server/**'], [
    not('(^|/)(composables|components|logic|layouts|setup|scripts|tests|bench)/', 'the server never imports the deck, the scripts or the tests: shared code goes in common/'),
  ]),
  layer(['server/sim/**'], [
    not('^\\.\\./(kube|replay)/', 'a backend imports shared code from below (kit/, git/, support/), never its sibling'),
  ]),
  layer(['server/kube/**'], [
    not('^\\.\\./(sim|replay)/', 'a backend imports shared code from below (kit/, git/, support/), never its sibling'),
  ]),
  layer(['server/replay/**'], [
    not('^\\.\\./(sim|kube)/', 'a backend imports shared code from below (kit/, git/, support/), never its sibling'),
  ]),
  layer([
    'server/git/**',
    'server/kit/**',
    'server/support/**',
    'server/access/**',
    'server/transport/**',
    'server/deck-bridge/**',
  ], [
    not('^\\.\\./(sim|kube|replay)/', 'shared server code does not import a backend'),
  ]),
  layer(['bench/**'], [
    not('(^|/)tests/', 'benchmarks share code with tests through scripts/lib/, not tests/'),
  ]),
]

export default antfu(
  {
    vue: true,
    typescript: true,
    markdown: false,
    ignores: [
      '.tools/**',
      'dist/**',
      '.slidev/**',
      'test-results/**',
      'components.d.ts',
      '.demo/**',
      'Vagrantfile',
    ],
  },
  {
    // Kubernetes manifests keep their own quoting: the demo edits `value: "#rrggbb"` as one exact line.
    files: ['**/*.yaml', '**/*.yml'],
    rules: { 'yaml/quotes': 'off', 'yaml/plain-scalar': 'off' },
  },
  {
    // Playwright's locator.innerText() is the rendered text the room reads, not a DOM property.
    files: ['tests/browser/**', 'scripts/screenshots.ts', 'bench/**'],
    rules: { 'unicorn/prefer-dom-node-text-content': 'off' },
  },
  ...layering,
)
