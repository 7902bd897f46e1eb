// SCIM 2.0 discovery (RFC 7644 section 4, RFC 7643 sections 5-7): what this service provider supports,
// its resource types and the schemas of Users and Groups as this console keeps them. Pure: the base
// URL comes from the caller. Served without a token: it names nothing of any company.
export const SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
export const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
export const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

/** The largest page a list answers (`count` is capped to it). */
export const MAX_RESULTS = 200;

export function serviceProviderConfig(baseUrl: string, docsUrl: string) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: docsUrl,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description: "The SCIM token a Delegated Administrator generates on the Single sign-on page, sent as Authorization: Bearer.",
        documentationUri: docsUrl,
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

const resourceType = (baseUrl: string, id: "User" | "Group") => ({
  schemas: [RESOURCE_TYPE_SCHEMA],
  id,
  name: id,
  endpoint: `/${id}s`,
  description: id === "User" ? "A person of the company (active = a member)" : "A group: its name maps to console roles",
  schema: id === "User" ? USER : GROUP,
  meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/${id}` },
});

type Attr = {
  name: string;
  type: string;
  multiValued?: boolean;
  required?: boolean;
  mutability?: string;
  uniqueness?: string;
  subAttributes?: Attr[];
};
const attr = (a: Attr): Record<string, unknown> => ({
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  description: a.name,
  ...a,
  ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attr) } : {}),
});

function schemaOf(baseUrl: string, id: string) {
  const user = id === USER;
  return {
    schemas: [SCHEMA_SCHEMA],
    id,
    name: user ? "User" : "Group",
    description: user ? "User Account" : "Group",
    attributes: (user
      ? [
          { name: "userName", type: "string", required: true, uniqueness: "server" },
          { name: "externalId", type: "string" },
          { name: "displayName", type: "string" },
          {
            name: "name",
            type: "complex",
            subAttributes: [
              { name: "formatted", type: "string" },
              { name: "givenName", type: "string" },
              { name: "familyName", type: "string" },
            ],
          },
          {
            name: "emails",
            type: "complex",
            multiValued: true,
            subAttributes: [
              { name: "value", type: "string" },
              { name: "type", type: "string" },
              { name: "primary", type: "boolean" },
            ],
          },
          { name: "active", type: "boolean" },
        ]
      : [
          { name: "displayName", type: "string", required: true, uniqueness: "server" },
          { name: "externalId", type: "string" },
          {
            name: "members",
            type: "complex",
            multiValued: true,
            subAttributes: [
              { name: "value", type: "string", mutability: "immutable" },
              { name: "display", type: "string", mutability: "readOnly" },
              { name: "$ref", type: "reference", mutability: "immutable" },
            ],
          },
        ]
    ).map(attr),
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${id}` },
  };
}

const list = (resources: unknown[]) => ({
  schemas: [LIST],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});

export const resourceTypes = (baseUrl: string) => list([resourceType(baseUrl, "User"), resourceType(baseUrl, "Group")]);
export const schemas = (baseUrl: string) => list([schemaOf(baseUrl, USER), schemaOf(baseUrl, GROUP)]);
