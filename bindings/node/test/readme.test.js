'use strict'
// The README's JavaScript code blocks run as written (awaited: a block may use `await`).
const test = require('node:test')
const fs = require('node:fs')
const path = require('node:path')

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1])

test('README has code blocks', () => {
  if (blocks.length === 0) throw new Error('no js blocks found')
})

// Each block is the body of an async function: `await` works as at the top of a module.
const AsyncFunction = (async () => {}).constructor

blocks.forEach((code, i) => {
  test(`README.md block ${i}`, async () => {
    const log = console.log
    console.log = () => {}
    try {
      await new AsyncFunction('require', code)(require)
    } finally {
      console.log = log
    }
  })
})
