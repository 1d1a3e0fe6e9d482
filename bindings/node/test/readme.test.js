'use strict'
// The README's JavaScript code blocks run as written.
const test = require('node:test')
const fs = require('node:fs')
const path = require('node:path')

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1])

test('README has code blocks', () => {
  if (blocks.length === 0) throw new Error('no js blocks found')
})

blocks.forEach((code, i) => {
  test(`README.md block ${i}`, () => {
    const log = console.log
    console.log = () => {}
    try {
      new Function('require', code)(require)
    } finally {
      console.log = log
    }
  })
})
