// On a phone, a slide's diagrams keep their text readable: an SVG scaled to the phone's width would draw its 16-px
// labels at 7 px. Each one is made as wide as its smallest text needs and scrolls sideways in its own box; the page
// itself never does.

/** The smallest text a phone shows, in CSS px. */
export const PHONE_MIN_TEXT_PX = 15

/** The smallest font size an SVG draws its text at, in its own units (labels in foreignObject included). */
function smallestText(svg: SVGSVGElement): number | undefined {
  let smallest: number | undefined
  for (const element of svg.querySelectorAll('text, tspan, foreignObject *')) {
    if (!element.textContent?.trim())
      continue
    const size = Number.parseFloat(getComputedStyle(element).fontSize)
    if (size > 0 && (smallest === undefined || size < smallest))
      smallest = size
  }
  return smallest
}

/** Every SVG under `root`, inside shadow roots too (Slidev draws mermaid diagrams in one). */
function svgsUnder(root: Element | ShadowRoot): SVGSVGElement[] {
  const found: SVGSVGElement[] = [
    ...root.querySelectorAll<SVGSVGElement>('svg'),
  ]
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot)
      found.push(...svgsUnder(element.shadowRoot))
  }
  return found
}

/** Sets each SVG under `root` to the width its smallest text needs, and lets its box scroll sideways. */
export function fitFigures(root: HTMLElement, minPx = PHONE_MIN_TEXT_PX): void {
  for (const svg of svgsUnder(root)) {
    const width = svg.viewBox?.baseVal?.width
    const text = smallestText(svg)
    if (!width || !text)
      continue
    const needed = Math.ceil(width * minPx / text)
    if (Number.parseFloat(svg.style.minWidth) === needed)
      continue
    svg.style.width = '100%'
    svg.style.minWidth = `${needed}px`
    svg.style.maxWidth = 'none'
    svg.style.height = 'auto'
    const box = svg.parentElement ?? (svg.getRootNode() as ShadowRoot).host as HTMLElement | undefined
    if (box) {
      box.style.overflowX = 'auto'
      box.style.maxWidth = '100%'
    }
  }
}
