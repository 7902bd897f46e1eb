// What the SAML forms show as the saved connection, on /company/sso and on /company/sso/saml alike.
import type { SamlFormValues } from "@/components/sso/connection-forms";
import { formatGroupRoles } from "@/lib/sso/connections";
import type { SamlConnectionView } from "@/lib/sso/saml";

export function samlFormValues(saml: SamlConnectionView | null): SamlFormValues | null {
  return saml
    ? {
        samlMetadata: saml.metadataXml,
        groupsAttribute: saml.groupsAttribute,
        defaultRoles: saml.defaultRoles,
        groupRoles: formatGroupRoles(saml.groupRoles),
      }
    : null;
}
