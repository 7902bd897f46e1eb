#!/usr/bin/env node
// `npx api-console`: the management API's command line (cli/main.ts), run through tsx.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
