// A client's copy of the Q&A board: the whole board on connect, numbered patches after that; a gap asks for the whole
// board again. The deck (useQuestions) and the room benchmark use it.
import type { Socket } from 'socket.io-client'
import type { ClientToServerEvents, QuestionBoard, ServerToClientEvents } from './protocol'
import { questionBoardSchema, questionsPatchSchema } from './protocol'

export class QuestionFollower {
  private current: QuestionBoard | undefined
  private seq: number | undefined
  private resyncing = false
  private readonly listeners = new Set<(board: QuestionBoard) => void>()

  constructor(private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
    socket.on('questions', (board, seq) => this.receiveBoard(board, seq))
    socket.on('questionsPatch', patch => this.receivePatch(patch))
  }

  get board(): QuestionBoard | undefined {
    return this.current
  }

  onBoard(listener: (board: QuestionBoard) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private receiveBoard(payload: unknown, seq: unknown): void {
    const board = questionBoardSchema.safeParse(payload)
    if (!board.success || typeof seq !== 'number')
      return
    this.current = board.data
    this.seq = seq
    this.resyncing = false
    this.changed()
  }

  private receivePatch(payload: unknown): void {
    if (this.resyncing)
      return
    const patch = questionsPatchSchema.safeParse(payload)
    if (!patch.success || !this.current || this.seq === undefined || patch.data.seq !== this.seq + 1) {
      this.resyncing = true
      this.socket.emit('questionsResync')
      return
    }
    const { upsert, remove, shown } = patch.data
    const byId = new Map(this.current.questions.map(question => [question.id, question]))
    upsert.forEach(question => byId.set(question.id, question))
    remove.forEach(id => byId.delete(id))
    const nextShown = shown === undefined
      ? this.current.shown
      : shown ?? undefined
    this.current = {
      questions: [
        ...byId.values(),
      ].sort((a, b) => a.id - b.id),
      ...(nextShown === undefined
        ? {}
        : { shown: nextShown }),
    }
    this.seq = patch.data.seq
    this.changed()
  }

  private changed(): void {
    for (const listener of this.listeners)
      listener(this.current!)
  }
}
