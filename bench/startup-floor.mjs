// The least any Node program doing the action's job pays to start: an ES module that reads the
// layout's index.json, checks its sha256 with node:crypto, and writes one output line and one
// log line. bench/startup.ts runs it beside `node -e 0` and the action, so the ratio the
// action could reach at best is measured on the same machine, in the same run.
import { createHash } from 'node:crypto'
import { appendFileSync, readFileSync } from 'node:fs'
import process from 'node:process'

const index = readFileSync('examples/hello-layout/index.json')
const digest = `sha256:${createHash('sha256').update(index).digest('hex')}`
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `digest=${digest}\n`)
process.stdout.write(`${digest}\n`)
