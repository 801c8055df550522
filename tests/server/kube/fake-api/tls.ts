// A throwaway CA, a server certificate for 127.0.0.1 and a client certificate, as k3s writes them
// into a kubeconfig (certificate-authority-data, client-certificate-data, client-key-data).
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface TlsMaterial {
  ca: string
  serverCert: string
  serverKey: string
  clientCert: string
  clientKey: string
}

async function openssl(cwd: string, args: string[]): Promise<void> {
  await run('openssl', args, { cwd })
}

/** Needs the `openssl` command (Debian: package openssl). */
export async function makeTlsMaterial(): Promise<TlsMaterial> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-tls-'))
  try {
    const key = (name: string) => openssl(dir, [
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      `${name}.key`,
    ])
    await key('ca')
    await openssl(dir, [
      'req',
      '-x509',
      '-new',
      '-key',
      'ca.key',
      '-subj',
      '/CN=fake-k3s-ca',
      '-days',
      '2',
      '-out',
      'ca.crt',
    ])
    await writeFile(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n')
    await writeFile(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n')
    for (const [name, subject] of [
      ['server', '/CN=kube-apiserver'],
      ['client', '/O=system:masters/CN=system:admin'],
    ] as const) {
      await key(name)
      await openssl(dir, [
        'req',
        '-new',
        '-key',
        `${name}.key`,
        '-subj',
        subject,
        '-out',
        `${name}.csr`,
      ])
      await openssl(dir, [
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-days',
        '2',
        '-extfile',
        `${name}.ext`,
        '-out',
        `${name}.crt`,
      ])
    }
    const read = (file: string) => readFile(join(dir, file), 'utf8')
    return {
      ca: await read('ca.crt'),
      serverCert: await read('server.crt'),
      serverKey: await read('server.key'),
      clientCert: await read('client.crt'),
      clientKey: await read('client.key'),
    }
  }
  finally {
    await rm(dir, { recursive: true, force: true })
  }
}
