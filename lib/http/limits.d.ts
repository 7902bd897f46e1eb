export interface BodyLimitRule {
  readonly path: string;
  readonly prefix?: boolean;
  readonly bytes: number;
  readonly why: string;
}
export declare const BODY_LIMITS: readonly BodyLimitRule[];
export declare const REQUEST_LIMITS: Readonly<{
  urlBytes: number;
  headerBytes: number;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
}>;
export declare function bodyLimitFor(pathname: string): number;
export declare function serverActionBodyLimit(): number;
