// Field shapes several of the protocol's schemas share. Not exported by index.ts: they are no part of the contract.
import { z } from 'zod'

export const isoTime = z.string()
export const sha = z.string()
export const reason = z.string()
