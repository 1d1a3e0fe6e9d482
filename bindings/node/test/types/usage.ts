// Type-checked by test/types.test.js (tsc --strict): every export of the package used as the
// README and the docs use it, and a few misuses the declarations must refuse.
import * as revtain from '../../revtain'
import {
  ApiKey,
  CONNECTORS,
  CardUpdateLinks,
  ConnectorEvent,
  Decision,
  GATEWAYS,
  GatewayClient,
  GatewayResponse,
  Keyring,
  RateLimiter,
  RetryPolicy,
  RevtainError,
  SIGNATURE_HEADER,
  Webhook,
  WebhookError,
  WebhookSignatureMismatch,
  WebhookSigner,
  findApiKeys,
  findPans,
  generateApiKey,
  generateCardUpdateSecret,
  generateWebhookSecret,
  isRevtainError,
  redactApiKeys,
  redactPans,
  validateGatewayToken,
  verifyApiKey,
  verifyConnector,
} from '../../revtain'

export async function everything(): Promise<void> {
  const v: string = revtain.version()
  const kinds = revtain.errorKinds()

  const shown: string = generateApiKey()
  const key: ApiKey = ApiKey.parse(shown)
  const redacted: string = key.redacted
  const ok: boolean = verifyApiKey(key.exposeSecret(), key.lookupHash(), undefined)
  const spans: Array<[number, number]> = findApiKeys('text')
  const clean: string = redactApiKeys('text')
  const cleanBytes: Buffer = redactApiKeys(Buffer.from('text'))

  const keyring: Keyring = Keyring.generate()

  const secret: string = generateWebhookSecret()
  const headers = new WebhookSigner(secret).sign(Buffer.from('{}'), 'evt_1', 1700000000)
  const sig: string = headers[SIGNATURE_HEADER]
  const webhook = new Webhook([secret, secret], { tolerance: 300 })
  const event: revtain.WebhookEvent = webhook.verify(Buffer.from('{}'), headers, { now: 1700000000 })
  const t: number = webhook.verifySignature('{}', sig)
  const findings: string[] = webhook.diagnose('{}', sig, { now: 1 })
  webhook.verify('{}', new Headers())

  const pans: Array<[number, number]> = findPans('4242 4242 4242 4242')
  const masked: string = redactPans('4242 4242 4242 4242')
  const gateways: readonly string[] = GATEWAYS
  const kind: string = validateGatewayToken('stripe', 'pm_1')
  const links = new CardUpdateLinks(generateCardUpdateSecret(), 'client', 'https://pay.example/update')

  const limiter = new RateLimiter({ limit: 60, window: 60 })
  const decision: Decision = await limiter.check('rev_key')
  const allowed: boolean = decision.allowed

  const policy = new RetryPolicy({ base: 0.5, maxAttempts: 4 })
  const client = new GatewayClient('https://api.stripe.com', { policy, timeout: 10, headers: { Authorization: 'Bearer x' } })
  const response: GatewayResponse = await client.request('POST', '/v1/charges', { body: 'a=1', idempotencyKey: 'k' })
  const status: number = response.status

  const names: readonly string[] = CONNECTORS
  const verified: ConnectorEvent = verifyConnector('stripe', { 'stripe-signature': 'x' }, Buffer.from('{}'), 'whsec_x', { tolerance: 300 })
  const at: number | null = verified.timestamp

  try {
    webhook.verify('{}', headers)
  } catch (err) {
    if (isRevtainError(err)) {
      const code: string = err.code
    }
    if (err instanceof WebhookError && err instanceof RevtainError) {
      const message: string = err.message
    }
    if (err instanceof WebhookSignatureMismatch) {
      const code: 'REVTAIN_RESULT_WEBHOOK_SIGNATURE_MISMATCH' = err.code
    }
  }

  // @ts-expect-error: a body is bytes or text, never a parsed object
  webhook.verify({ id: 'evt_1' }, headers)
  // @ts-expect-error: the secret is text or bytes
  verifyConnector('stripe', {}, '', 42)
  // @ts-expect-error: options are camelCase
  new RateLimiter({ redis_url: 'redis://127.0.0.1' })
  void [v, kinds, redacted, ok, spans, clean, cleanBytes, keyring, event, t, findings, pans, masked, gateways, kind, links, allowed, status, names, at]
}
