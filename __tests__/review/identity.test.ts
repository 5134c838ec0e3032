import { ACTIONS_BOT, sameLogin, sortMarked, whoAmI } from '../../src/review/identity.js'

describe('whoAmI', () => {
  test('an installation token (the workflow’s GITHUB_TOKEN) is github-actions[bot], asked nothing', async () => {
    let asked = 0
    const me = await whoAmI('ghs_abc', () => {
      asked++
      return Promise.resolve({ data: { login: 'x' } })
    })
    expect(me.login).toBe(ACTIONS_BOT)
    expect(asked).toBe(0)
  })

  test('any other token: GET /user', async () => {
    const me = await whoAmI('github_pat_abc', () => Promise.resolve({ data: { login: 'rel' } }))
    expect(me).toEqual({ login: 'rel', how: 'GET /user' })
  })

  test('GET /user refused: nobody known, so nothing is trusted before writing', async () => {
    const me = await whoAmI('ghp_abc', () => Promise.reject(new Error('403')))
    expect(me.login).toBeUndefined()
  })
})

describe('sortMarked', () => {
  const c = (id: number, login?: string): { id: number; user: { login: string } | null } => ({
    id,
    user: login ? { login } : null
  })

  test('the first comment the identity wrote; the others’ are ignored', () => {
    const marked = [c(1, 'mallory'), c(2, 'GitHub-Actions[bot]'), c(3), c(4, 'github-actions[bot]')]
    const { ours, ignored } = sortMarked(marked, ACTIONS_BOT)
    expect(ours?.id).toBe(2)
    expect(ignored.map(x => x.id)).toEqual([1, 3])
  })

  test('no identity: none is ours', () => {
    const { ours, ignored } = sortMarked([c(1, 'a'), c(2, 'b')], undefined)
    expect(ours).toBeUndefined()
    expect(ignored).toHaveLength(2)
  })

  test.each([
    ['a', 'A', true],
    ['a', 'b', false],
    [undefined, undefined, false],
    ['', '', false]
  ])('sameLogin(%j, %j) is %s', (a, b, same) => {
    expect(sameLogin(a, b)).toBe(same)
  })
})
