// The Q&A over socket.io, against a real demo server: phones connect from 127.0.0.2 and 127.0.0.3 (loopback to the
// kernel, but not this machine to the server: stand-ins for phones on the LAN), the presenter with its token.
import type { Socket } from 'socket.io-client'
import type { ClientToServerEvents, QuestionBoard, QuestionResponse, QuestionsPatch, ServerToClientEvents } from '../../../common/protocol'
import type { TestServer } from '../helpers'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ASK_BUDGET } from '../../../server/questions/limits'
import { startTestServer, TEST_TOKEN } from '../helpers'

type Client = Socket<ServerToClientEvents, ClientToServerEvents>

interface Phone {
  socket: Client
  board: () => QuestionBoard
  ask: (text: unknown) => Promise<QuestionResponse>
  vote: (id: unknown) => Promise<QuestionResponse>
  moderate: (request: unknown) => Promise<QuestionResponse>
  raw: (event: string, ...args: unknown[]) => void
  close: () => void
}

/** A client that follows the board: the whole board on connect, then patches applied in order. */
async function connect(url: string, options: { phone?: string, from?: string, token?: string }): Promise<Phone> {
  const socket: Client = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { phone: options.phone, token: options.token },
    localAddress: options.from,
  } as Parameters<typeof io>[1])
  let board: QuestionBoard = { questions: [] }
  let seq = -1
  socket.on('questions', (whole, number) => {
    board = whole
    seq = number
  })
  socket.on('questionsPatch', (patch: QuestionsPatch) => {
    expect(patch.seq).toBe(seq + 1)
    seq = patch.seq
    const byId = new Map(board.questions.map(question => [question.id, question]))
    patch.upsert.forEach(question => byId.set(question.id, question))
    patch.remove.forEach(id => byId.delete(id))
    const shown = patch.shown === undefined
      ? board.shown
      : patch.shown ?? undefined
    board = {
      questions: [
        ...byId.values(),
      ].sort((a, b) => a.id - b.id),
      ...(shown === undefined
        ? {}
        : { shown }),
    }
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('questions', () => resolve())
    socket.once('connect_error', reject)
  })
  const loose = socket as unknown as { timeout: (ms: number) => { emitWithAck: (event: string, ...args: unknown[]) => Promise<QuestionResponse> }, emit: (event: string, ...args: unknown[]) => void }
  return {
    socket,
    board: () => board,
    ask: text => loose.timeout(5000).emitWithAck('ask', { text }),
    vote: id => loose.timeout(5000).emitWithAck('vote', { id }),
    moderate: request => loose.timeout(5000).emitWithAck('moderate', request),
    raw: (event, ...args) => loose.emit(event, ...args),
    close: () => socket.close(),
  }
}

async function until<T>(read: () => T, accept: (value: T) => boolean, what: string): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = read()
    if (accept(value))
      return value
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(read())}`)
}

describe('questions over socket.io', () => {
  let server: TestServer
  let dir: string
  let file: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'questions-server-'))
    file = join(dir, 'questions.jsonl')
    server = await startTestServer({ questionsFile: file })
  })
  afterAll(async () => {
    await server?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('a phone asks, another upvotes once; everyone sees the count; no phone can choose what the projector shows', async () => {
    const alice = await connect(server.url, { phone: 'alice-0000000000000000', from: '127.0.0.2' })
    const bob = await connect(server.url, { phone: 'bob-00000000000000000000', from: '127.0.0.3' })
    const projector = await connect(server.url, {})
    try {
      const asked = await alice.ask('How does Argo CD know a hotfix drifted?')
      expect(asked).toEqual({
        ok: true,
        id: expect.any(Number),
      })
      const id = (asked as { id: number }).id
      expect(await bob.vote(id)).toEqual({ ok: true, id })
      expect(await bob.vote(id)).toMatchObject({ ok: false, problem: 'alreadyVoted', error: 'You have voted for this question already.' })
      await until(() => projector.board(), board => board.questions.some(question => question.id === id && question.votes === 1), 'the vote on the projector')

      for (const phone of [alice, bob, projector]) {
        for (const request of [
          { type: 'show', id },
          { type: 'hide' },
          { type: 'done', id },
        ])
          expect(await phone.moderate(request)).toMatchObject({ ok: false, problem: 'readOnly' })
      }
      expect(projector.board().shown).toBeUndefined()
      expect(projector.board().questions.map(question => question.id)).toContain(id)
    }
    finally {
      alice.close()
      bob.close()
      projector.close()
    }
  })

  it('the presenter\'s token puts a question on the projector, takes it off and marks it done', async () => {
    const phone = await connect(server.url, { phone: 'carol-000000000000000000', from: '127.0.0.4' })
    const presenter = await connect(server.url, { token: TEST_TOKEN })
    try {
      const { id } = await phone.ask('Can Argo CD roll back by itself?') as { id: number }
      expect(await presenter.moderate({ type: 'show', id })).toEqual({ ok: true, id })
      await until(() => phone.board().shown, shown => shown === id, 'the shown question')
      expect(await presenter.moderate({ type: 'done', id })).toEqual({ ok: true, id })
      await until(() => phone.board(), board => board.shown === undefined && !board.questions.some(question => question.id === id), 'the question gone')
      expect(await presenter.moderate({ type: 'show', id })).toMatchObject({ ok: false, problem: 'noSuchQuestion' })
      expect(await presenter.moderate({ type: 'shout' })).toMatchObject({ ok: false, problem: 'invalid' })
    }
    finally {
      phone.close()
      presenter.close()
    }
  })

  it('bad input gets a clear error and the server stays up', async () => {
    const phone = await connect(server.url, { phone: 'dave-0000000000000000000', from: '127.0.0.5' })
    const nameless = await connect(server.url, { from: '127.0.0.6' })
    try {
      expect(await phone.ask('')).toMatchObject({ ok: false, problem: 'empty', error: 'Type a question first.' })
      expect(await phone.ask('x'.repeat(281))).toMatchObject({
        ok: false,
        problem: 'tooLong',
        error: expect.stringContaining('280 characters'),
      })
      expect(await phone.ask('two\nlines')).toMatchObject({ ok: false, problem: 'controlCharacters' })
      for (const text of [
        42,
        null,
        { nested: true },
        'y'.repeat(10_000),
      ])
        expect(await phone.ask(text), JSON.stringify(text).slice(0, 40)).toMatchObject({ ok: false, problem: 'invalid' })
      expect(await phone.vote('1')).toMatchObject({ ok: false, problem: 'invalid' })
      expect(await phone.vote(999_999)).toMatchObject({ ok: false, problem: 'noSuchQuestion' })
      expect(await nameless.ask('Who am I?')).toMatchObject({ ok: false, problem: 'noPhone' })
      // No ack, wrong types, unknown events: nothing answers, nothing breaks.
      phone.raw('ask')
      phone.raw('ask', { text: 'no ack' }, 'not a function')
      phone.raw('vote', undefined, undefined)
      phone.raw('moderate')
      phone.raw('nonsense', 1, 2, 3)
      const duplicate = await phone.ask('Is GitOps only for Kubernetes?')
      expect(duplicate).toMatchObject({ ok: true })
      expect(await phone.ask('is gitops only for kubernetes')).toMatchObject({ ok: false, problem: 'duplicate', duplicateOf: (duplicate as { id: number }).id })
      // Past the server's message size the connection is cut, as for any viewer; the server carries on.
      phone.raw('ask', {
        text: 'z'.repeat(100_000),
      }, () => {})
      await until(() => phone.socket.connected, connected => !connected, 'the oversized message cut off')
      expect(await fetch(`${server.url}/healthz`).then(response => response.status)).toBe(200)
      const again = await connect(server.url, { phone: 'dave-again-0000000000000', from: '127.0.0.9' })
      expect(await again.ask('Still there?')).toMatchObject({ ok: true })
      again.close()
    }
    finally {
      phone.close()
      nameless.close()
    }
  })

  it('a phone that asks too fast is told when to try again; a new id from the same address does not get around it', async () => {
    const first = await connect(server.url, { phone: 'eve-00000000000000000000', from: '127.0.0.7' })
    try {
      for (let n = 0; n < ASK_BUDGET.burst; n++)
        expect(await first.ask(`flood question number ${n}`)).toMatchObject({ ok: true })
      const refused = await first.ask('one more')
      expect(refused).toMatchObject({
        ok: false,
        problem: 'tooFast',
        retryAfterSeconds: expect.any(Number),
      })
      expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0)
      expect((refused as { error: string }).error).toMatch(/try again in \d+ seconds/)
    }
    finally {
      first.close()
    }
    // The address's budget is a few phones' worth: made-up ids run into it.
    const answers: QuestionResponse[] = []
    for (let n = 0; n < 4; n++) {
      const phone = await connect(server.url, { phone: `mallory-${String(n).padStart(16, '0')}`, from: '127.0.0.7' })
      for (let m = 0; m < ASK_BUDGET.burst; m++)
        answers.push(await phone.ask(`made-up phone ${n}, question ${m}`))
      phone.close()
    }
    expect(answers.filter(answer => answer.ok)).toHaveLength(3 * ASK_BUDGET.burst)
    expect(answers.slice(3 * ASK_BUDGET.burst)).toEqual(Array.from({ length: ASK_BUDGET.burst }, () => expect.objectContaining({ ok: false, problem: 'tooFast' })))
  })

  it('a restarted server shows the questions again, with their votes and the shown one', async () => {
    const phone = await connect(server.url, { phone: 'frank-000000000000000000', from: '127.0.0.8' })
    const presenter = await connect(server.url, { token: TEST_TOKEN })
    const { id } = await phone.ask('Will this survive a restart?') as { id: number }
    await presenter.moderate({ type: 'show', id })
    const before = presenter.board()
    await until(() => presenter.board().shown, shown => shown === id, 'the shown question')
    phone.close()
    presenter.close()
    await server.close()

    server = await startTestServer({ questionsFile: file })
    const after = await connect(server.url, {})
    try {
      expect(after.board().shown).toBe(id)
      expect(after.board().questions).toEqual(expect.arrayContaining(before.questions.filter(question => question.id === id)))
      expect(after.board().questions.length).toBeGreaterThan(3)
    }
    finally {
      after.close()
    }
  })
})
