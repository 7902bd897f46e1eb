// Telling a dependency outage (database or network unreachable) from a bug, so the token service and
// the APIs answer 503 + Retry-After rather than a 500. Pure: no imports.

/** Seconds a client is asked to wait after a 503. */
export const RETRY_AFTER_SECONDS = 5;

// read-only
const UNAVAILABLE_CODES = new Set([
  // Prisma: cannot reach / timed out / server closed the connection / pool timeout.
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  // Node sockets.
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EPIPE",
  "EAI_AGAIN",
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now, too many connections.
  "57P01",
  "57P02",
  "57P03",
  "53300",
  // SQLite: busy, locked, cannot open, I/O error.
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_CANTOPEN",
  "SQLITE_IOERR",
  "SQLITE_READONLY",
]); // read-only
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "DatabaseAccessDenied",
]);
const UNAVAILABLE_TEXT =
  /can't reach database|connection terminated|connection refused|ECONNREFUSED|database is locked|unable to open database|Cannot open database|timed out fetching a new connection|server closed the connection|Connection closed/i;

/** True when `error` (or one of its causes) says a dependency is unreachable rather than a bug. */
export function isUnavailableError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 6) return false;
  const e = error as {
    code?: unknown;
    errorCode?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    kind?: unknown;
    originalCode?: unknown;
  };
  for (const c of [e.code, e.errorCode, e.originalCode]) if (typeof c === "string" && UNAVAILABLE_CODES.has(c)) return true;
  if (typeof e.kind === "string" && UNAVAILABLE_KINDS.has(e.kind)) return true;
  if (e.name === "PrismaClientInitializationError") return true;
  if (typeof e.message === "string" && UNAVAILABLE_TEXT.test(e.message)) return true;
  if (e.cause && isUnavailableError(e.cause, depth + 1)) return true;
  if (Array.isArray((error as { errors?: unknown }).errors))
    return (error as { errors: unknown[] }).errors.some((x) => isUnavailableError(x, depth + 1));
  return false;
}
