// POST: leaked-secret reports in the format of GitHub's secret scanning partner program, verified with
// the keys of CONSOLE_SECRET_SCANNING_KEYS (lib/secret-scanning). No session: the signature is the check.
import { handle, json } from "@/lib/http";
import { readBoundedText } from "@/lib/http/body";
import { receiveGithubReports } from "@/lib/secret-scanning/reports";

export function POST(request: Request): Promise<Response> {
  return handle(async () => {
    const body = await readBoundedText(request);
    const feedback = await receiveGithubReports({
      body,
      keyIdentifier: request.headers.get("github-public-key-identifier"),
      signature: request.headers.get("github-public-key-signature"),
    });
    return json(feedback);
  });
}
