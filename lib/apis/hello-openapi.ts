// The Hello API's own OpenAPI 3.1 document, stored on the API at start-up (lib/apis/defaults.ts) when it
// has none. Servers are relative: the reference and Try it use the console's own origin.
export const HELLO_OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "Hello API",
    version: "1.0",
    summary: "A sample API that greets your app.",
    description:
      "The console's sample API: the whole loop from token to call. Get an access token for an app subscribed to Hello API (any grant type) and call `GET /api/hello` with it.",
  },
  servers: [{ url: "/", description: "This console" }],
  security: [{ oauth2: ["hello"] }],
  paths: {
    "/api/hello": {
      get: {
        operationId: "getHello",
        summary: "Greet the calling app",
        description:
          "Answers a greeting naming the app (and its company) that holds the access token, and how many seconds the token still lives.",
        tags: ["Hello"],
        parameters: [],
        responses: {
          "200": {
            description: "The greeting.",
            headers: { "Cache-Control": { description: "Always `no-store`.", schema: { type: "string", const: "no-store" } } },
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Greeting" },
                examples: {
                  greeting: {
                    summary: "A Client Credentials token",
                    value: {
                      message: "Hello, Billing Sync!",
                      app: { name: "Billing Sync", clientId: "apc_3kq9x2m1v8c7", company: "Example Ltd" },
                      subject: "apc_3kq9x2m1v8c7",
                      tokenExpiresIn: 3542,
                    },
                  },
                },
              },
            },
          },
          "401": {
            description: "No access token, or an invalid, expired or revoked one. `WWW-Authenticate: Bearer` says which (RFC 6750).",
            headers: { "WWW-Authenticate": { description: 'e.g. `Bearer error="invalid_token"`', schema: { type: "string" } } },
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Error" },
                example: { error: "invalid_token", error_description: "The access token expired." },
              },
            },
          },
          "403": {
            description: "The token does not cover Hello API, or the app no longer subscribes to it.",
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Error" },
                example: { error: "insufficient_scope", error_description: "The token does not grant access to this API." },
              },
            },
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      oauth2: {
        type: "oauth2",
        description: "Access tokens from the console's token service.",
        flows: {
          clientCredentials: { tokenUrl: "/oauth2/token", scopes: { hello: "Call the Hello API" } },
          authorizationCode: {
            authorizationUrl: "/oauth2/authorize",
            tokenUrl: "/oauth2/token",
            refreshUrl: "/oauth2/token",
            scopes: { hello: "Call the Hello API" },
          },
        },
      },
    },
    schemas: {
      Greeting: {
        type: "object",
        required: ["message", "app", "subject", "tokenExpiresIn"],
        properties: {
          message: { type: "string", description: "The greeting.", examples: ["Hello, Billing Sync!"] },
          app: {
            type: "object",
            required: ["name", "clientId", "company"],
            properties: {
              name: { type: "string", description: "The app's name." },
              clientId: { type: "string", description: "The app's Client ID." },
              company: { type: "string", description: "The app's company." },
            },
          },
          subject: { type: "string", description: "The token's subject: a user id, or the Client ID for Client Credentials." },
          tokenExpiresIn: { type: "integer", minimum: 0, description: "Seconds until the access token expires." },
        },
      },
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: { type: "string", description: "RFC 6750 error code.", enum: ["invalid_token", "insufficient_scope", "invalid_request"] },
          error_description: { type: "string" },
        },
      },
    },
  },
} as const;
