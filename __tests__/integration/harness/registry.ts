// Single entry point for integration suites: a real distribution registry plus fixture pushers.
export * from './server.js'
export * from './client.js'
export * from './images.js'
export * from './schema1.js'
export * from './artifacts.js'
