/** References in GitLab CI, CircleCI, Bitbucket and Azure Pipelines files (find-ci.ts). */
import { readFileSync } from 'node:fs'
import { findReferences } from '../../src/files/find-references.js'
import type { FileScan } from '../../src/model/files.js'
import { expectReferences, expectSkipped } from './helpers.js'

const FIXTURES = new URL('../fixtures/files-reach/', import.meta.url)
const fixture = (file: string): string => readFileSync(new URL(file, FIXTURES), 'utf8')
const R = 'registry.invalid/app'
const scanOf = (file: string): FileScan => findReferences(file, fixture(file))

describe('other CI systems', () => {
  test('GitLab CI: default image, services as strings and {name}, job images; variables skipped', () => {
    const scan = scanOf('.gitlab-ci.yml')
    expectReferences(scan, [
      { line: 2, column: 10, text: `${R}/build:1.0`, where: 'default.image' },
      { line: 15, column: 13, text: `${R}/db:16`, where: 'test.services[0].name' },
      { line: 17, column: 7, text: `${R}/cache:7`, where: 'test.services[1]' },
      { line: 24, column: 11, text: `${R}/deployer:3.1`, where: 'deploy.image.name' }
    ])
    expectSkipped(scan.skipped, [
      { line: 32, column: 10, text: '$CI_REGISTRY_IMAGE/lint:latest', reason: /CI variable/ }
    ])
  })

  test('CircleCI: docker images of jobs and executors; a machine image is a VM, not read', () => {
    expectReferences(scanOf('.circleci/config.yml'), [
      { line: 12, column: 16, text: `${R}/node:20`, where: 'jobs.test.docker[0].image' },
      { line: 16, column: 16, text: `${R}/db:16`, where: 'jobs.test.docker[1].image' },
      { line: 6, column: 16, text: `${R}/node:20`, where: 'executors.node.docker[0].image' }
    ])
  })

  test('Bitbucket Pipelines: image at any level, as a string or {name}, through anchors', () => {
    expectReferences(scanOf('bitbucket-pipelines.yml'), [
      { line: 1, column: 8, text: `${R}/build:1.0`, where: 'image' },
      { line: 6, column: 14, text: `${R}/db:16`, where: 'definitions.services.postgres.image' },
      { line: 13, column: 17, text: `${R}/node:20`, where: 'definitions.steps[0].step.image.name' },
      { line: 13, column: 17, text: `${R}/node:20`, where: 'pipelines.default[0].step.image.name' },
      { line: 28, column: 18, text: `${R}/deployer:3.1` }
    ])
  })

  test('Azure Pipelines: resources.containers, a job container as image or {image}; aliases not', () => {
    const scan = scanOf('azure-pipelines.yml')
    expectReferences(scan, [
      { line: 7, column: 14, text: `${R}/build:1.0`, where: 'resources.containers[0].image' },
      { line: 9, column: 14, text: `${R}/db:16`, where: 'resources.containers[1].image' },
      { line: 24, column: 20, text: `${R}/node:20`, where: 'stages[0].jobs[1].container' },
      { line: 30, column: 18, text: `${R}/deployer:3.1` }
    ])
    expectSkipped(scan.skipped, [
      { line: 35, column: 20, text: '$(nightlyImage)', reason: /CI variable/ }
    ])
  })
})
