// Runs inside the page (as source text, so no bundler helper can leak into it): measures every visible text node
// of the slide on screen the way the room sees it, in canvas px of Slidev's 980-px canvas.
// Returns { texts: [{ text, size, kind, opacity, outside }], canvas: { width, height } }.
globalThis.probeSlide = function probeSlide(no) {
  const page = document.querySelector(`#slide-content .slidev-page-${no}`) ?? document.querySelector(`.slidev-page-${no}`)
  const canvas = document.querySelector('#slide-content')
  if (!page || !canvas)
    return { error: `slide ${no} is not on screen` }
  const canvasRect = canvas.getBoundingClientRect()
  const scale = canvasRect.width / 980

  function parentOf(node) {
    return node.parentElement ?? (node.parentNode instanceof ShadowRoot
      ? node.parentNode.host
      : null)
  }

  function opacityOf(element) {
    let opacity = 1
    for (let el = element; el && el !== document.documentElement; el = parentOf(el)) {
      const style = getComputedStyle(el)
      if (style.display === 'none' || style.visibility === 'hidden')
        return 0
      opacity *= Number(style.opacity)
    }
    return opacity
  }

  /** What the text is for the budget: code, a caption or label, body text, or other text (headings, boxes). */
  function kindOf(element) {
    if (element.closest('pre, code, .slidev-code'))
      return 'code'
    if (element.closest('[data-caption], figcaption, svg, .chip, .mode-badge, .mermaid'))
      return 'caption'
    for (let el = element; el; el = parentOf(el)) {
      if (el.matches?.('[data-caption], .mermaid'))
        return 'caption'
    }
    if (element.closest('p, li, td, th, blockquote'))
      return 'body'
    return 'text'
  }

  /** An SVG draws its text at its own scale: the size the room sees is the font size times that scale. */
  function svgScale(element) {
    let el = element
    let svg = null
    while (el) {
      if (el instanceof SVGSVGElement)
        svg = el
      el = parentOf(el)
    }
    if (!svg || !svg.viewBox?.baseVal?.width)
      return 1
    return svg.getBoundingClientRect().width / scale / svg.viewBox.baseVal.width
  }

  /** The part of a rectangle its overflow-clipping ancestors let through. */
  function clipped(rect, element) {
    let { left, top, right, bottom } = rect
    for (let el = element; el && el !== page; el = parentOf(el)) {
      const style = getComputedStyle(el)
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
        const box = el.getBoundingClientRect()
        left = Math.max(left, box.left)
        top = Math.max(top, box.top)
        right = Math.min(right, box.right)
        bottom = Math.min(bottom, box.bottom)
      }
    }
    return { left, top, right, bottom }
  }

  const texts = []
  function walk(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT)
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.shadowRoot)
          walk(node.shadowRoot)
        continue
      }
      const text = node.textContent.replace(/\s+/g, ' ').trim()
      const element = parentOf(node)
      if (!text || !element || element.closest('style, script, title, desc'))
        continue
      const opacity = opacityOf(element)
      if (opacity < 0.05)
        continue
      const range = document.createRange()
      range.selectNodeContents(node)
      const rect = range.getBoundingClientRect()
      if (rect.width < 0.5 || rect.height < 0.5)
        continue
      const visible = clipped(rect, element)
      if (visible.right - visible.left < 0.5 || visible.bottom - visible.top < 0.5)
        continue
      const tolerance = 1.5 * scale
      const outside = visible.left < canvasRect.left - tolerance || visible.top < canvasRect.top - tolerance
        || visible.right > canvasRect.right + tolerance || visible.bottom > canvasRect.bottom + tolerance
      // Cut off by a box that clips it: a code line or a label nobody can read to its end, or the last lines of an
      // event a line clamp hides.
      const cut = rect.right - visible.right > tolerance || visible.left - rect.left > tolerance
        || rect.bottom - visible.bottom > tolerance || visible.top - rect.top > tolerance
      const size = Number.parseFloat(getComputedStyle(element).fontSize) * svgScale(element)
      texts.push({
        text: text.slice(0, 80),
        size: Math.round(size * 10) / 10,
        kind: kindOf(element),
        opacity: Math.round(opacity * 100) / 100,
        outside,
        cut,
        chars: text.length,
      })
    }
  }
  walk(page)
  return {
    texts,
    canvas: { width: canvasRect.width / scale, height: canvasRect.height / scale },
  }
}
