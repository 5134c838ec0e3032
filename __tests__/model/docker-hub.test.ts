/** Docker Hub's names (docker-hub.ts): where its API lives and what Docker's tools call it. */
import {
  DOCKER_HUB,
  DOCKER_HUB_ALIASES,
  DOCKER_HUB_CONFIG_KEY,
  apiHost,
  serverAddress
} from '../../src/model/docker-hub.js'

test('Docker Hub is asked at registry-1.docker.io; every other registry at its own name', () => {
  expect(apiHost(DOCKER_HUB)).toBe('registry-1.docker.io')
  expect(apiHost('ghcr.io')).toBe('ghcr.io')
  expect(apiHost('127.0.0.1:5000')).toBe('127.0.0.1:5000')
})

test("config.json and credential helpers know Docker Hub as docker/cli's IndexServer", () => {
  expect(serverAddress(DOCKER_HUB)).toBe('https://index.docker.io/v1/')
  expect(serverAddress(DOCKER_HUB)).toBe(DOCKER_HUB_CONFIG_KEY)
  expect(serverAddress('quay.io')).toBe('quay.io')
})

test('the aliases are tried index.docker.io first, and include the API host', () => {
  expect(DOCKER_HUB_ALIASES[0]).toBe('index.docker.io')
  expect(DOCKER_HUB_ALIASES).toContain(apiHost(DOCKER_HUB))
  expect(DOCKER_HUB_ALIASES).toContain(DOCKER_HUB)
})
