// Node 22.1+ keeps compiled code between runs in a cache; older runtimes have no such API.
const nodeModule = await import('node:module')
;(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.()

const [{ run }, { actionsToolkit }] = await Promise.all([
  import('./main.js'),
  import('./toolkit.js')
])
await run(actionsToolkit)
