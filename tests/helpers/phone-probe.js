// Runs inside the phone's page (as source text, so no bundler helper can leak into it): every visible text node of
// the phone view, with the size a reader sees (CSS px, an SVG's own scale included) and whether it sits off the
// screen sideways where no box of its own scrolls it into view.
// Returns { texts: [{ text, size, off }], page: { scrollWidth, clientWidth } }.
globalThis.probePhone = function probePhone() {
  const root = document.querySelector('.phone-view')
  if (!root)
    return { error: 'no phone view on screen' }
  const width = document.documentElement.clientWidth

  function parentOf(node) {
    return node.parentElement ?? (node.parentNode instanceof ShadowRoot
      ? node.parentNode.host
      : null)
  }

  function visible(element) {
    let opacity = 1
    for (let el = element; el && el !== document.documentElement; el = parentOf(el)) {
      const style = getComputedStyle(el)
      if (style.display === 'none' || style.visibility === 'hidden')
        return false
      opacity *= Number(style.opacity)
    }
    return opacity >= 0.05
  }

  function svgScale(element) {
    let svg = null
    for (let el = element; el; el = parentOf(el)) {
      if (el instanceof SVGSVGElement)
        svg = el
    }
    if (!svg || !svg.viewBox?.baseVal?.width)
      return 1
    return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
  }

  /** The nearest box that scrolls sideways, if any. */
  function scroller(element) {
    for (let el = parentOf(element); el && el !== root; el = parentOf(el)) {
      const overflow = getComputedStyle(el).overflowX
      if (overflow === 'auto' || overflow === 'scroll')
        return el
    }
    return null
  }

  const texts = []
  function walk(start) {
    const walker = document.createTreeWalker(start, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT)
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.shadowRoot)
          walk(node.shadowRoot)
        continue
      }
      const text = node.textContent.replace(/\s+/g, ' ').trim()
      const element = parentOf(node)
      if (!text || !element || element.closest('style, script, title, desc') || !visible(element))
        continue
      const range = document.createRange()
      range.selectNodeContents(node)
      const rect = range.getBoundingClientRect()
      if (rect.width < 0.5 || rect.height < 0.5)
        continue
      const box = scroller(element)
      const span = box
        ? box.getBoundingClientRect()
        : rect
      const off = span.left < -1 || span.right > width + 1
      const size = Number.parseFloat(getComputedStyle(element).fontSize) * svgScale(element)
      texts.push({
        text: text.slice(0, 60),
        size: Math.round(size * 10) / 10,
        off,
      })
    }
  }
  walk(root)
  return {
    texts,
    page: {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      documentWidth: document.documentElement.scrollWidth,
      width,
    },
  }
}
