/**
 * XMPP Providers provider file, version 2, as a zod schema written from the published documentation, independent
 * of the builder it checks (packages/core/src/domain-settings/provider-file.ts):
 *   https://providers.xmpp.net/provider-file-generator/ (the generator, which defines v2: property names,
 *     descriptions, types, the organisation values and the -1/0 special values), its source
 *     https://github.com/xsf/xmpp-providers-website/blob/master/themes/xmpp-providers/static/js/provider-file-generator.js
 *   https://providers.xmpp.net/faq/#provider-file
 *
 * Where the documentation leaves room, this is stricter than the generator, on purpose: all 14 properties are
 * required (the generator always writes all of them), unknown properties are refused (the file carries "only the
 * provider properties that cannot be retrieved via other methods"), pages must be https (the generator's input
 * pattern), and lists must not repeat an entry.
 */
import { z } from "zod";

/** ISO 639-1 codes, as offered by the generator's language list (language-country-codes.js). */
const LANGUAGES = new Set(
  (
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv ee el en " +
    "eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja " +
    "jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb " +
    "nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq " +
    "sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh"
  ).split(" "),
);

/** The 249 officially assigned ISO 3166-1 alpha-2 codes, lower case as the generator writes them. */
const COUNTRIES = new Set(
  (
    "ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt bv bw by bz " +
    "ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et fi fj fk fm fo " +
    "fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je " +
    "jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo " +
    "mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw " +
    "py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm " +
    "tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw"
  ).split(" "),
);

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function isDomainName(value: string): boolean {
  const labels = value.split(".");
  return (
    value.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    !/^\d+$/.test(labels[labels.length - 1] ?? "")
  );
}

const unique = (values: readonly string[]) => new Set(values).size === values.length;

/** "Website (per language)": an object from language code to page; {} when there is none. */
const perLanguagePage = z.record(
  z.string().refine((k) => LANGUAGES.has(k), "not a lower-case ISO 639-1 language code"),
  z
    .url({ protocol: /^https$/, hostname: z.regexes.domain })
    // URL parsing accepts "https:example.org"; a page address is written out in full.
    .refine((u) => u.startsWith("https://"), "must start with https://"),
);

/** Sizes and durations: a whole number, 0 for no limit, -1 for less than one unit; nothing below -1. */
const limit = z.int().min(-1);

export const providerFileV2Schema = z.strictObject({
  website: perLanguagePage,
  alternativeJids: z
    .array(z.string().refine(isDomainName, "not a lower-case domain name"))
    .refine(unique, "repeats an address"),
  // "the minimum number of team members that the service could not survive losing) or -1 for n/a": 0 means nothing.
  busFactor: z.int().refine((n) => n === -1 || n >= 1, "must be -1 (n/a) or at least 1"),
  // "" is what the generator writes when no organisation is chosen.
  organization: z.enum(["company", "commercial person", "private person", "governmental", "non-governmental", ""]),
  passwordReset: perLanguagePage,
  serverTesting: z.boolean(),
  maximumHttpFileUploadTotalSize: limit,
  maximumHttpFileUploadStorageTime: limit,
  maximumMessageArchiveManagementStorageTime: limit,
  professionalHosting: z.boolean(),
  freeOfCharge: z.boolean(),
  legalNotice: perLanguagePage,
  serverLocations: z
    .array(z.string().refine((c) => COUNTRIES.has(c), "not a lower-case ISO 3166-1 alpha-2 country code"))
    .refine(unique, "repeats a country"),
  // A calendar date (the generator's date input), or "" when left empty.
  since: z.union([z.literal(""), z.iso.date()]),
});

export type CheckedProviderFileV2 = z.infer<typeof providerFileV2Schema>;

/** The problems with a provider file, as "path: message" lines; empty when it conforms to v2. */
export function providerFileProblems(value: unknown): string[] {
  const result = providerFileV2Schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
}
