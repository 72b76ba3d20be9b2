import { type InstanceSpec, renderHostsConfig } from "@xmpp-host/xmpp";
import { describe, expect, it } from "vitest";
import {
  applyPatch,
  ceilingsFor,
  defaultDomainSettingsPlatform,
  defaultSettings,
  effectiveSettings,
  MAX_MEMBER_INVITES_PER_WEEK,
  serverSettingNames,
  serverSettings,
} from "../src/domain-settings/settings.ts";
import { AppError } from "../src/errors.ts";

const ceilings = ceilingsFor(defaultDomainSettingsPlatform, "dedicated");
const defaults = defaultSettings(defaultDomainSettingsPlatform, ceilings);

function refused(patch: Record<string, unknown>, server: "prosody" | "ejabberd" = "prosody") {
  try {
    applyPatch({ historyEnabled: false }, patch, ceilings, server);
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, fields: err.fields };
    throw err;
  }
  throw new Error(`accepted ${JSON.stringify(patch)}`);
}

describe("members' invites per week", () => {
  it("default to 0 (members' invites only add contacts), and reach the server", () => {
    expect(defaults.memberInvitesPerWeek).toBe(0);
    expect(serverSettingNames.has("memberInvitesPerWeek")).toBe(true);
    expect(serverSettings({ ...defaults, memberInvitesPerWeek: 3 }, {}).memberInvitesPerWeek).toBe(3);
  });

  it("take a whole number from 0 to 50 on Prosody", () => {
    for (const n of [0, 1, 2, MAX_MEMBER_INVITES_PER_WEEK]) {
      expect(applyPatch({}, { memberInvitesPerWeek: n }, ceilings, "prosody")).toEqual({ memberInvitesPerWeek: n });
    }
    expect(MAX_MEMBER_INVITES_PER_WEEK).toBe(50);
  });

  it("refuse what is out of range or not a whole number, naming the field, and keep nothing", () => {
    for (const n of [-1, 51, 1000]) {
      expect(refused({ memberInvitesPerWeek: n })).toEqual({
        code: "validation_failed",
        fields: [
          {
            field: "memberInvitesPerWeek",
            message: "must be from 0 to 50",
            code: "out_of_range",
            params: { min: 0, max: 50 },
          },
        ],
      });
    }
    for (const v of [1.5, "2", true, [], {}, Number.NaN]) {
      expect(refused({ memberInvitesPerWeek: v }).fields).toMatchObject([
        { field: "memberInvitesPerWeek", code: "invalid" },
      ]);
    }
  });

  it("are refused on ejabberd, which has no invites in chat apps, except the default", () => {
    expect(refused({ memberInvitesPerWeek: 2 }, "ejabberd").fields).toMatchObject([
      { field: "memberInvitesPerWeek", code: "not_offered" },
    ]);
    expect(applyPatch({}, { memberInvitesPerWeek: 0 }, ceilings, "ejabberd")).toEqual({ memberInvitesPerWeek: 0 });
  });

  it("give way to the default when a stored value is no longer valid", () => {
    const { settings, changed } = effectiveSettings({ memberInvitesPerWeek: 99 }, defaults, ceilings);
    expect(settings.memberInvitesPerWeek).toBe(0);
    expect(changed).toEqual([]);
  });
});

describe("Prosody's configuration of members' invites", () => {
  const spec = (registration: "closed" | "invite" | "open", perWeek: number): InstanceSpec => ({
    id: "unit",
    server: "prosody",
    ports: { c2s: 25222, s2s: 25269, http: 25280 },
    bindAddress: "127.0.0.1",
    domains: [
      {
        name: "family.example",
        registration,
        settings: serverSettings({ ...defaults, memberInvitesPerWeek: perWeek }, {}),
      },
    ],
  });
  const host = (config: string) =>
    config.slice(config.indexOf('VirtualHost "family.example"'), config.indexOf("Component"));

  it("lets members invite, counted by the platform's module, where an invite can register someone", () => {
    for (const registration of ["invite", "open"] as const) {
      const vhost = host(renderHostsConfig(spec(registration, 2)));
      expect(vhost).toContain("allow_user_invites = true");
      expect(vhost).toContain("member_invites_per_week = 2");
      expect(vhost).toMatch(/modules_enabled = \{[^}]*"member_invites";/);
    }
  });

  it("leaves members' invites as Prosody makes them with 0, and on a domain that registers nobody", () => {
    for (const config of [renderHostsConfig(spec("invite", 0)), renderHostsConfig(spec("closed", 2))]) {
      expect(host(config)).not.toContain("allow_user_invites");
      expect(host(config)).not.toContain("member_invites");
    }
  });
});
