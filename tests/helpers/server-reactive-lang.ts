// Stands in for Slidev's `server-reactive:lang` virtual module in component tests.
export default { lang: 'nl' as const }
