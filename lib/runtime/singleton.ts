// One copy of each piece of process state, however often lib/ is loaded. lib/ is loaded twice in the
// server: once inside the Next.js bundle (pages, route handlers, server actions) and once by
// scripts/serve.ts under tsx (the fast paths). A module that keeps state — a cache, a buffer, a
// limiter, a metrics registry — asks for it here by a name, so both copies share one object.
// tests/runtime/singleton.test.ts fails when a module in lib/ keeps mutable state at module level
// outside singleton().
const KEY = Symbol.for("api-console.singletons");

type Store = Map<string, unknown>;

function store(): Store {
  const g = globalThis as unknown as Record<symbol, Store | undefined>;
  return (g[KEY] ??= new Map());
}

/** The process-wide object called `name`, created by `create` on first use. */
export function singleton<T>(name: string, create: () => T): T {
  const s = store();
  if (!s.has(name)) s.set(name, create());
  return s.get(name) as T;
}

/** Replaces (or, with undefined, forgets) the object called `name` (tests, reconfiguration). */
export function replaceSingleton<T>(name: string, value: T | undefined): void {
  if (value === undefined) store().delete(name);
  else store().set(name, value);
}

/** The names of the objects created so far (tests). */
export function singletonNames(): string[] {
  return [...store().keys()];
}
