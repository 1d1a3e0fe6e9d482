// The credential vault (docs/spec.md §2.2).
export { Keyring } from '../index'
