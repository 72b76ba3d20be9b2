import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { type Static, type TUnsafe, Type } from "@sinclair/typebox";
import {
  deleteDomainLogo,
  fileRetentions,
  getDomainSettings,
  historyRetentions,
  logoPath,
  MAX_FEDERATION_ALLOWLIST,
  MAX_INSECURE_PARTNERS,
  MAX_MEMBER_INVITES_PER_WEEK,
  type SettingsView,
  setDomainLogo,
  setExtraOptions,
  updateDomainSettings,
} from "@xmpp-host/core";
import { actorOf } from "../../../plugins/auth.ts";
import { Id, Nullable, Operation, orNull, problemResponses, replies, WaitQuery } from "../../../schemas.ts";

const Params = Type.Object({ domainId: Id });
const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o).map((k) => Type.Literal(k));

const Contact = Type.String({ maxLength: 320, description: "mailto:, xmpp: or https:// address" });
const settingFields = {
  historyEnabled: Type.Boolean({ description: "Keep message history (personal and group chats) on the server" }),
  historyRetention: Type.Union(keys(historyRetentions), { description: "How long history is kept" }),
  filesEnabled: Type.Boolean({ description: "Offer shared files (HTTP upload); off removes the upload service" }),
  fileMaxBytes: Type.Integer({ description: "The largest file one may share, in bytes" }),
  fileQuotaPerDayBytes: Type.Integer({ description: "What one person may share per day, in bytes" }),
  fileRetention: Type.Union(keys(fileRetentions), { description: "How long shared files are kept" }),
  pushIncludeSender: Type.Boolean({ description: "Push notifications may say who wrote" }),
  pushIncludeBody: Type.Boolean({ description: "Push notifications may carry the message text" }),
  tlsProfile: Type.Union([Type.Literal("modern"), Type.Literal("intermediate")], {
    description: "modern: TLS 1.3 only; intermediate: TLS 1.2 and later",
  }),
  welcomeMessage: Nullable(Type.String({ maxLength: 1000, description: "Sent to each new account" })),
  abuseAddresses: Type.Array(Contact, { maxItems: 5, description: "Where to report abuse (XEP-0157)" }),
  supportAddresses: Type.Array(Contact, { maxItems: 5, description: "Where to ask for help (XEP-0157)" }),
  brandName: Nullable(Type.String({ maxLength: 60, description: "The name invite and registration pages show" })),
  brandColor: Nullable(Type.String({ pattern: "^#[0-9a-fA-F]{6}$", description: "Accent colour, #rrggbb" })),
  websiteUrl: Nullable(Type.String({ maxLength: 500, description: "https:// address of the community's website" })),
  legalNoticeUrl: Nullable(Type.String({ maxLength: 500, description: "https:// address of the legal notice" })),
  federation: Type.Union([Type.Literal("open"), Type.Literal("allowlist"), Type.Literal("closed")], {
    description: "Who people may talk to on other servers: everyone, only the listed domains, or nobody",
  }),
  federationAllowlist: Type.Array(Type.String({ maxLength: 253 }), {
    maxItems: MAX_FEDERATION_ALLOWLIST,
    description: "With allowlist: the other domains allowed (their group chats and services with them)",
  }),
  federationPlatformDomains: Type.Boolean({
    description: "With allowlist: the platform's free addresses are allowed too",
  }),
  federationInsecurePartners: Type.Array(Type.String({ maxLength: 253 }), {
    maxItems: MAX_INSECURE_PARTNERS,
    description:
      "Other domains accepted without a valid certificate. Risk: they are trusted by dialback alone, which anyone who can tamper with DNS between the servers can fake",
  }),
  memberInvitesPerWeek: Type.Integer({
    description: `Invites each member may create in their chat app that let someone register, per rolling 7 days (0 to ${MAX_MEMBER_INVITES_PER_WEEK}; admins are not limited). 0: members' invites only add them as a contact. Prosody only: refused (not_offered) on ejabberd`,
  }),
};
const Settings = Type.Object(settingFields);
const SettingName = Type.Union(keys(settingFields));

/** A change: each named setting takes the value given, or goes back to its default with null. */
const SettingsPatch = Type.Partial(
  Type.Object(
    Object.fromEntries(Object.entries(settingFields).map(([k, v]) => [k, orNull(v)])) as {
      [K in keyof typeof settingFields]: TUnsafe<Static<(typeof settingFields)[K]> | null>;
    },
  ),
  { additionalProperties: false },
);

type OptionValueType = boolean | number | string | string[];
// One `type` list rather than anyOf, so that type coercion leaves each value as it came (5 stays a number).
const OptionValue = Type.Unsafe<OptionValueType>({
  type: ["boolean", "number", "string", "array"],
  items: { type: "string" },
});
const OptionValueOrNull = Type.Unsafe<OptionValueType | null>({
  type: ["boolean", "number", "string", "array", "null"],
  items: { type: "string" },
});
const SettingsReply = Type.Object({
  settings: Settings,
  defaults: Settings,
  changed: Type.Array(SettingName, { description: "Settings that differ from their defaults by the domain's choice" }),
  ceilings: Type.Object({
    fileMaxBytes: Type.Integer({ description: "The platform's limit on one file, for this domain's server" }),
    maxDays: Nullable(Type.Integer({ description: "How long history and files may be kept at most; null: for ever" })),
  }),
  logoUrl: Nullable(Type.String({ description: "Where the domain's logo is served; null without one" })),
  serverOptions: Type.Record(Type.String(), OptionValue, {
    description: "Options an operator added to the domain's server configuration",
  }),
  operation: Nullable(Operation),
});

function shape(
  domainName: string,
  view: SettingsView,
  logo: { sha256: string } | null,
  serverOptions: Record<string, Static<typeof OptionValue>>,
) {
  return {
    settings: view.settings,
    defaults: view.defaults,
    changed: view.changed,
    ceilings: view.ceilings,
    logoUrl: logo ? logoPath(domainName, logo.sha256) : null,
    serverOptions,
  };
}

export const domainSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/domains/:domainId/settings",
    {
      schema: {
        operationId: "getDomainSettings",
        tags: ["domain-settings"],
        summary: "What the domain chose (history, files, push, security, welcome, contacts, branding) and the defaults",
        params: Params,
        response: { 200: SettingsReply, ...problemResponses },
      },
    },
    async (request) => {
      const { domain, view, logo, extraOptions } = await getDomainSettings(
        app.core,
        actorOf(request),
        request.params.domainId,
      );
      return { ...shape(domain.name, view, logo, extraOptions), operation: null };
    },
  );

  app.patch(
    "/domains/:domainId/settings",
    {
      schema: {
        operationId: "updateDomainSettings",
        tags: ["domain-settings"],
        summary: "Change settings (null resets one to its default); the server takes them live, without a restart",
        params: Params,
        querystring: WaitQuery,
        body: SettingsPatch,
        response: replies(SettingsReply),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { domainId } = request.params;
      const { operation } = await updateDomainSettings(app.core, actor, domainId, request.body);
      const current = async () => {
        const { domain, view, logo, extraOptions } = await getDomainSettings(app.core, actor, domainId);
        return shape(domain.name, view, logo, extraOptions);
      };
      if (!operation) return reply.status(200).send({ ...(await current()), operation: null });
      return app.answer(reply, { operation }, request.query.wait, {
        reload: current,
        body: (now) => now ?? {},
      });
    },
  );

  app.put(
    "/domains/:domainId/logo",
    {
      schema: {
        operationId: "setDomainLogo",
        tags: ["domain-settings"],
        summary: "Set the logo invite and registration pages show: a PNG, JPEG or WebP of at most 100 kB",
        params: Params,
        body: Type.Object(
          { image: Type.String({ maxLength: 140_000, description: "The picture's bytes, base64" }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ logoUrl: Type.String() }), ...problemResponses },
      },
    },
    async (request) => {
      const bytes = Buffer.from(request.body.image, "base64");
      const { domainId } = request.params;
      const logo = await setDomainLogo(app.core, actorOf(request), domainId, bytes);
      const { domain } = await getDomainSettings(app.core, actorOf(request), domainId);
      return { logoUrl: logoPath(domain.name, logo.sha256) };
    },
  );

  app.delete(
    "/domains/:domainId/logo",
    {
      schema: {
        operationId: "deleteDomainLogo",
        tags: ["domain-settings"],
        summary: "Remove the domain's logo",
        params: Params,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await deleteDomainLogo(app.core, actorOf(request), request.params.domainId);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    "/domains/:domainId/server-options",
    {
      schema: {
        operationId: "setDomainServerOptions",
        tags: ["domain-settings"],
        summary:
          "Operators: add options to the domain's server configuration (null removes one); each is checked before it reaches the server",
        params: Params,
        querystring: WaitQuery,
        body: Type.Object(
          {
            options: Type.Record(Type.String({ maxLength: 64 }), OptionValueOrNull, {
              maxProperties: 50,
            }),
          },
          { additionalProperties: false },
        ),
        response: replies(
          Type.Object({ serverOptions: Type.Record(Type.String(), OptionValue), operation: Operation }),
        ),
      },
    },
    async (request, reply) => {
      const { extraOptions, operation } = await setExtraOptions(
        app.core,
        actorOf(request),
        request.params.domainId,
        request.body.options,
      );
      return app.answer(reply, { operation }, request.query.wait, {
        body: () => ({ serverOptions: extraOptions }),
      });
    },
  );
};
