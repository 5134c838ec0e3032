/** Reading the action's inputs through the toolkit: every input action.yml declares, secrets masked first. */
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { DigestGateError } from '../../src/model/errors.js'
import { INPUT_NAMES, readInputs } from '../../src/shell/inputs.js'
import { createToolkit } from '../helpers/toolkit-fixture.js'

test('the inputs read are exactly those action.yml declares', () => {
  const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }
  expect([...INPUT_NAMES].sort()).toEqual(Object.keys(action.inputs).sort())
})

test('each input is read by its name and validated into settings', () => {
  const toolkit = createToolkit({
    images: 'alpine:3.20\n\nnginx',
    platforms: 'linux/amd64',
    timeout: '12',
    'insecure-registries': 'Reg.Internal:5000'
  })
  const settings = readInputs(toolkit, {})
  expect(settings.images).toEqual(['alpine:3.20', 'nginx'])
  expect(settings.timeoutSeconds).toBe(12)
  expect(settings.insecureRegistries).toEqual(['reg.internal:5000'])
  expect(toolkit.getInput.mock.calls.map(c => c[0])).toEqual([...INPUT_NAMES])
  expect(toolkit.setSecret).not.toHaveBeenCalled()
})

test('secrets are masked before validation can fail and print anything', () => {
  const toolkit = createToolkit({
    images: 'alpine',
    password: 'pa55word',
    'github-token': 'ghp_token',
    'aliyun-access-key-secret': 'ak-secret',
    'aliyun-security-token': 'sts-token',
    timeout: 'soon'
  })
  expect(() => readInputs(toolkit)).toThrow(DigestGateError)
  expect(toolkit.setSecret.mock.calls.map(c => c[0])).toEqual([
    'pa55word',
    'ghp_token',
    'ak-secret',
    'sts-token'
  ])
})

test("a proxy URL's credentials in the environment are masked before anything runs", () => {
  const toolkit = createToolkit({ images: 'alpine', timeout: 'soon' })
  const env = {
    HTTPS_PROXY: 'http://alice:p%40ss%3Aword@proxy.example:3128',
    http_proxy: 'http://proxy.example:3128',
    HTTP_PROXY: 'not a url'
  }
  expect(() => readInputs(toolkit, env)).toThrow(DigestGateError)
  expect(toolkit.setSecret.mock.calls.map(c => c[0])).toEqual([
    'p%40ss%3Aword',
    'p@ss:word',
    Buffer.from('alice:p@ss:word').toString('base64')
  ])
})
