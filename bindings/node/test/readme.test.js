'use strict'
// The README's JavaScript code blocks run as written, each as a file of its own run by `node`
// in a folder where `require('revtain')` / `import 'revtain'` resolve to this package: a block
// with `import` statements as an ES module (`.mjs`), any other as CommonJS (`.js`), so a block
// that mixes `require` with top-level `await` fails here as it would for a reader.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1])

test('README has code blocks', () => {
  assert.ok(blocks.length >= 5, `only ${blocks.length} js blocks found`)
})

// A folder with node_modules/revtain linked to this package, as after `npm install revtain`.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revtain-readme-'))
fs.mkdirSync(path.join(dir, 'node_modules'))
fs.symlinkSync(path.join(__dirname, '..'), path.join(dir, 'node_modules', 'revtain'), 'dir')
test.after(() => fs.rmSync(dir, { recursive: true, force: true }))

blocks.forEach((code, i) => {
  const esm = /^import\s/m.test(code)
  test(`README.md block ${i} (${esm ? 'ES module' : 'CommonJS'})`, () => {
    const file = path.join(dir, `block${i}.${esm ? 'mjs' : 'js'}`)
    fs.writeFileSync(file, code)
    const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', timeout: 60_000 })
    assert.equal(r.status, 0, `block ${i} failed:\n${r.stderr}`)
  })
})
