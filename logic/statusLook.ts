// Sync and health as the room reads them: a symbol and a word for every state, colour only as a third cue.
import type { HealthStatus, OperationPhase, PodPhase, SyncStatus, TimelineSource } from '../common/protocol'

export interface Look { symbol: string, tone: 'ok' | 'warn' | 'bad' | 'muted' }

export const syncLook: Record<SyncStatus, Look> = {
  Synced: { symbol: '✓', tone: 'ok' },
  OutOfSync: { symbol: '↯', tone: 'warn' },
  Unknown: { symbol: '?', tone: 'muted' },
}

export const healthLook: Record<HealthStatus, Look> = {
  Healthy: { symbol: '♥', tone: 'ok' },
  Progressing: { symbol: '◔', tone: 'warn' },
  Degraded: { symbol: '✕', tone: 'bad' },
  Suspended: { symbol: '⏸', tone: 'muted' },
  Missing: { symbol: '∅', tone: 'bad' },
  Unknown: { symbol: '?', tone: 'muted' },
}

export const phaseLook: Record<OperationPhase, Look> = {
  Running: { symbol: '⟳', tone: 'warn' },
  Succeeded: { symbol: '✓', tone: 'ok' },
  Failed: { symbol: '✕', tone: 'bad' },
  Error: { symbol: '✕', tone: 'bad' },
  Terminating: { symbol: '■', tone: 'muted' },
}

/**
 * A pod in trouble by kubectl's STATUS: what gitops-engine's pod health counts as Degraded (a reason starting Err or
 * ending in Error or BackOff: ErrImagePull, ImagePullBackOff, CrashLoopBackOff, CreateContainerConfigError, Error), an
 * exit without a reason (ExitCode:1, Signal:9), OOMKilled and Evicted; for an init container too (Init:…).
 */
export function isFailingPodStatus(status: string | undefined): boolean {
  const reason = status?.replace(/^Init:/, '') ?? ''
  return /^Err|Error$|BackOff$|^OOMKilled$|^Evicted$|^(?:ExitCode|Signal):/.test(reason)
}

/** Who did it, at a glance; glyphs every bundled or system font has (no emoji: projector laptops often lack them). */
export const sourceIcon: Record<TimelineSource, string> = {
  presenter: '●',
  git: '⎇',
  argocd: '↻',
  kubernetes: '◆',
}

/** A pod's phase as one glyph on its square, which is filled with the colour the pod serves. */
export const podMark: Record<PodPhase, string> = {
  Pending: '◌',
  Running: '●',
  Terminating: '✕',
  Succeeded: '✓',
  Failed: '!',
  Unknown: '?',
}
