import antfu from '@antfu/eslint-config'

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
)
