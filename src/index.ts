// Node 22.1+ keeps compiled code between runs in a cache; older runtimes have no such API. A
// default import: the bundler's namespace for a dynamic import of this builtin hides the
// function's own properties, enableCompileCache among them.
import nodeModule from 'node:module'

;(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.()

// Loaded after the cache is on, so that their compiled code is what it keeps. run() talks to
// the runner through @actions/core itself.
const { run } = await import('./main.js')
await run()
