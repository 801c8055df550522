// The phone's own random id, kept in its localStorage: the server counts one vote per id and question (and limits
// each address as well, since an id is easy to make up).
const KEY = 'gitops-in-practice-phone-id'

function randomId(): string {
  const bytes = new Uint8Array(18)
  crypto.getRandomValues(bytes)
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

let cached: string | undefined

export function phoneId(): string {
  if (cached)
    return cached
  try {
    const stored = localStorage.getItem(KEY)
    cached = stored && /^[\w-]{16,64}$/.test(stored)
      ? stored
      : randomId()
    localStorage.setItem(KEY, cached)
  }
  catch {
    cached ??= randomId()
  }
  return cached
}
