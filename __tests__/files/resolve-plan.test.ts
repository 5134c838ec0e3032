/** Which references a run resolves, and which it reads next (resolve-plan.ts). */
import { findReferences } from '../../src/files/find-references.js'
import {
  followUpReferences,
  referenceKeys,
  referencesToResolve
} from '../../src/files/resolve-plan.js'
import type { ImageRecord } from '../../src/model/record.js'
import { BOTH, NEW, OLD, failed, rec, refs } from './plan-helpers.js'

describe('referenceKeys and referencesToResolve', () => {
  test('one resolution per distinct tag; a digest only without a tag; invalid ones none', () => {
    const found = [
      ...refs(
        'nginx:1.27',
        'docker.io/library/nginx:1.27',
        `nginx:1.27@${OLD}`,
        `index.docker.io/nginx@${OLD}`,
        'nginx',
        'Nginx'
      ),
      ...findReferences('Dockerfile', 'ARG V=3.20\nFROM alpine:${V}\n').references
    ]
    expect(found.map(referenceKeys)).toEqual([
      { primary: 'docker.io/library/nginx:1.27', tag: '1.27' },
      { primary: 'docker.io/library/nginx:1.27', tag: '1.27' },
      {
        primary: 'docker.io/library/nginx:1.27',
        tag: '1.27',
        pinned: OLD,
        digestForm: `docker.io/library/nginx@${OLD}`
      },
      { primary: `docker.io/library/nginx@${OLD}`, pinned: OLD },
      { primary: 'docker.io/library/nginx:latest', tag: 'latest' },
      null,
      { primary: 'docker.io/library/alpine:3.20', tag: '3.20' }
    ])
    expect(referencesToResolve(found)).toEqual([
      'docker.io/library/nginx:1.27',
      `docker.io/library/nginx@${OLD}`,
      'docker.io/library/nginx:latest',
      'docker.io/library/alpine:3.20'
    ])
  })
})

describe('followUpReferences', () => {
  const tag = 'ghcr.io/acme/app:1'
  const found = refs(`ghcr.io/acme/app:1@${OLD}`, `ghcr.io/acme/app@${OLD}`, 'ghcr.io/acme/app:1')
  test.each<[string, ImageRecord, string[]]>([
    ['the tag points at the pin', rec(tag, OLD, BOTH), []],
    ['the pin is one platform of the tag’s index', rec(tag, NEW, [['linux/amd64', OLD]]), []],
    ['the tag moved', rec(tag, NEW, BOTH), [`ghcr.io/acme/app@${OLD}`]],
    ['the tag is gone', failed(tag, 'not-found', 'manifest unknown'), [`ghcr.io/acme/app@${OLD}`]],
    ['the tag is refused', failed(tag, 'unauthorized', 'denied'), []]
  ])('%s', (_name, record, want) => {
    expect(followUpReferences(found, [record, rec(`ghcr.io/acme/app@${OLD}`, OLD)])).toEqual(want)
  })
})
