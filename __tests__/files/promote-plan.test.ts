/**
 * Pinning and promoting the references of issue 20's kinds, byte for byte: a Helm image map
 * gets its digest written in place or added beside its tag, a Kustomize entry its digest and
 * newTag, a Compose `${VAR}` is pinned in its `.env`; with `images` naming a release, every
 * reference to that repository moves to its tag and digest, and verify calls others drift.
 */
import { readFileSync } from 'node:fs'
import { parseDotEnv } from '../../src/files/compose-env.js'
import { findReferences } from '../../src/files/find-references.js'
import { changedFiles, planPins } from '../../src/files/pin-plan.js'
import { promotionsOf, referencesToAsk } from '../../src/files/promote-plan.js'
import { applySplices } from '../../src/files/rewrite.js'
import type { FoundReference } from '../../src/model/files.js'
import { planVerify } from '../../src/files/verify-plan.js'
import type { ImageRecord } from '../../src/model/record.js'
import { digest } from './helpers.js'

const FIXTURES = new URL('../fixtures/files-reach/', import.meta.url)
const fixture = (file: string): string => readFileSync(new URL(file, FIXTURES), 'utf8')
const R = 'registry.invalid/app'

/** A resolved index record, as resolve.ts makes one (what the plans read of it). */
function rec(image: string, d: string): ImageRecord {
  return {
    image,
    ref: image,
    digest: d,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    platforms: [],
    attestations: 0,
    missing: [],
    error: null,
    notes: []
  }
}

const DIGESTS: Record<string, string> = {
  'web:1.0.0': digest('1'),
  'shipper:2.0': digest('2'),
  'api:2.0': digest('3'),
  'exporter:1.1': digest('4'),
  'api:2.1': digest('5'),
  'devcontainer:1': digest('6')
}
const RECORDS = Object.entries(DIGESTS).map(([tag, d]) => rec(`${R}/${tag}`, d))

/** The files' texts after applying the plan. */
function applied(
  texts: Record<string, string>,
  plan: ReturnType<typeof planPins>
): Record<string, string> {
  const out = { ...texts }
  for (const f of plan.files) out[f.file] = applySplices(texts[f.file], f.splices, f.file)
  return out
}

function scanAll(texts: Record<string, string>): FoundReference[] {
  return Object.entries(texts).flatMap(([file, text]) => findReferences(file, text).references)
}

describe('pin', () => {
  test('a Bitnami-style values file: digest written in place, or added under tag; nothing else moves', () => {
    const file = 'chart/values.yaml'
    const text = fixture(file)
    const plan = planPins(scanAll({ [file]: text }), RECORDS)
    const out = applied({ [file]: text }, plan)[file]
    const expected = text
      .replace('  tag: 1.0.0\n  digest: ""', `  tag: 1.0.0\n  digest: "${DIGESTS['web:1.0.0']}"`)
      .replace(`"${R}/shipper:2.0"`, `"${R}/shipper:2.0@${DIGESTS['shipper:2.0']}"`)
      .replace(
        'tag: "2.0" # same image as the API\n',
        `tag: "2.0" # same image as the API\n    digest: ${DIGESTS['api:2.0']}\n`
      )
      .replace("    tag: '1.1'\n", `    tag: '1.1'\n    digest: ${DIGESTS['exporter:1.1']}\n`)
    expect(out).toBe(expected)
    expect(plan.outcomes.map(o => o.status)).toEqual(['pinned', 'pinned', 'pinned', 'pinned'])
    expect(plan.outcomes[0].to).toBe(`${R}/web:1.0.0@${DIGESTS['web:1.0.0']}`)
    // Pinning what was pinned changes nothing.
    expect(planPins(scanAll({ [file]: out }), RECORDS).files).toEqual([])
  })

  test('a flow map, an empty digest key, CRLF line endings', () => {
    const text =
      'a:\r\n  image: {repository: r/a, tag: "1"}\r\nb:\r\n  image:\r\n    repository: r/b\r\n    tag: "2"\r\n    digest:\r\nc:\r\n  image:\r\n    repository: r/c\r\n    tag: "3"\r\n'
    const records = ['r/a:1', 'r/b:2', 'r/c:3'].map((t, i) =>
      rec(`docker.io/${t}`, digest(String(i + 7)))
    )
    const plan = planPins(findReferences('values.yaml', text).references, records)
    expect(applied({ 'values.yaml': text }, plan)['values.yaml']).toBe(
      `a:\r\n  image: {repository: r/a, tag: "1", digest: ${digest('7')}}\r\nb:\r\n  image:\r\n    repository: r/b\r\n    tag: "2"\r\n    digest: ${digest('8')}\r\nc:\r\n  image:\r\n    repository: r/c\r\n    tag: "3"\r\n    digest: ${digest('9')}\r\n`
    )
  })

  test('a devcontainer.json keeps its comments', () => {
    const file = '.devcontainer/devcontainer.json'
    const text = fixture(file)
    const out = applied({ [file]: text }, planPins(scanAll({ [file]: text }), RECORDS))[file]
    expect(out).toBe(
      text.replace(`"${R}/devcontainer:1"`, `"${R}/devcontainer:1@${DIGESTS['devcontainer:1']}"`)
    )
    expect(out).toContain("/* the team's base */")
  })

  test('a Compose ${VAR} from .env is pinned in the .env; a reference put together is not', () => {
    const env = parseDotEnv('stack/.env', fixture('stack/.env'))
    const scan = findReferences('stack/compose.yaml', fixture('stack/compose.yaml'), undefined, env)
    const records = [
      rec(`${R}/web:1.0.0`, digest('1')),
      rec(`${R}/worker:3`, digest('2')),
      rec(`${R}/db:16`, digest('3'))
    ]
    const plan = planPins(scan.references, records)
    expect(changedFiles(plan)).toEqual(['stack/.env'])
    expect(applied({ 'stack/.env': fixture('stack/.env') }, plan)['stack/.env']).toBe(
      fixture('stack/.env').replace(
        `WEB_IMAGE=${R}/web:1.0.0`,
        `WEB_IMAGE=${R}/web:1.0.0@${digest('1')}`
      )
    )
    expect(plan.outcomes.map(o => [o.reference.line, o.status])).toEqual([
      [5, 'pinned'],
      [9, 'skipped'],
      [11, 'skipped']
    ])
    // The reference is reported at the Compose line that uses it.
    expect(plan.outcomes[0].reference).toMatchObject({
      file: 'stack/compose.yaml',
      spanFile: 'stack/.env'
    })
  })
})

describe('promote', () => {
  const files = [
    'chart/values.yaml',
    'deploy/base/kustomization.yaml',
    'deploy/overlays/prod/kustomization.yaml',
    'deploy/rollout.yaml'
  ]
  const texts = Object.fromEntries(files.map(f => [f, fixture(f)]))
  const promotions = promotionsOf([`${R}/api:2.1`, `${R}/digest-only@${digest('f')}`])

  test('promotionsOf: an image with a tag promotes its repository; one by digest alone does not', () => {
    expect([...promotions.values()]).toEqual([
      { name: `${R}/api`, tag: '2.1', image: `${R}/api:2.1` }
    ])
  })

  test('every reference to the repository moves to the release tag and digest; others are pinned', () => {
    const plan = planPins(scanAll(texts), RECORDS, promotions)
    const out = applied(texts, plan)
    const d = DIGESTS['api:2.1']
    expect(out['deploy/base/kustomization.yaml']).toBe(
      texts['deploy/base/kustomization.yaml'].replace(
        '    newTag: "2.0"\n',
        `    newTag: "2.1"\n    digest: ${d}\n`
      )
    )
    expect(out['deploy/overlays/prod/kustomization.yaml']).toBe(
      texts['deploy/overlays/prod/kustomization.yaml']
        .replace(
          'newTag: "2.0" # bumped by the release pipeline\n',
          `newTag: "2.1" # bumped by the release pipeline\n    digest: ${d}\n`
        )
        .replace('    newTag: 1.0.0\n', `    newTag: 1.0.0\n    digest: ${DIGESTS['web:1.0.0']}\n`)
    )
    expect(out['deploy/rollout.yaml']).toBe(
      texts['deploy/rollout.yaml'].replace(`${R}/api:2.0`, `${R}/api:2.1@${d}`)
    )
    expect(out['chart/values.yaml']).toContain(
      `    tag: "2.1" # same image as the API\n    digest: ${d}\n`
    )
    const promoted = plan.outcomes.filter(o => o.status === 'promoted')
    expect(promoted.map(o => o.reference.file)).toEqual([
      'chart/values.yaml',
      'deploy/base/kustomization.yaml',
      'deploy/overlays/prod/kustomization.yaml',
      'deploy/rollout.yaml'
    ])
    expect(promoted[3].message).toBe(
      `'${R}/api:2.0' (Rollout/api spec.template.spec.containers[0].image) promoted to ${R}/api:2.1: ${R}/api:2.0 → ${R}/api:2.1@${d}`
    )
    // Promoting again: nothing to write.
    const again = planPins(scanAll(out), RECORDS, promotions)
    expect(again.files).toEqual([])
    expect(
      again.outcomes.filter(o => o.reference.image.includes('/api:')).map(o => o.status)
    ).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged'])
  })

  test('a tag YAML would read as a number is written quoted into a plain value', () => {
    const text = 'images:\n  - name: a\n    newName: r/a\n    newTag: v1\n'
    const plan = planPins(
      findReferences('kustomization.yaml', text).references,
      [rec('r/a:1.10', digest('c'))],
      promotionsOf(['r/a:1.10'])
    )
    expect(applied({ 'kustomization.yaml': text }, plan)['kustomization.yaml']).toBe(
      `images:\n  - name: a\n    newName: r/a\n    newTag: "1.10"\n    digest: ${digest('c')}\n`
    )
  })

  test('a release that failed to resolve fails each reference, and writes nothing', () => {
    const failed = { ...rec(`${R}/api:2.1`, ''), digest: null, error: 'manifest unknown' }
    const plan = planPins(
      scanAll({ 'deploy/rollout.yaml': texts['deploy/rollout.yaml'] }),
      [failed],
      promotions
    )
    expect(plan.files).toEqual([])
    expect(plan.outcomes[0].status).toBe('failed')
    expect(plan.outcomes[0].message).toMatch(/cannot be promoted: manifest unknown$/)
  })

  test('verify: another tag or digest of a released repository is drift, at its line', () => {
    const pinnedOld = `${R}/api:2.1@${digest('0')}`
    const text = `a:\n  image: ${R}/api:2.0\nb:\n  image: ${pinnedOld}\nc:\n  image: ${R}/api:2.1@${DIGESTS['api:2.1']}\n`
    const found = findReferences('values.yaml', text).references
    const findings = planVerify(
      found,
      [rec(`${R}/api:2.1`, DIGESTS['api:2.1'])],
      [],
      false,
      promotions
    )
    expect(findings.map(f => [f.line, f.status, f.severity])).toEqual([
      [2, 'drift', 'error'],
      [4, 'drift', 'error'],
      [6, 'ok', 'notice']
    ])
    expect(findings[0].message).toBe(
      `'${R}/api:2.0' drifts from the release: it names tag 2.0, the release is ${R}/api:2.1 (${DIGESTS['api:2.1']})`
    )
    expect(findings[1].message).toMatch(/it is pinned to sha256:0{64}, the release is/)
  })

  test('what is resolved: a promoted reference asks nothing of its own; in verify, one at the release tag does', () => {
    const text = `a:\n  image: ${R}/api:2.0\nb:\n  image: ${R}/api:2.1@${digest('0')}\nc:\n  image: ${R}/web:1.0.0\n`
    const found = findReferences('values.yaml', text).references
    const lines = (refs: FoundReference[]): number[] => refs.map(r => r.line)
    const pin = referencesToAsk(found, promotions, 'pin')
    expect([lines(pin.tags), lines(pin.followUp)]).toEqual([[6], [6]])
    const verify = referencesToAsk(found, promotions, 'verify')
    expect([lines(verify.tags), lines(verify.followUp)]).toEqual([[4, 6], [6]])
    const none = referencesToAsk(found, new Map(), 'verify')
    expect([lines(none.tags), lines(none.followUp)]).toEqual([
      [2, 4, 6],
      [2, 4, 6]
    ])
  })
})
