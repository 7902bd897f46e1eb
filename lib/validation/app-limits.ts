// Limits of an app's fields, without zod: the app page's client forms (components/apps/manage-forms.tsx)
// import these, and lib/validation/app-registration.ts re-exports them for its schemas.
export const NAME_MAX = 100;
export const DESCRIPTION_MAX = 1000;

/** Grace periods offered when rotating a secret (hours the old secret keeps working). */
export const ROTATION_GRACE_HOURS = [0, 1, 24, 72, 168] as const;
export const DEFAULT_ROTATION_GRACE_HOURS = 24;
