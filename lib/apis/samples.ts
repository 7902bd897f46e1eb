// Sample code for the whole loop — get a token with the app's grant type, then call the API — in
// curl, TypeScript (fetch) and Python (requests). Pure and client-safe: filled with the app's Client ID,
// never its secret (read from the CLIENT_SECRET environment variable instead).
export type SampleLanguage = "curl" | "typescript" | "python";

export interface SampleInput {
  consoleUrl: string; // issuer origin
  apiUrl: string; // absolute URL of the API endpoint
  clientId: string;
  grantTypes: string[];
  redirectUri: string | null;
  /** The grant to show; default: the most suitable one the app registered (sampleGrant). */
  grant?: SampleGrant;
}

export type SampleGrant = "client_credentials" | "authorization_code" | "password" | "implicit" | "refresh_token";

export const GRANT_LABELS: Record<SampleGrant, string> = {
  authorization_code: "Authorization Code",
  client_credentials: "Client Credentials",
  implicit: "Implicit",
  password: "Resource Owner Credentials",
  refresh_token: "Refresh Token",
};

/** Every grant the app registered that has a sample, in a stable order (Refresh Token only with a grant that issues one). */
export function sampleGrants(grantTypes: string[]): SampleGrant[] {
  const out = (["client_credentials", "authorization_code", "password", "implicit"] as const).filter((g) =>
    grantTypes.includes(g),
  ) as SampleGrant[];
  if (grantTypes.includes("refresh_token") && (grantTypes.includes("authorization_code") || grantTypes.includes("password")))
    out.push("refresh_token");
  return out;
}

export const SAMPLE_LANGUAGES: { id: SampleLanguage; label: string }[] = [
  { id: "curl", label: "curl" },
  { id: "typescript", label: "TypeScript (fetch)" },
  { id: "python", label: "Python (requests)" },
];

/** The grant the sample uses: the most suitable one the app registered. */
export function sampleGrant(grantTypes: string[]): "client_credentials" | "authorization_code" | "password" | "implicit" | null {
  for (const g of ["client_credentials", "authorization_code", "password", "implicit"] as const) if (grantTypes.includes(g)) return g;
  return null;
}

export function sampleCode(lang: SampleLanguage, s: SampleInput): string {
  const token = `${s.consoleUrl}/oauth2/token`;
  const authorize = `${s.consoleUrl}/oauth2/authorize`;
  const grant = s.grant ?? sampleGrant(s.grantTypes);
  if (grant === "refresh_token") return refreshSample(lang, s, token);
  const redirect = s.redirectUri ?? "https://your-app.example/callback";
  if (lang === "curl") {
    switch (grant) {
      case "client_credentials":
        return `# 1. Get an access token (Client Credentials)
export CLIENT_ID='${s.clientId}'
export CLIENT_SECRET='…'   # from My Applications
ACCESS_TOKEN=$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" \\
  -d grant_type=client_credentials \\
  '${token}' | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')

# 2. Call the API
curl -H "Authorization: Bearer $ACCESS_TOKEN" '${s.apiUrl}'`;
      case "password":
        return `# 1. Get an access token (Resource Owner Credentials — legacy, prefer Authorization Code)
export CLIENT_ID='${s.clientId}'
export CLIENT_SECRET='…'   # from My Applications
ACCESS_TOKEN=$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" \\
  --data-urlencode grant_type=password \\
  --data-urlencode "username=$USER_EMAIL" --data-urlencode "password=$USER_PASSWORD" \\
  '${token}' | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')

# 2. Call the API
curl -H "Authorization: Bearer $ACCESS_TOKEN" '${s.apiUrl}'`;
      case "authorization_code":
        return `# 1. Send the user to sign in and allow your app (PKCE S256)
CODE_VERIFIER=$(openssl rand -base64 48 | tr '+/' '-_' | tr -d '=\\n')
CODE_CHALLENGE=$(printf '%s' "$CODE_VERIFIER" | openssl dgst -sha256 -binary | openssl base64 | tr '+/' '-_' | tr -d '=\\n')
echo "Open: ${authorize}?response_type=code&client_id=${s.clientId}&redirect_uri=$(printf %s '${redirect}' | jq -sRr @uri)&state=xyz&code_challenge=$CODE_CHALLENGE&code_challenge_method=S256"

# 2. Exchange the code from your redirect URL for tokens
ACCESS_TOKEN=$(curl -s -u '${s.clientId}':"$CLIENT_SECRET" \\
  --data-urlencode grant_type=authorization_code --data-urlencode "code=$CODE" \\
  --data-urlencode 'redirect_uri=${redirect}' --data-urlencode "code_verifier=$CODE_VERIFIER" \\
  '${token}' | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')

# 3. Call the API
curl -H "Authorization: Bearer $ACCESS_TOKEN" '${s.apiUrl}'`;
      case "implicit":
        return `# 1. Send the user to sign in; the token comes back in the redirect URL's fragment
echo "Open: ${authorize}?response_type=token&client_id=${s.clientId}&redirect_uri=$(printf %s '${redirect}' | jq -sRr @uri)&state=xyz"

# 2. Call the API with the access_token from the fragment
curl -H "Authorization: Bearer $ACCESS_TOKEN" '${s.apiUrl}'`;
      default:
        return "# This app has no grant type that can get a token.";
    }
  }
  if (lang === "typescript") {
    const body =
      grant === "password"
        ? `new URLSearchParams({ grant_type: "password", username: process.env.USER_EMAIL!, password: process.env.USER_PASSWORD! })`
        : grant === "authorization_code"
          ? `new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: "${redirect}", code_verifier: codeVerifier })`
          : `new URLSearchParams({ grant_type: "client_credentials" })`;
    if (grant === "implicit") {
      return `// In the browser, after the redirect: read the token from the URL fragment.
const params = new URLSearchParams(location.hash.slice(1));
const accessToken = params.get("access_token");

const res = await fetch("${s.apiUrl}", { headers: { Authorization: \`Bearer \${accessToken}\` } });
console.log(res.status, await res.json());`;
    }
    return `const clientId = "${s.clientId}";
const clientSecret = process.env.CLIENT_SECRET!; // from My Applications
${grant === "authorization_code" ? `// code and codeVerifier come from your authorization request (PKCE S256) to ${authorize}\ndeclare const code: string, codeVerifier: string;\n` : ""}
// 1. Get an access token
const tokenRes = await fetch("${token}", {
  method: "POST",
  headers: {
    Authorization: "Basic " + btoa(\`\${encodeURIComponent(clientId)}:\${encodeURIComponent(clientSecret)}\`),
    "Content-Type": "application/x-www-form-urlencoded",
  },
  body: ${body},
});
const { access_token } = await tokenRes.json();

// 2. Call the API
const res = await fetch("${s.apiUrl}", { headers: { Authorization: \`Bearer \${access_token}\` } });
console.log(res.status, await res.json());`;
  }
  // python
  if (grant === "implicit") {
    return `# Implicit tokens arrive in a browser's URL fragment; from Python, call the API with that token:
import requests

access_token = "…"  # the access_token from the redirect URL's fragment
res = requests.get("${s.apiUrl}", headers={"Authorization": f"Bearer {access_token}"})
print(res.status_code, res.json())`;
  }
  const data =
    grant === "password"
      ? `{"grant_type": "password", "username": os.environ["USER_EMAIL"], "password": os.environ["USER_PASSWORD"]}`
      : grant === "authorization_code"
        ? `{"grant_type": "authorization_code", "code": code, "redirect_uri": "${redirect}", "code_verifier": code_verifier}`
        : `{"grant_type": "client_credentials"}`;
  return `import os
import requests

client_id = "${s.clientId}"
client_secret = os.environ["CLIENT_SECRET"]  # from My Applications
${grant === "authorization_code" ? `# code and code_verifier come from your authorization request (PKCE S256) to ${authorize}\n` : ""}
# 1. Get an access token
token = requests.post(
    "${token}",
    auth=(client_id, client_secret),
    data=${data},
).json()["access_token"]

# 2. Call the API
res = requests.get("${s.apiUrl}", headers={"Authorization": f"Bearer {token}"})
print(res.status_code, res.json())`;
}

function refreshSample(lang: SampleLanguage, s: SampleInput, token: string): string {
  if (lang === "curl") {
    return `# Refresh Token: trade the latest refresh token for a new access token AND a new refresh token
# (rotation: store the new one; presenting a used one revokes the whole grant)
export CLIENT_ID='${s.clientId}'
export CLIENT_SECRET='…'   # from My Applications
RESPONSE=$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" \\
  --data-urlencode grant_type=refresh_token \\
  --data-urlencode "refresh_token=$REFRESH_TOKEN" \\
  '${token}')
ACCESS_TOKEN=$(printf '%s' "$RESPONSE" | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
REFRESH_TOKEN=$(printf '%s' "$RESPONSE" | sed -E 's/.*"refresh_token":"([^"]+)".*/\\1/')

# Call the API with the new access token
curl -H "Authorization: Bearer $ACCESS_TOKEN" '${s.apiUrl}'`;
  }
  if (lang === "typescript") {
    return `const clientId = "${s.clientId}";
const clientSecret = process.env.CLIENT_SECRET!; // from My Applications
declare let refreshToken: string; // the latest one you stored

// 1. Refresh: each use returns a new refresh token (rotation) — store it before anything else
const tokenRes = await fetch("${token}", {
  method: "POST",
  headers: {
    Authorization: "Basic " + btoa(\`\${encodeURIComponent(clientId)}:\${encodeURIComponent(clientSecret)}\`),
    "Content-Type": "application/x-www-form-urlencoded",
  },
  body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }),
});
const { access_token, refresh_token } = await tokenRes.json();
refreshToken = refresh_token;

// 2. Call the API
const res = await fetch("${s.apiUrl}", { headers: { Authorization: \`Bearer \${access_token}\` } });
console.log(res.status, await res.json());`;
  }
  return `import os
import requests

client_id = "${s.clientId}"
client_secret = os.environ["CLIENT_SECRET"]  # from My Applications
refresh_token = load_refresh_token()  # the latest one you stored

# 1. Refresh: each use returns a new refresh token (rotation) — store it before anything else
tokens = requests.post(
    "${token}",
    auth=(client_id, client_secret),
    data={"grant_type": "refresh_token", "refresh_token": refresh_token},
).json()
save_refresh_token(tokens["refresh_token"])

# 2. Call the API
res = requests.get("${s.apiUrl}", headers={"Authorization": f"Bearer {tokens['access_token']}"})
print(res.status_code, res.json())`;
}
