// ES module entry: the same exports as revtain.js.
import revtain from './revtain.js'

export * from './lib/errors.mjs'

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
  SIGNATURE_HEADER,
  generateWebhookSecret,
  generateWebhookSigningKey,
  webhookPublicKey,
  WebhookSigner,
  Webhook,
  findPans,
  redactPans,
  validateGatewayToken,
  generateCardUpdateSecret,
  GATEWAYS,
  CardUpdateLinks,
  RateLimiter,
  Decision,
  RetryPolicy,
  GatewayClient,
  GatewayResponse,
  classifyAttempt,
  parseRetryAfter,
  CONNECTORS,
  verifyConnector,
  ConnectorEvent,
  GITHUB_PUBLIC_KEYS_URL,
  SecretAlert,
  verifyGithubSecretAlert,
  secretAlertResponse,
} = revtain
export default revtain
