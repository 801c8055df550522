// Runs inside the deck's pages (as source text, so no bundler helper can leak into it) for bench/click-to-pixel.ts.
// Every time is on the machine's clock in milliseconds (performance.timeOrigin + ...), the same in every page.

/** Presenter window: the moment a demo key or a dock button click reaches the page. */
globalThis.benchPresenter = function benchPresenter(keys) {
  const bench = { pressedAt: undefined }
  globalThis.__bench = bench
  const at = event => performance.timeOrigin + Math.min(event.timeStamp, performance.now())
  window.addEventListener('keydown', (event) => {
    if (keys.includes(event.key))
      bench.pressedAt = at(event)
  }, { capture: true })
  window.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-testid="demo-controls"] button'))
      bench.pressedAt = at(event)
  }, { capture: true })
}

/**
 * Both windows, installed before the deck loads (it must wrap WebSocket before the deck opens its socket): when an
 * `action` leaves, when an answer (ack) and when a `state` arrives. Our listener is added before socket.io's
 * `onmessage`, so a state's time is the start of the task that decodes, validates and renders it.
 */
globalThis.benchSockets = function benchSockets() {
  const sockets = { states: [], actionsSent: [], acks: [] }
  globalThis.__benchSockets = sockets
  const now = () => performance.timeOrigin + performance.now()
  const Native = WebSocket
  globalThis.WebSocket = class extends Native {
    constructor(...args) {
      super(...args)
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string')
          return
        // the whole state on connect, then a patch per change
        if (event.data.startsWith('42["state"') || event.data.startsWith('42["patch"'))
          sockets.states.push(now())
        else if (event.data.startsWith('43'))
          sockets.acks.push(now())
      })
    }

    send(data) {
      if (typeof data === 'string' && /^42\d*\["action"/.test(data))
        sockets.actionsSent.push(now())
      super.send(data)
    }
  }
}

/**
 * Audience window. Once armed: the first DOM change of the slide on screen, whether it touched the terminal line (the
 * proof that it is the presenter's action arriving), and the first animation frame after it (the rAF callback, then
 * the task after that frame's rendering update). And for a clean "before": how long the whole page has been still.
 */
globalThis.benchAudience = function benchAudience(no) {
  const root = document.querySelector(`#slide-content .slidev-page-${no}`) ?? document.querySelector(`.slidev-page-${no}`)
  if (!root)
    return `slide ${no} is not on screen`
  const terminal = root.querySelector('[data-testid="terminal-line"]')
  if (!terminal)
    return `slide ${no} has no terminal line`
  const now = () => performance.timeOrigin + performance.now()
  const bench = {
    lastMutationAt: now(),
    armed: false,
    measured: undefined,
  }
  globalThis.__bench = bench

  /** `span.word < span[sync].chip < div.chips`: where a change happened, for the report of an unattributed one. */
  function describe(node) {
    const names = []
    let element = node instanceof Element
      ? node
      : node.parentElement
    for (; element && element !== root && names.length < 3; element = element.parentElement) {
      const testId = element.dataset.testid
        ? `[${element.dataset.testid}]`
        : ''
      names.push(`${element.tagName.toLowerCase()}${testId}.${String(element.className).split(' ')[0]}`)
    }
    return names.join(' < ')
  }

  function afterNextFrame(done) {
    requestAnimationFrame(() => {
      const frameAt = now()
      const channel = new MessageChannel()
      channel.port1.onmessage = () => done(frameAt, now())
      channel.port2.postMessage(undefined)
    })
  }

  // Anywhere in the page (hidden slides render too, mermaid measures text in the body): for stillness.
  new MutationObserver(() => bench.lastMutationAt = now())
    .observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    })

  new MutationObserver((records) => {
    if (!bench.armed)
      return
    bench.armed = false
    const measured = {
      domAt: now(),
      touchesTerminal: records.some(record => terminal.contains(record.target)),
      firstTargets: records.slice(0, 4).map(record => `${record.type} ${record.attributeName ?? ''} ${describe(record.target)}`),
      frameAt: undefined,
      paintedAt: undefined,
    }
    bench.measured = measured
    afterNextFrame((frameAt, paintedAt) => {
      measured.frameAt = frameAt
      measured.paintedAt = paintedAt
    })
  }).observe(root, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  })

  // Frames that took over 50 ms (Chromium's Long Animation Frames): what held the audience's first changed pixel up.
  const longFrames = []
  new PerformanceObserver(list => list.getEntries().forEach(entry => longFrames.push({
    at: performance.timeOrigin + entry.startTime,
    ms: Math.round(entry.duration),
    renderMs: Math.round(entry.startTime + entry.duration - entry.renderStart),
    scripts: entry.scripts.toSorted((a, b) => b.duration - a.duration).slice(0, 2).map(script => `${Math.round(script.duration)} ms ${script.invoker} ${script.sourceFunctionName || ''} ${script.sourceURL.split('/').at(-1)}`),
  }))).observe({ type: 'long-animation-frame' })

  // Which of the mounted demo views (this slide, its neighbours) re-rendered since the press: each has a terminal line.
  const viewsChanged = new Set()
  let viewWatcher
  bench.arm = () => {
    bench.measured = undefined
    longFrames.length = 0
    globalThis.__benchSockets.states.length = 0
    viewsChanged.clear()
    viewWatcher?.disconnect()
    viewWatcher = new MutationObserver(records => records.forEach((record) => {
      const element = record.target instanceof Element
        ? record.target
        : record.target.parentElement
      viewsChanged.add(element?.closest('[data-testid="terminal-line"]'))
    }))
    for (const line of document.querySelectorAll('[data-testid="terminal-line"]'))
      viewWatcher.observe(line, { subtree: true, childList: true, characterData: true })
    bench.armed = true
  }
  bench.result = () => bench.measured && {
    ...bench.measured,
    stateAt: globalThis.__benchSockets.states[0],
    viewsRendered: viewsChanged.size,
    longFrames: [...longFrames],
  }
  /**
   * How long the page has been still: the loop at rest (Synced, Healthy, nothing pending: a refresh after a push shows
   * nothing for a while), no DOM change and no running animation (a spinning status icon).
   */
  bench.stillFor = () => {
    const status = selector => root.querySelector(selector)?.getAttribute('data-status')
    const atRest = root.querySelector('[data-testid="phase-strip"]')?.getAttribute('data-phase') === 'synced'
      && status('[data-app="podinfo"] [data-testid="sync"]') === 'Synced'
      && status('[data-app="podinfo"] [data-testid="health"]') === 'Healthy'
    return atRest && !document.getAnimations().some(animation => animation.playState === 'running')
      ? now() - bench.lastMutationAt
      : 0
  }
  /** Animation frames per second over `ms`, to show the window is not throttled. */
  bench.frameRate = ms => new Promise((resolve) => {
    let frames = 0
    const start = performance.now()
    const tick = () => {
      frames++
      if (performance.now() - start < ms)
        requestAnimationFrame(tick)
      else
        resolve(frames * 1000 / (performance.now() - start))
    }
    requestAnimationFrame(tick)
  })
  /** Demo views mounted in this window (Slidev keeps visited and preloaded slides mounted). */
  bench.liveViews = () => document.querySelectorAll('[data-testid="terminal-line"]').length
  return undefined
}
