// Stands in for the presenter's VM (the ops-demo VM takes half the laptop's CPU): one process that keeps one core
// busy while it is on. It spins in short slices so that it still hears 'on' and 'off'; at normal priority, like a VM.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import process from 'node:process'

const SPINNER = `
let on = false
const spin = () => {
  const until = Date.now() + 20
  while (Date.now() < until) {}
  if (on) setImmediate(spin)
}
process.on('message', (message) => {
  if (message === 'end') process.exit(0)
  const was = on
  on = message === 'on'
  if (on && !was) spin()
})
`

export interface BusyCore {
  on: () => void
  off: () => void
  /** CPU seconds the stand-in has used so far (user + system), from /proc. */
  cpuSeconds: () => number
  close: () => void
}

export function busyCore(): BusyCore {
  const child = spawn(process.execPath, ['-e', SPINNER], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const ticksPerSecond = 100
  return {
    on: () => child.send('on'),
    off: () => child.send('off'),
    cpuSeconds: () => {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond
    },
    close: () => {
      if (child.connected)
        child.send('end')
      setTimeout(() => child.kill('SIGKILL'), 1000).unref()
    },
  }
}
