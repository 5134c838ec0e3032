import { main } from './cli/main.js'

// The CLI's entry (dist/cli, run by bin/digest-gate.js); src/cli/ holds the rest.
process.exitCode = await main(process.argv.slice(2))
