import { type Static, type TSchema, type TUnsafe, Type } from "@sinclair/typebox";
import { operationTypes } from "@xmpp-host/queue";

export const DateTime = Type.Unsafe<Date | string>({ type: "string", format: "date-time" });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/**
 * The same schema, also taking null. Written as `type: [T, "null"]` rather than anyOf: with type coercion on, Ajv
 * would turn false into null (or null into false) while trying the branches of an anyOf.
 */
export function orNull<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const s = schema as { type?: string; anyOf?: TSchema[] };
  if (s.anyOf) {
    const members = s.anyOf.filter((m) => (m as { type?: string }).type !== "null");
    const consts = members.map((m) => (m as { const?: unknown }).const);
    if (consts.every((c) => typeof c === "string")) {
      const { anyOf: _, ...rest } = schema as unknown as Record<string, unknown>;
      return Type.Unsafe({ ...rest, type: ["string", "null"], enum: [...consts, null] });
    }
    const [only] = members;
    if (members.length === 1 && only)
      return orNull({ ...only, description: (schema as TSchema).description } as TSchema) as TUnsafe<Static<T> | null>;
    throw new TypeError("orNull: unsupported union");
  }
  return Type.Unsafe({ ...schema, type: [s.type, "null"] });
}

const NullableDate = Type.Unsafe<Date | string | null>({ type: ["string", "null"], format: "date-time" });

/** Every id the API hands out (cuids) has this shape; anything else is refused before a lookup. */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_-]+$" });

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String({ description: "In English" })),
    code: Type.String({ description: "What kind of refusal, for clients to translate: docs/api.md" }),
    reason: Type.Optional(
      Type.String({ description: "Why, finer than code, when no field is named (needs_admin...): docs/api.md" }),
    ),
    params: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
        description: "The values the reason's text needs",
      }),
    ),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          message: Type.String({ description: "In English" }),
          code: Type.Optional(Type.String({ description: "Why, for clients to translate: docs/api.md" })),
          params: Type.Optional(
            Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
              description: "The values the code's text needs, such as { min: 10 }",
            }),
          ),
        }),
      ),
    ),
  },
  { $id: "Problem" },
);

export const PageQuery = Type.Object({
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_-]+$" })),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});
export type PageQuery = Static<typeof PageQuery>;

export const WaitQuery = Type.Object({
  wait: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 300,
      description: "Hold the answer up to this many seconds until the operation ends.",
    }),
  ),
});

export const page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const Operation = Type.Object(
  {
    id: Type.String(),
    // An enum in the OpenAPI document, so that the dashboard's type check demands a label for every type.
    type: Type.Unsafe<string>({ type: "string", enum: [...operationTypes] }),
    status: Type.Union([
      Type.Literal("queued"),
      Type.Literal("running"),
      Type.Literal("succeeded"),
      Type.Literal("failed"),
    ]),
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    step: Nullable(Type.String()),
    tenantId: Nullable(Type.String()),
    resourceType: Type.String(),
    resourceId: Type.String(),
    attempts: Type.Integer(),
    result: Type.Optional(Type.Unknown()),
    error: Type.Optional(Type.Unknown()),
    createdAt: DateTime,
    startedAt: NullableDate,
    finishedAt: NullableDate,
  },
  { $id: "Operation" },
);

const ResourceState = Type.Union([
  Type.Literal("pending"),
  Type.Literal("active"),
  Type.Literal("deleting"),
  Type.Literal("failed"),
]);
export const Registration = Type.Union(
  [Type.Literal("closed"), Type.Literal("invite"), Type.Literal("open"), Type.Literal("approval")],
  { description: "approval: open sign-ups wait until an admin approves them" },
);
export const RoleSchema = Type.Union([Type.Literal("owner"), Type.Literal("admin"), Type.Literal("viewer")]);

export const Tenant = Type.Object({
  id: Type.String(),
  name: Type.String(),
  accountQuota: Type.Integer(),
  createdAt: DateTime,
  role: Type.Optional(RoleSchema),
});

export const Member = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  createdAt: DateTime,
});

export const ServerFeatures = Type.Object(
  {
    inBandInvites: Type.Boolean({
      description: "the server keeps invite tokens itself (XEP-0401), so apps can register from an invite link",
    }),
    domainBackups: Type.Boolean({ description: "each domain can be backed up and restored on its own" }),
  },
  { description: "what this server kind can do; the dashboard names what it cannot" },
);

export const Instance = Type.Object({
  id: Type.String(),
  tenantId: Nullable(Type.String()),
  name: Type.String(),
  server: Type.Union([Type.Literal("prosody"), Type.Literal("ejabberd")]),
  features: ServerFeatures,
  runtime: Type.String(),
  placement: Type.String(),
  version: Nullable(Type.String()),
  status: Type.String(),
  desiredState: Type.String(),
  lastError: Nullable(Type.String()),
  endpoints: Type.Object({
    host: Type.String(),
    // Null until the server first starts: the worker gives its ports then.
    c2sPort: Nullable(Type.Integer()),
    s2sPort: Nullable(Type.Integer()),
    httpPort: Nullable(Type.Integer()),
    directTlsPort: Nullable(
      Type.Integer({ description: "Direct TLS for chat apps (XEP-0368); null until the next start" }),
    ),
    httpsPort: Nullable(
      Type.Integer({ description: "WebSocket, BOSH and host-meta for web clients; null until the next start" }),
    ),
  }),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const Domain = Type.Object({
  id: Type.String(),
  name: Type.String(),
  tenantId: Type.String(),
  instanceId: Nullable(
    Type.String({
      description: "null on a shared server, which belongs to the platform (named to operators reading one domain)",
    }),
  ),
  placement: Type.Union([Type.Literal("dedicated"), Type.Literal("shared")]),
  features: ServerFeatures,
  freeAddress: Type.Boolean({ description: "a free address under the platform's base domain" }),
  limits: Nullable(
    Type.Object(
      {
        maxAccounts: Type.Integer(),
        uploadQuotaMb: Type.Integer(),
        archiveDays: Type.Integer({ description: "days that message archives are kept" }),
      },
      { description: "the platform's limits for a domain on a shared server" },
    ),
  ),
  registration: Registration,
  state: ResourceState,
  chat: Type.Union(
    ["available", "setting_up", "stopped", "unavailable", "deleting", "failed"].map((s) => Type.Literal(s)),
    { description: "whether people can chat on the domain now: its own state and its server's, in one word" },
  ),
  verified: Type.Boolean(),
  services: Type.Object({ muc: Type.String(), upload: Type.String() }),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const Account = Type.Object({
  id: Type.String(),
  jid: Type.String(),
  localpart: Type.String(),
  domainId: Type.String(),
  state: ResourceState,
  origin: Type.String({ description: "platform, or server when found by sync (made from a client)" }),
  lastSeenOnServerAt: Type.Unsafe<Date | string | null>({
    type: ["string", "null"],
    format: "date-time",
    description: "When sync last found it on the server; an old value means drift.",
  }),
  suspendedAt: Type.Unsafe<Date | string | null>({
    type: ["string", "null"],
    format: "date-time",
    description: "Set while the account is suspended: it cannot log in, and keeps its password and data.",
  }),
  suspendedReason: Nullable(Type.String({ description: "Why it was suspended, as the admin wrote it." })),
  createdAt: DateTime,
});

export const Room = Type.Object({
  id: Type.String(),
  jid: Type.String(),
  name: Type.String(),
  domainId: Type.String(),
  title: Type.String(),
  membersOnly: Type.Boolean(),
  persistent: Type.Boolean(),
  public: Type.Boolean(),
  members: Type.Array(Type.String()),
  state: ResourceState,
  origin: Type.String(),
  createdAt: DateTime,
});

export const problemResponses = {
  400: Type.Ref(Problem),
  401: Type.Ref(Problem),
  403: Type.Ref(Problem),
  404: Type.Ref(Problem),
  409: Type.Ref(Problem),
};

/** The answer of a route whose operation leaves nothing else to show (a deletion, a check). */
export const OperationOnly = Type.Object({ operation: Operation });

export const IrcGateway = Type.Object({
  domainId: Type.String(),
  /** The gateway's address: irc.DOMAIN. */
  address: Type.String(),
  enabled: Type.Boolean(),
  state: Nullable(ResourceState),
  lastError: Nullable(Type.String()),
  /** A channel address as people type it: #channel%irc.server@irc.DOMAIN. */
  example: Type.String(),
  /** Per gateway: IRC networks and connections at once. */
  limits: Type.Object({ maxServers: Type.Integer(), maxConnections: Type.Integer() }),
  /** Whether the domain's server can run one. */
  available: Type.Optional(Type.Boolean()),
});

/** The answers of a route that starts an operation: 202 while it runs, 200 once `?wait` saw it end. */
export const replies = <T extends TSchema>(body: T) => ({ 200: body, 202: body, ...problemResponses });
/** The same for a route that creates something: 201 once its operation ended. */
export const creations = <T extends TSchema>(body: T) => ({ 201: body, 202: body, ...problemResponses });

export const InviteStatus = Type.Union([
  Type.Literal("active"),
  Type.Literal("expired"),
  Type.Literal("used_up"),
  Type.Literal("revoked"),
]);

export const Invite = Type.Object({
  id: Type.String(),
  domainId: Type.String(),
  domain: Type.String({ description: "The domain's name" }),
  token: Type.String(),
  url: Type.String({ description: "The web landing page: WEB_PUBLIC_URL/join/TOKEN" }),
  uri: Nullable(
    Type.String({
      description:
        "XEP-0401 URI for XMPP clients with in-band registration; null where the server cannot take invite tokens in-band (ejabberd 23.01): the web link is then the way in",
    }),
  ),
  maxUses: Type.Integer(),
  uses: Type.Integer(),
  rooms: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), title: Type.String(), jid: Type.String() })),
  inviter: Nullable(Type.String({ description: "Bare JID added as a mutual contact of each new account" })),
  expiresAt: DateTime,
  revokedAt: NullableDate,
  status: InviteStatus,
  createdAt: DateTime,
});

/** How a domain presents itself on its public pages; every field null where it chose nothing. */
export const Branding = Type.Object({
  name: Nullable(Type.String({ description: "The name to show instead of the domain's" })),
  accentColor: Nullable(Type.String({ description: "#rrggbb" })),
  logoUrl: Nullable(Type.String({ description: "Path of the logo, under the web app's /api" })),
});

export const PublicInvite = Type.Object({
  status: InviteStatus,
  domain: Type.String(),
  tenantName: Type.String(),
  rooms: Type.Array(Type.Object({ name: Type.String(), title: Type.String(), jid: Type.String() })),
  inviter: Nullable(Type.String()),
  expiresAt: DateTime,
  url: Type.String({ description: "WEB_PUBLIC_URL/join/TOKEN: this page, for a computer to hand over to a phone" }),
  uri: Nullable(Type.String({ description: "null where the server cannot take invite tokens in-band" })),
  maxUses: Type.Integer(),
  uses: Type.Integer(),
  branding: Branding,
});

export const MemberInvite = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  token: Type.String(),
  url: Type.String({ description: "WEB_PUBLIC_URL/accept/TOKEN" }),
  role: RoleSchema,
  email: Type.Union([Type.String(), Type.Null()], {
    description: "The address the invitation was sent to; only the user with that email may accept it",
  }),
  status: InviteStatus,
  expiresAt: DateTime,
  acceptedAt: NullableDate,
  revokedAt: NullableDate,
  createdAt: DateTime,
});

export const RegistrationBody = Type.Object({
  username: Type.String({ maxLength: 1023 }),
  password: Type.String({ maxLength: 1024 }),
});

export const goneResponses = {
  410: Type.Ref(Problem),
  422: Type.Ref(Problem),
  429: Type.Ref(Problem),
};
