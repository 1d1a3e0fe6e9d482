// Types of the `revtain` package: one declaration file per capability in lib/ (the generated
// declarations of the native module, index.d.ts, with overloads and the JavaScript classes
// the generator cannot express), gathered here.
export { ErrorKindInfo, errorKinds, version } from './index'
// The error classes, isRevtainError and the unions of their codes, generated from the core's
// error table.
export * from './lib/errors'
export * from './lib/api_key'
export * from './lib/vault'
export * from './lib/webhook'
export * from './lib/card'
export * from './lib/ratelimit'
export * from './lib/retry'
export * from './lib/connector'
export * from './lib/secret_alert'
