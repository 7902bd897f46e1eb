// Work that is done now when what it needs is in memory, later when it must wait (a database read, a
// Redis round trip). A function returning MaybePromise<T> answers a value at once or a promise of it;
// the helpers below chain such steps so that a chain stays synchronous until a step has to wait, and
// then continues asynchronously from that step on. The token endpoint runs every request through one
// such chain (lib/oauth/client-endpoint.ts, token-endpoint.ts): a cached client, the memory limiter and
// a cached signing key make it answer in the tick the request's body ended; anything else awaits, with
// the same steps in the same order.

export type MaybePromise<T> = T | Promise<T>;

/** True for a promise (or any thenable, such as Prisma's lazy queries). */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** `next(value)` now when the value is ready, else when it is. */
export function andThen<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromise(value) ? value.then(next) : next(value);
}

/** `run()`, and `recover(error)` when it throws now or its promise rejects later. */
export function attempt<T>(run: () => MaybePromise<T>, recover: (error: unknown) => MaybePromise<T>): MaybePromise<T> {
  let result: MaybePromise<T>;
  try {
    result = run();
  } catch (error) {
    return recover(error);
  }
  return isPromise(result) ? result.then(undefined, recover) : result;
}

/** One named step of a pipeline: it reads and fills the request's context, or throws to refuse it. */
export type Step<C> = (context: C) => MaybePromise<void>;

/** Runs the steps in order on one context: synchronously until a step returns a promise. */
export function runSteps<C>(steps: readonly Step<C>[], context: C, from = 0): MaybePromise<void> {
  for (let i = from; i < steps.length; i++) {
    const done = steps[i]!(context);
    if (isPromise(done)) return done.then(() => runSteps(steps, context, i + 1));
  }
}
