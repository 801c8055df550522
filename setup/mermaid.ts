import { defineMermaidSetup } from '@slidev/types'

// Diagrams in the deck's own tokens (styles/tokens.css), at a size the back row reads. Mermaid scales a diagram
// down to its column: narrow actors keep the push race at its natural size (the legibility test measures it).
export default defineMermaidSetup(() => ({
  theme: 'base',
  fontFamily: 'Inter, system-ui, sans-serif',
  themeVariables: {
    fontFamily: 'Inter, system-ui, sans-serif',
    fontSize: '20px',
    primaryColor: '#dbeafe',
    primaryTextColor: '#0f172a',
    primaryBorderColor: '#1e40af',
    secondaryColor: '#dcfce7',
    secondaryTextColor: '#0f172a',
    secondaryBorderColor: '#166534',
    tertiaryColor: '#fee2e2',
    tertiaryTextColor: '#0f172a',
    tertiaryBorderColor: '#991b1b',
    lineColor: '#475569',
    textColor: '#0f172a',
    actorBkg: '#dbeafe',
    actorBorder: '#1e40af',
    actorTextColor: '#0f172a',
    signalColor: '#0f172a',
    signalTextColor: '#0f172a',
    noteBkgColor: '#fef3c7',
    noteBorderColor: '#92400e',
    noteTextColor: '#0f172a',
    edgeLabelBackground: '#ffffff',
  },
  flowchart: { htmlLabels: true, curve: 'basis', padding: 12 },
  sequence: {
    actorFontSize: 20,
    messageFontSize: 20,
    noteFontSize: 20,
    mirrorActors: false,
    actorMargin: 30,
    width: 90,
    diagramMarginX: 8,
  },
}))
