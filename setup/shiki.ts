import { defineShikiSetup } from '@slidev/types'

// vitesse-light's YAML keys are 3.4:1 on white; the high-contrast GitHub theme stays readable on a washed-out projector.
export default defineShikiSetup(() => ({
  themes: {
    light: 'github-light-high-contrast',
    dark: 'github-dark-high-contrast',
  },
}))
