export declare const SECURITY_HEADERS: Readonly<Record<string, string>>;
export declare const AUTHORIZE_PAGE_HEADERS: Readonly<Record<string, string>>;
export declare const HSTS_VALUE: string;
export declare function hstsHeaders(consoleUrl: string | undefined): Record<string, string>;
export declare function contentSecurityPolicy(nonce: string, dev: boolean): string;
export declare function nextHeaderRules(): { source: string; headers: { key: string; value: string }[] }[];
export declare function securityHeaderRecord(consoleUrl: string | undefined): Record<string, string>;
