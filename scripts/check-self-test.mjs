#!/usr/bin/env node
// Checks what the self-test workflow got from the action (`action`: the step's outputs in
// OUTPUT_* variables) or from the CLI (`report FILE`: its --json report) against EXPECT, a JSON
// object:
//   { "ok": true|false,
//     "images": { "<image as given>": { "digest": "sha256:…", "platforms": { "<p>": "sha256:…" } } },
//     "missing": [{ "image": "…", "platform": "…" }] }
// Every listed image and platform must match exactly; "missing" must match as a whole.
// Prints each mismatch and exits 1, so a failing self-test says what differed.
/* global console, process */
import { existsSync, readFileSync } from 'node:fs'

const problems = []
const check = (what, actual, expected) => {
  const a = JSON.stringify(actual)
  const e = JSON.stringify(expected)
  if (a !== e) problems.push(`${what}: expected ${e}, got ${a}`)
}

function parseJson(what, text) {
  try {
    return JSON.parse(text)
  } catch {
    problems.push(`${what} is not JSON: ${JSON.stringify(text)}`)
    return undefined
  }
}

const expect = parseJson('EXPECT', process.env.EXPECT ?? '')
const [mode, file] = process.argv.slice(2)

/** The report file's images, as the contract writes them, reduced to the EXPECT shape. */
function fromReport(report) {
  const images = {}
  const missing = []
  for (const img of report.images ?? []) {
    const platforms = {}
    for (const p of img.platforms ?? []) platforms[p.platform] = p.digest
    images[img.image] = { digest: img.digest, platforms, error: img.error }
    for (const platform of img.missing ?? []) missing.push({ image: img.image, platform })
  }
  return { ok: report.ok, images, missing }
}

function compare(label, got) {
  check(`${label} ok`, got.ok, expect.ok)
  for (const [image, want] of Object.entries(expect.images ?? {})) {
    const have = got.images?.[image]
    if (!have) {
      problems.push(`${label}: no entry for ${image} (have: ${Object.keys(got.images ?? {})})`)
      continue
    }
    if (have.error) problems.push(`${label}: ${image} failed: ${have.error}`)
    check(`${label} ${image} digest`, have.digest, want.digest)
    for (const [platform, digest] of Object.entries(want.platforms ?? {}))
      check(`${label} ${image} ${platform}`, have.platforms?.[platform], digest)
  }
  if (expect.missing) check(`${label} missing`, got.missing, expect.missing)
}

if (expect && mode === 'action') {
  const env = process.env
  const digests = parseJson('the digests output', env.OUTPUT_DIGESTS ?? '')
  const missing = parseJson('the missing output', env.OUTPUT_MISSING ?? '')
  if (digests && missing) {
    compare('outputs', {
      ok: parseJson('the ok output', env.OUTPUT_OK ?? ''),
      images: digests,
      missing
    })
  }
  const pinned = (env.OUTPUT_PINNED ?? '').split(/\r?\n/).filter(Boolean)
  for (const [image, want] of Object.entries(expect.images ?? {})) {
    // The pinned line is the canonical name plus the digest; an oci-layout name is the image as given.
    if (image.startsWith('oci-layout://'))
      check(`pinned line for ${image}`, pinned.includes(`${image}@${want.digest}`), true)
  }
  const reportFile = env.OUTPUT_REPORT_FILE ?? ''
  if (!reportFile || !existsSync(reportFile)) {
    problems.push(`the report-file output ${JSON.stringify(reportFile)} is not a file`)
  } else {
    const report = parseJson(reportFile, readFileSync(reportFile, 'utf8'))
    if (report) compare('report file', fromReport(report))
  }
} else if (expect && mode === 'report' && file) {
  const report = parseJson(file, readFileSync(file, 'utf8'))
  if (report) compare(file, fromReport(report))
} else if (expect) {
  problems.push('usage: check-self-test.mjs action | report FILE (with EXPECT set)')
}

if (problems.length) {
  for (const p of problems) console.error(`::error::${p}`)
  process.exit(1)
}
console.log(`self-test ${mode}: ok (${Object.keys(expect.images ?? {}).length} images checked)`)
