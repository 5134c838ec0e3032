/** The file kinds of issue 20 (detect-reach-kind.ts), as detectFileKind tells them apart. */
import { detectFileKind } from '../../src/files/detect-kind.js'

describe('detectFileKind: the kinds of issue 20', () => {
  test.each([
    ['chart/values.yaml', '', 'helm'],
    ['chart/values-prod.yaml', '', 'helm'],
    ['chart/values.staging.yml', '', 'helm'],
    ['env/prod.yaml', 'web:\n  image:\n    repository: nginx\n', 'helm'],
    ['env/other.yaml', 'replicas: 3\n', null],
    ['ci/build.yml', 'build:\n  image: {name: node:20}\n  script: [make]\n', 'gitlab-ci'],
    [
      'deploy/kustomization.yaml',
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n',
      'kustomize'
    ],
    ['deploy/kustomization.yml', '', 'kustomize'],
    ['deploy/Kustomization', '', 'kustomize'],
    ['.gitlab-ci.yml', '', 'gitlab-ci'],
    ['ci/build.gitlab-ci.yml', '', 'gitlab-ci'],
    ['.gitlab/ci/deploy.yml', '', 'gitlab-ci'],
    ['.circleci/config.yml', '', 'circleci'],
    ['bitbucket-pipelines.yml', '', 'bitbucket-pipelines'],
    ['azure-pipelines.yml', '', 'azure-pipelines'],
    ['azure-pipelines-release.yaml', '', 'azure-pipelines'],
    ['.azuredevops/build.yml', '', 'azure-pipelines'],
    ['.devcontainer/devcontainer.json', '{}', 'devcontainer'],
    ['.devcontainer/python/devcontainer.json', '{}', 'devcontainer'],
    ['.devcontainer.json', '{}', 'devcontainer'],
    ['package.json', '{}', null]
  ])('%s', (path, text, kind) => {
    expect(detectFileKind(path, text)).toBe(kind)
  })
})
