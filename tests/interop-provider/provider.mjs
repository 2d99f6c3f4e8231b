// Minimal OpenID provider used as a test fixture by the FastToken interop tests.
//
//   node provider.mjs --port 0 [--exit-on-stdin-close]
//
// stdout carries exactly one line, `READY http://127.0.0.1:PORT`, once the
// server is listening. Everything else (including oidc-provider notices) goes
// to stderr.

import * as crypto from 'node:crypto';
import * as http from 'node:http';
import { promisify } from 'node:util';

// oidc-provider prints its notices with console.info (stdout). Keep stdout
// reserved for the READY line: route console.log/info to stderr before the
// library is loaded.
console.log = (...args) => console.error(...args);
console.info = (...args) => console.error(...args);

const { default: Provider, errors } = await import('oidc-provider');

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const opts = { port: 0, exitOnStdinClose: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--port') {
      opts.port = Number(argv[i += 1]);
    } else if (arg.startsWith('--port=')) {
      opts.port = Number(arg.slice('--port='.length));
    } else if (arg === '--exit-on-stdin-close') {
      opts.exitOnStdinClose = true;
    } else {
      throw new Error(`unknown argument: ${arg}`);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new Error('--port must be an integer between 0 and 65535');
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const HOST = '127.0.0.1';

// ---------------------------------------------------------------- keys
// Fresh signing keys on every start; only the public halves are published
// at the JWKS endpoint by oidc-provider. The async generateKeyPair is used on
// purpose: on node 20 generateKeyPairSync('rsa') can deadlock when a GC runs
// during generation (observed ~5-10% of starts under parallel load).
const generateKeyPair = promisify(crypto.generateKeyPair);

async function generateJwk(type, options, alg, kid) {
  const { privateKey } = await generateKeyPair(type, options);
  return { ...privateKey.export({ format: 'jwk' }), kid, alg, use: 'sig' };
}

const jwks = {
  keys: await Promise.all([
    generateJwk('ec', { namedCurve: 'P-256' }, 'ES256', 'es256-key-1'),
    generateJwk('rsa', { modulusLength: 2048 }, 'RS256', 'rs256-key-1'),
  ]),
};

// ---------------------------------------------------------------- clients
// Per-client access token settings: signing alg and lifetime (seconds).
const CLIENT_SETTINGS = {
  'client-es256': { alg: 'ES256', ttl: 300 },
  'client-rs256': { alg: 'RS256', ttl: 300 },
  'client-short': { alg: 'ES256', ttl: 2 },
};

const clients = Object.keys(CLIENT_SETTINGS).map((clientId) => ({
  client_id: clientId,
  client_secret: 'secret',
  grant_types: ['client_credentials'],
  response_types: [],
  redirect_uris: [],
  token_endpoint_auth_method: 'client_secret_post',
}));

// ---------------------------------------------------------------- resources
// Resource indicator -> audience. Every resource issues RFC 9068 JWT access
// tokens; `urn:other:api` exists to obtain a token with a different audience.
const RESOURCES = {
  'urn:fasttoken:api': { scope: 'api:read api:write', audience: 'urn:fasttoken:api' },
  'urn:other:api': { scope: 'api:read api:write', audience: 'urn:other:api' },
};
const DEFAULT_RESOURCE = 'urn:fasttoken:api';

// ---------------------------------------------------------------- server
const server = http.createServer();
server.on('error', (err) => {
  console.error(err);
  process.exit(1);
});
await new Promise((resolve) => { server.listen(opts.port, HOST, resolve); });
const issuer = `http://${HOST}:${server.address().port}`;

const provider = new Provider(issuer, {
  clients,
  jwks,
  clientDefaults: {
    grant_types: ['client_credentials'],
    response_types: [],
    id_token_signed_response_alg: 'ES256',
    token_endpoint_auth_method: 'client_secret_post',
  },
  clientAuthMethods: ['client_secret_post', 'client_secret_basic'],
  cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
  scopes: ['openid', 'api:read', 'api:write'],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: false },
    revocation: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: async (ctx, client, oneOf) => oneOf ?? DEFAULT_RESOURCE,
      getResourceServerInfo: async (ctx, resourceIndicator, client) => {
        const resource = RESOURCES[resourceIndicator];
        const settings = CLIENT_SETTINGS[client.clientId];
        if (!resource || !settings) {
          throw new errors.InvalidTarget();
        }
        return {
          ...resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: settings.ttl,
          jwt: { sign: { alg: settings.alg } },
        };
      },
    },
  },
  ttl: {
    ClientCredentials: (ctx, token) => token.resourceServer?.accessTokenTTL ?? 300,
  },
  // Clients are static; no CORS from browsers is expected.
  clientBasedCORS: () => false,
});

// Plain http on loopback: nothing behind a TLS-terminating proxy, so leave
// provider.proxy at its default (false).
provider.on('server_error', (ctx, err) => console.error('server_error', err));

server.on('request', provider.callback());

process.stdout.write(`READY ${issuer}\n`);

// ---------------------------------------------------------------- shutdown
let stopping = false;
function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(code));
  server.closeAllConnections();
  setTimeout(() => process.exit(code), 1000).unref();
}

process.on('SIGTERM', () => shutdown(0));
process.on('SIGINT', () => shutdown(0));

if (opts.exitOnStdinClose) {
  process.stdin.on('end', () => shutdown(0));
  process.stdin.on('close', () => shutdown(0));
  process.stdin.on('error', () => shutdown(0));
  process.stdin.resume();
}
