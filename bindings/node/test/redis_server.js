'use strict'
// A throwaway redis-server for the tests: started on a free port of 127.0.0.1 with nothing
// persisted, stopped by the caller. A missing redis-server fails the tests (it is installed by
// `make system-deps`) unless REVTAIN_SKIP_REDIS=1, which skips them instead.
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')

const SKIP_REDIS = process.env.REVTAIN_SKIP_REDIS === '1' ? 'REVTAIN_SKIP_REDIS=1' : false

/** A TCP port nothing listens on (just now). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** A command in RESP, the Redis protocol. */
function encode(args) {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join('')}`
}

/**
 * Sends one command on a new connection. `sent` resolves once it is written, `reply` with the
 * first line of the answer (for example `+PONG`).
 */
function send(port, ...args) {
  const socket = net.connect(port, '127.0.0.1')
  const sent = new Promise((resolve, reject) => {
    socket.once('error', reject)
    socket.once('connect', () => socket.write(encode(args), resolve))
  })
  const reply = new Promise((resolve, reject) => {
    let data = ''
    socket.once('error', reject)
    socket.on('data', (chunk) => {
      data += chunk
      const end = data.indexOf('\r\n')
      if (end >= 0) {
        socket.destroy()
        resolve(data.slice(0, end))
      }
    })
  })
  sent.catch(() => {})
  reply.catch(() => {})
  return { sent, reply }
}

/** Starts redis-server (on `port`, or a free one) and waits until it answers PING. */
async function startRedis(port) {
  port ??= await freePort()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revtain-redis-'))
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir,
      // DEBUG SLEEP makes Redis slow on purpose in the event-loop test.
      '--enable-debug-command', 'local'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout.on('data', (c) => (output += c))
  child.stderr.on('data', (c) => (output += c))
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve(`redis-server exited (${code ?? signal}): ${output}`))
    child.once('error', (err) =>
      resolve(
        err.code === 'ENOENT'
          ? 'redis-server is not installed (apt-get install redis-server, or `make system-deps`); set REVTAIN_SKIP_REDIS=1 to skip the Redis tests'
          : `cannot start redis-server: ${err.message}`,
      ),
    )
  })
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    fs.rmSync(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + 10_000
  for (;;) {
    const failed = await Promise.race([exited, new Promise((r) => setTimeout(r, 25, null))])
    if (failed) {
      stop()
      throw new Error(failed)
    }
    const pong = await send(port, 'PING').reply.catch(() => null)
    if (pong === '+PONG') break
    if (Date.now() > deadline) {
      stop()
      throw new Error(`redis-server did not answer on port ${port}: ${output}`)
    }
  }
  return { port, url: `redis://127.0.0.1:${port}/0`, send: (...args) => send(port, ...args), stop }
}

module.exports = { SKIP_REDIS, freePort, startRedis }
