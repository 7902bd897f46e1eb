import "server-only";
// The APIs this console itself serves, by path: the only targets of "Try it" from an API reference
// (never a host named in an uploaded OpenAPI document). Each handler is the route's own.
import { handleHello } from "./hello";

export const CONSOLE_API_HANDLERS: Readonly<Record<string, (request: Request) => Promise<Response>>> = {
  "/api/hello": handleHello,
};

/** The handler for a path the console serves, or null. */
export function consoleApiHandler(path: string): ((request: Request) => Promise<Response>) | null {
  return Object.hasOwn(CONSOLE_API_HANDLERS, path) ? CONSOLE_API_HANDLERS[path]! : null;
}
