// The repository as people open it in a browser: what the cover and the question slide show when phones cannot join.

/** `https://github.com/o/r.git` and `git@github.com:o/r.git` both become `https://github.com/o/r`. */
export function browsableRepoUrl(repoUrl: string): string {
  const scp = /^[\w.-]+@([\w.-]+):(.+)$/.exec(repoUrl)
  const url = scp
    ? `https://${scp[1]}/${scp[2]}`
    : repoUrl.replace(/^ssh:\/\/[\w.-]+@/, 'https://')
  return url.replace(/\.git$/, '').replace(/\/$/, '')
}
