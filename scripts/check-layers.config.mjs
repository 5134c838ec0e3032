// The layers of src/ and the rules on imports between them, read by scripts/check-layers.mjs.
//
// Each map lists layers from top to bottom, each a name and the path globs (relative to the
// repository root) of the modules in it; a module belongs to the first layer with a matching
// glob. A module imports only from its own layer or below, so "sources and http never import
// features or the orchestrator" follows from the order; the rules below add what order
// cannot say.

/** The layout src/ is moving to: one folder per layer (architecture.md, issue 19). */
const target = [
  ['shell', ['src/main.ts', 'src/index.ts', 'src/cli.ts', 'src/cli/**', 'src/shell/**']],
  ['render', ['src/render/**', 'src/review/**']],
  ['run', ['src/run/**']],
  ['features', ['src/policy/**', 'src/files/**', 'src/report/**', 'src/attestations/**']],
  ['resolve', ['src/resolve/**']],
  ['sources', ['src/sources/**', 'src/http/**', 'src/cache/**', 'src/fs/**']],
  ['model', ['src/model/**']]
]

/** Today's flat layout, each file in the layer of what it does, so the rules can run now. */
const current = [
  ['shell', ['src/main.ts', 'src/index.ts', 'src/cli.ts', 'src/toolkit.ts', 'src/inputs.ts']],
  ['render', ['src/summary.ts', 'src/table.ts', 'src/review/**', 'src/policy/render.ts']],
  [
    'run',
    [
      'src/run.ts',
      'src/remote.ts',
      'src/merge.ts',
      'src/wait.ts',
      'src/shard.ts',
      'src/settings.ts'
    ]
  ],
  [
    'features',
    [
      'src/policy.ts',
      'src/policy/**',
      'src/files/**',
      'src/outputs.ts',
      'src/baseline.ts',
      'src/attestations/**'
    ]
  ],
  ['resolve', ['src/resolve.ts']],
  ['sources', ['src/sources/**', 'src/http/**', 'src/cache/**', 'src/fs/**']],
  [
    'model',
    [
      'src/reference.ts',
      'src/docker-hub.ts',
      'src/platform.ts',
      'src/manifest.ts',
      'src/digest.ts',
      'src/record.ts',
      'src/errors.ts',
      'src/input-values.ts',
      'src/text.ts',
      'src/sanitize.ts'
    ]
  ]
]

export default {
  /** Where the modules are: every .ts file under it is in the graph. */
  sourceRoot: 'src',
  maps: { target, current },
  defaultMap: 'target',
  /**
   * Packages only some modules may import, named by layer or by path glob. The shell alone
   * talks to the runner; only the PR review needs GitHub's API.
   */
  packages: [
    { name: '@actions/core', only: ['shell'] },
    { name: '@actions/github', only: ['src/review/**'] }
  ],
  /** Imports a layer's order allows but the design does not, each with the reason it prints. */
  forbidden: [
    {
      why: 'only what speaks HTTP imports src/http/; the byte caps are plain limits in the model',
      from: [
        'resolve',
        'features',
        'render',
        'src/sources/source.ts',
        'src/sources/oci-layout.ts',
        'src/sources/cached-source.ts',
        'src/cache/**'
      ],
      to: ['src/http/**']
    }
  ],
  /**
   * Also refuse cycles between folders: each top-level folder of the source root is one unit
   * (a file directly in it is its own), so two homes never lean on each other.
   */
  folderCycles: true,
  /**
   * No source file over this many lines and no function over that many (issue 19): split
   * instead, so each module and each function can be held in one's head.
   */
  sizes: { maxFileLines: 400, maxFunctionLines: 80 }
}
