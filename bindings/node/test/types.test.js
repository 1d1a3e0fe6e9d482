'use strict'
// The TypeScript declarations (revtain.d.ts, lib/*.d.ts, the generated index.d.ts) compile
// under `tsc --strict` and describe the package as used: test/types/usage.ts uses every export
// and holds `@ts-expect-error` misuses, which fail the check if the declarations accept them.
const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const TSC = path.join(__dirname, '..', 'node_modules', 'typescript', 'bin', 'tsc')
const ARGS = ['--noEmit', '--strict', '--esModuleInterop', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node']

function tsc(file) {
  return spawnSync(process.execPath, [TSC, ...ARGS, file], { encoding: 'utf8', cwd: path.join(__dirname, '..') })
}

test('the declarations type-check the usage of every export', () => {
  const r = tsc(path.join(__dirname, 'types', 'usage.ts'))
  assert.equal(r.status, 0, r.stdout + r.stderr)
})

test('a misuse the declarations accept would fail the check', (t) => {
  // The check can fail: an expected error that is not one is itself an error.
  const dir = require('node:fs').mkdtempSync(path.join(require('node:os').tmpdir(), 'revtain-types-'))
  t.after(() => require('node:fs').rmSync(dir, { recursive: true, force: true }))
  const file = path.join(dir, 'wrong.ts')
  const pkg = path.join(__dirname, '..', 'revtain').replaceAll('\\', '/')
  require('node:fs').writeFileSync(file, `import { Webhook } from '${pkg}'\n// @ts-expect-error\nnew Webhook('whsec_x')\n`)
  const r = tsc(file)
  assert.notEqual(r.status, 0)
  assert.match(r.stdout, /Unused '@ts-expect-error' directive/)
})
