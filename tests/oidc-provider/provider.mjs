// A real OpenID provider (oidc-provider) on a free loopback port, for the web and browser tests. It prints
// "listening <issuer>" once it serves. Besides the provider's own endpoints it has one of a host application's:
// POST /test/tokens signs the claims it is given with the provider's keys (those its JWKS publishes), or with a
// foreign key under the same key id. It exits when its standard input closes, so a test run that dies takes it along.
//
//   node provider.mjs --client-id web --client-secret s3cret --redirect-uri http://127.0.0.1/api/auth/oidc/callback
//                     --accounts '{"agent-olga":{"name":"Olga","role":["support-team"],"site":"demo"}}'
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { SignJWT, exportJWK, generateKeyPair } from "jose";
import Provider, { interactionPolicy } from "oidc-provider";

const { values: args } = parseArgs({
  options: {
    "client-id": { type: "string" },
    "client-secret": { type: "string" },
    "redirect-uri": { type: "string", multiple: true, default: [] },
    accounts: { type: "string", default: "{}" },
  },
});
/** Login name -> claims besides `sub` (which is the login name). Other names sign in with no claims but `sub`. */
const accounts = JSON.parse(args.accounts);

/** The provider's signing keys, one per algorithm, and a foreign key of each that the JWKS does not hold. */
async function signingKey(alg) {
  const own = await generateKeyPair(alg, { extractable: true });
  const foreign = await generateKeyPair(alg);
  const jwk = { ...(await exportJWK(own.privateKey)), kid: `test-${alg.toLowerCase()}`, alg, use: "sig" };
  return { alg, kid: jwk.kid, jwk, privateKey: own.privateKey, foreignKey: foreign.privateKey };
}
const keys = { RS256: await signingKey("RS256"), ES256: await signingKey("ES256") };

const server = createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

// Our web node is a first-party client: it is granted what it asks for (loadExistingGrant below), so the person sees
// the login form and no consent page, which loopback clients would otherwise always get.
const policy = interactionPolicy.base();
policy.get("consent").checks.remove("native_client_prompt");

const provider = new Provider(issuer, {
  clients: args["client-id"] ? [{
    client_id: args["client-id"],
    client_secret: args["client-secret"],
    // As a loopback client (RFC 8252) its http://127.0.0.1 redirect URIs match on any port, so the provider can
    // start before the web node under test has picked its port.
    application_type: "native",
    redirect_uris: args["redirect-uri"],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
  }] : [],
  jwks: { keys: [keys.RS256.jwk, keys.ES256.jwk] },
  claims: { openid: ["sub"], profile: ["name"], chat: ["role", "site"] },
  scopes: ["openid", "profile", "chat"],
  findAccount: (_, id) => ({ accountId: id, claims: () => ({ sub: id, ...accounts[id] }) }),
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ accountId: ctx.oidc.session.accountId, clientId: ctx.oidc.client.clientId });
    grant.addOIDCScope(ctx.oidc.requestParamScopes ? [...ctx.oidc.requestParamScopes].join(" ") : "openid");
    await grant.save();
    return grant;
  },
  // The sign-in form a test fills in: any login name, any password.
  features: { devInteractions: { enabled: true } },
  interactions: { policy },
  cookies: { keys: ["orleanschat-test-provider-cookie-key"] },
});

const callback = provider.callback();
server.on("request", (request, response) => {
  if (request.method === "POST" && request.url === "/test/tokens") {
    void issueTestToken(request, response);
  } else {
    callback(request, response);
  }
});

/** `{ alg: "RS256"|"ES256", foreignKey?: true, claims: {...} }` -> a JWT; `iat` and `exp` (an hour) unless given. */
async function issueTestToken(request, response) {
  try {
    let body = "";
    for await (const chunk of request) body += chunk;
    const { alg, foreignKey, claims } = JSON.parse(body);
    const key = keys[alg];
    if (!key) throw new Error(`alg must be one of ${Object.keys(keys).join(", ")}`);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ iat: now, exp: now + 3600, ...claims })
      .setProtectedHeader({ alg, kid: key.kid, typ: "JWT" })
      .sign(foreignKey ? key.foreignKey : key.privateKey);
    response.writeHead(200, { "Content-Type": "text/plain" }).end(token);
  } catch (error) {
    response.writeHead(400, { "Content-Type": "text/plain" }).end(String(error));
  }
}

process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
console.log(`listening ${issuer}`);
