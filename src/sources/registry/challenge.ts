/** Reading WWW-Authenticate challenges, the start of every registry auth flow. Pure. */

export interface Challenge {
  scheme: string
  params: Record<string, string>
}

/**
 * Parses WWW-Authenticate header values (RFC 9110 §11.6.1): case-insensitive scheme and keys,
 * quoted strings with backslash escapes or bare tokens (gcr.io sends `service=gcr.io`), and
 * several challenges per header or several headers.
 */
export function parseWwwAuthenticate(values: string[]): Challenge[] {
  const out: Challenge[] = []
  for (const value of values) {
    let i = 0
    let current: Challenge | undefined
    const s = value
    const skip = (): void => {
      while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === ',')) i++
    }
    const token = (): string => {
      const start = i
      while (i < s.length && !/[\s,=]/.test(s[i])) i++
      return s.slice(start, i)
    }
    while (i < s.length) {
      skip()
      if (i >= s.length) break
      const word = token()
      let j = i
      while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++
      if (s[j] === '=' && current) {
        i = j + 1
        while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++
        let val = ''
        if (s[i] === '"') {
          i++
          while (i < s.length && s[i] !== '"') {
            if (s[i] === '\\' && i + 1 < s.length) i++
            val += s[i++]
          }
          i++
        } else {
          val = token()
        }
        current.params[word.toLowerCase()] = val
      } else if (word) {
        current = { scheme: word.toLowerCase(), params: {} }
        out.push(current)
      } else {
        i++
      }
    }
  }
  return out
}
