#!/usr/bin/env node
// The CLI ships bundled in dist/cli so it runs without node_modules.
import '../dist/cli/index.js'
