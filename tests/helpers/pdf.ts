// Reading a PDF the tests printed, with poppler's command-line tools (pdfinfo, pdftotext, pdftohtml, pdftoppm).
import { execFileSync } from 'node:child_process'

/** Runs one poppler tool; where it is missing, says which package has it. */
export function popplerTool(name: string, args: string[]): string {
  try {
    return execFileSync(name, args, { encoding: 'utf8' })
  }
  catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${name} not found: install poppler-utils (Debian/Ubuntu: sudo apt-get install -y poppler-utils)`)
    throw error
  }
}

/** pdfinfo's report: pages, page size, title … */
export function pdfInfo(pdf: string): string {
  return popplerTool('pdfinfo', [pdf])
}

/** The text of one page (1-based), top down. */
export function pageText(pdf: string, page: number): string {
  return popplerTool('pdftotext', [
    '-f',
    String(page),
    '-l',
    String(page),
    pdf,
    '-',
  ])
}

/** One page as poppler's XML at zoom 3: its text runs with their fonts, and its links (URI annotations) as `<a href>`. */
export function pageXml(pdf: string, page: number): string {
  return popplerTool('pdftohtml', [
    '-xml',
    '-i',
    '-q',
    '-zoom',
    '3',
    '-f',
    String(page),
    '-l',
    String(page),
    '-stdout',
    pdf,
  ])
}
