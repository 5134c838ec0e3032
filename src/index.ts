// Node 22.1+ keeps compiled code between runs in a cache; older runtimes have no such API. A
// default import: the bundler's namespace for a dynamic import of this builtin hides the
// function's own properties, enableCompileCache among them.
import nodeModule from 'node:module'

;(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.()

// Loaded after the cache is on, so that their compiled code is what it keeps. run() talks to
// the runner through @actions/core itself.
const { run } = await import('./main.js')
await run()
// Everything run() writes is written when it returns; what the HTTP stack may still hold must
// not keep the step alive. A proxy that accepts the pull request comment's CONNECT and never
// answers leaves undici waiting 300 s after our timeout gave up on the request, and the
// toolkit's dispatcher, which Octokit builds, cannot be reached to close it. The exit status
// is the one run() set (setFailed's exitCode).
process.exit()
