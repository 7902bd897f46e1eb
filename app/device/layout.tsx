// The /device page (RFC 8628) shares the consent pages' frame: one layout serves both.
export { default } from "../oauth2/layout";
