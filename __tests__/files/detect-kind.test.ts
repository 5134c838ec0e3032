import { detectFileKind } from '../../src/files/detect-kind.js'

const K8S = 'apiVersion: v1\nkind: Pod\n'

describe('detectFileKind', () => {
  test.each<[string, string, ReturnType<typeof detectFileKind>]>([
    ['Dockerfile', '', 'dockerfile'],
    ['build/Dockerfile', '', 'dockerfile'],
    ['dockerfile', '', 'dockerfile'],
    ['Containerfile', '', 'dockerfile'],
    ['Dockerfile.prod', '', 'dockerfile'],
    ['Containerfile.ubi9', '', 'dockerfile'],
    ['api.Dockerfile', '', 'dockerfile'],
    ['api.dockerfile', '', 'dockerfile'],
    ['C:\\src\\app\\Dockerfile', '', 'dockerfile'],
    ['Dockerfile.dockerignore', '', null],
    ['api.Dockerfile.dockerignore', '', null],
    ['Dockerfiles/README.md', '', null],
    ['compose.yaml', '', 'compose'],
    ['compose.yml', '', 'compose'],
    ['compose.override.yaml', '', 'compose'],
    ['docker-compose.yml', '', 'compose'],
    ['deploy/docker-compose.prod.yaml', '', 'compose'],
    ['docker-compose-ci.yml', '', 'compose'],
    ['composer.yaml', '', null],
    ['.github/workflows/ci.yml', '', 'workflow'],
    ['repo/.github/workflows/release.yaml', '', 'workflow'],
    ['.github\\workflows\\ci.yml', '', 'workflow'],
    ['.github/workflows/sub/ci.yml', '', null],
    ['.github/dependabot.yml', '', null],
    ['action.yml', '', 'workflow'],
    ['actions/build/action.yaml', '', 'workflow'],
    ['k8s/deploy.yaml', K8S, 'kubernetes'],
    ['chart-output.yml', `---\n# Source: x\n${K8S}`, 'kubernetes'],
    ['k8s/kustomization.yaml', 'resources: [a.yaml]\n', 'kustomize'],
    ['values.yaml', 'image:\n  repository: nginx\n', 'helm'],
    ['nested.yaml', '  apiVersion: v1\n  kind: Pod\n', null],
    ['notes.txt', K8S, null]
  ])('%s', (path, text, kind) => {
    expect(detectFileKind(path, text)).toBe(kind)
  })
})
