// ES module entry: the same exports as revtain.js.
import revtain from './revtain.js'

export const {
  version,
  errorKinds,
  isRevtainError,
  ApiKey,
  generateApiKey,
  verifyApiKey,
  findApiKeys,
  redactApiKeys,
  Keyring,
} = revtain
export default revtain
