"use client";
// /company/sso: the OpenID Connect connection ("Issuer URL", "Client ID", "Client secret", "Default
// roles", group → role mapping), the SAML 2.0 connection ("IdP metadata XML"), "Test connection" and
// "Remove connection".
import { useActionState } from "react";
import { FormMessage } from "@/components/companies/form-message";
import { SubmitButton } from "@/components/ui/button";
import { Checkbox, CheckboxGroup, Field, TextareaField } from "@/components/ui/field";
import { OneButtonForm } from "@/components/ui/one-button-form";
import {
  type ConnectionFormState,
  removeConnectionAction,
  saveOidcConnectionAction,
  saveSamlConnectionAction,
  testConnectionAction,
} from "@/lib/actions/sso";

type Roles = { value: string; label: string }[];

/** A connection form's state: its errors, and each field's value (kept after a failure, else the saved one). */
function useConnectionForm<V extends { defaultRoles: string[] }>(
  save: (prev: ConnectionFormState, form: FormData) => Promise<ConnectionFormState>,
  current: V | null,
) {
  const [state, action] = useActionState<ConnectionFormState, FormData>(save, {});
  const failed = state.ok === false;
  const value = (name: keyof V & string) => (failed ? state.values?.[name] : (current?.[name] as string | undefined));
  return {
    state,
    action,
    errors: state.fieldErrors ?? {},
    checked: failed && state.keepRoles ? state.keepRoles : (current?.defaultRoles ?? ["API_DEVELOPER"]),
    value,
    /** A field's name, errors and value, to spread on it. */
    bind: (name: keyof V & string) => ({ name, errors: state.fieldErrors?.[name], defaultValue: value(name) }),
  };
}

/** The frame of a connection form: its outcome above the fields, its save button below. */
function ConnectionForm({
  state,
  action,
  submit,
  pendingLabel,
  children,
}: {
  state: ConnectionFormState;
  action: (form: FormData) => void;
  submit: string;
  pendingLabel: string;
  children: React.ReactNode;
}) {
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate>
      <FormMessage state={state} />
      {children}
      <SubmitButton pendingLabel={pendingLabel}>{submit}</SubmitButton>
    </form>
  );
}

/** "Default roles" of the OIDC and SAML connections (`<prefix>-role-<ROLE>`, `<prefix>-roles-error`). */
function DefaultRolesFieldset({ prefix, roles, checked, errors }: { prefix: string; roles: Roles; checked: string[]; errors?: string[] }) {
  return (
    <CheckboxGroup
      legend="Default roles"
      hint="What people get when they first arrive through your identity provider."
      hintId={`${prefix}-roles-hint`}
      errorId={`${prefix}-roles-error`}
      errors={errors}
    >
      {roles.map((r) => (
        <Checkbox
          key={`${r.value}-${checked.join()}`}
          id={`${prefix}-role-${r.value}`}
          name="defaultRoles"
          value={r.value}
          label={r.label}
          defaultChecked={checked.includes(r.value)}
        />
      ))}
    </CheckboxGroup>
  );
}

/** "Group to role mapping": one line per group of the provider, added to the default roles. */
function GroupMappingField({ id, hint, errors, defaultValue }: { id: string; hint: string; errors?: string[]; defaultValue?: string }) {
  return (
    <TextareaField
      id={id}
      label="Group to role mapping"
      name="groupRoles"
      rows={3}
      mono
      hint={hint}
      errors={errors}
      defaultValue={defaultValue}
    />
  );
}

/** "IdP metadata XML": the SAML connection's metadata, on /company/sso/saml and on /company/sso itself. */
function MetadataField(props: { id: string; rows: number; hint: string; errors?: string[]; defaultValue?: string }) {
  return <TextareaField label="IdP metadata XML" name="samlMetadata" mono {...props} />;
}

export interface OidcFormValues {
  issuer: string;
  clientId: string;
  hasClientSecret: boolean;
  defaultRoles: string[];
  groupRoles: string;
}

export function OidcConnectionForm({ current, roles }: { current: OidcFormValues | null; roles: Roles }) {
  const { state, action, errors, checked, value, bind } = useConnectionForm(saveOidcConnectionAction, current);
  return (
    <ConnectionForm state={state} action={action} submit="Save connection" pendingLabel="Checking the provider…">
      <Field
        id="oidc-issuer"
        label="Issuer URL"
        {...bind("issuer")}
        type="url"
        required
        maxLength={500}
        placeholder="https://login.example.com"
      />
      <Field id="oidc-client-id" label="Client ID" {...bind("clientId")} required maxLength={500} />
      <Field
        id="oidc-client-secret"
        label="Client secret"
        name="clientSecret"
        type="password"
        autoComplete="off"
        maxLength={2000}
        required={!current?.hasClientSecret}
        hint={current?.hasClientSecret ? "Stored encrypted. Leave empty to keep it." : undefined}
        errors={errors.clientSecret}
      />
      <DefaultRolesFieldset prefix="oidc" roles={roles} checked={checked} errors={errors.defaultRoles} />
      <GroupMappingField
        id="oidc-groups"
        hint="Optional. One line per group of the groups claim: “engineering = API Developer”. Added to the default roles."
        errors={errors.groupRoles}
        defaultValue={value("groupRoles")}
      />
    </ConnectionForm>
  );
}

// The buttons of a connection (its id goes in `connectionId`).
const CONNECTION_BUTTONS = {
  test: { action: testConnectionAction, label: "Test connection", pendingLabel: "Opening the provider…" },
  remove: { action: removeConnectionAction, variant: "danger", label: "Remove connection", pendingLabel: "Removing…", failureOnly: true },
} as const;

export function TestConnectionForm({ connectionId }: { connectionId: string }) {
  return <OneButtonForm {...CONNECTION_BUTTONS.test} name="connectionId" value={connectionId} />;
}

export function RemoveConnectionForm({ connectionId, label }: { connectionId: string; label: string }) {
  return (
    <OneButtonForm {...CONNECTION_BUTTONS.remove} name="connectionId" value={connectionId} ariaLabel={`Remove the ${label} connection`} />
  );
}

export interface SamlFormValues {
  samlMetadata: string;
  groupsAttribute: string;
  defaultRoles: string[];
  groupRoles: string;
}

/** The SAML 2.0 connection: "IdP metadata XML", "Default roles", the groups attribute and mapping. */
export function SamlConnectionForm({ current, roles }: { current: SamlFormValues | null; roles: Roles }) {
  const { state, action, errors, checked, value, bind } = useConnectionForm(saveSamlConnectionAction, current);
  return (
    <ConnectionForm state={state} action={action} submit="Save SAML connection" pendingLabel="Saving…">
      <MetadataField
        id="saml-metadata"
        rows={6}
        errors={errors.samlMetadata}
        defaultValue={value("samlMetadata")}
        hint="The federation metadata document of your identity provider (Entra ID: “Federation Metadata XML”; Okta: “Identity Provider metadata”). Leave empty on the first save to get the console's addresses."
      />
      <DefaultRolesFieldset prefix="saml" roles={roles} checked={checked} errors={errors.defaultRoles} />
      <Field
        id="saml-groups-attribute"
        label="Groups attribute"
        {...bind("groupsAttribute")}
        maxLength={300}
        placeholder="http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"
        hint="Optional. The assertion attribute that lists the person's groups (needed for the mapping below)."
      />
      <GroupMappingField
        id="saml-groups"
        hint="Optional. One line per group: “engineering = API Developer”. Added to the default roles."
        errors={errors.groupRoles}
        defaultValue={value("groupRoles")}
      />
    </ConnectionForm>
  );
}

/**
 * "IdP metadata XML" on /company/sso itself: pasting the provider's metadata there saves the SAML connection
 * with its other settings as they are (default roles, groups attribute and mapping are edited on
 * /company/sso/saml; a new connection starts with API Developer as its default role).
 */
export function SamlMetadataForm({ current }: { current: SamlFormValues | null }) {
  const { state, action, errors, value } = useConnectionForm(saveSamlConnectionAction, current);
  const roles = current?.defaultRoles.length ? current.defaultRoles : ["API_DEVELOPER"];
  return (
    <ConnectionForm state={state} action={action} submit="Save SAML metadata" pendingLabel="Saving…">
      <MetadataField
        id="sso-saml-metadata"
        rows={4}
        hint="Your identity provider's federation metadata document. Default roles and group mapping: “Edit the SAML connection”."
        errors={errors.samlMetadata ?? errors.defaultRoles ?? errors.groupRoles ?? errors.groupsAttribute}
        defaultValue={value("samlMetadata")}
      />
      {roles.map((r) => (
        <input key={r} type="hidden" name="defaultRoles" value={r} />
      ))}
      <input type="hidden" name="groupsAttribute" value={current?.groupsAttribute ?? ""} />
      <input type="hidden" name="groupRoles" value={current?.groupRoles ?? ""} />
    </ConnectionForm>
  );
}
