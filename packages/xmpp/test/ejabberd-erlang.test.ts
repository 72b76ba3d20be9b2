// What the platform writes for ejabberd's Erlang, read and run by the machine's own Erlang: its modules, compiled
// against its ejabberd as a server compiles them when it starts, and the node's resolver file.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "@xmpp-host/runtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLATFORM_MODULES, PLATFORM_MODULES_DIR, renderInetrc } from "../src/servers/ejabberd/config.ts";

/** Where Debian's ejabberdctl finds ejabberd and its libraries. */
const ERL_LIBS = "/usr/lib/x86_64-linux-gnu";

let out: ReturnType<typeof tempDir>;

/** Evaluates an Erlang expression with the compiled modules and ejabberd's on the code path; returns it printed. */
function erl(expr: string, format = "~w"): string {
  return execFileSync("erl", ["-noshell", "-pa", out.dir, "-eval", `io:format("${format}", [${expr}]), halt().`], {
    env: { ...process.env, ERL_LIBS },
  }).toString();
}

beforeAll(() => {
  out = tempDir("xh-erl-");
  const ebin = erl("code:lib_dir(ejabberd, ebin)", "~s");
  const sources = PLATFORM_MODULES.map((m) => `${PLATFORM_MODULES_DIR}${m}.erl`);
  // Warnings are errors here: the server compiles them with warnings off.
  execFileSync("erlc", ["-Werror", "-pa", ebin, "-o", out.dir, ...sources]);
});

afterAll(() => out?.remove());

describe("mod_federation_dns", () => {
  it("hands over exactly the callbacks of this ejabberd's outgoing links, plus resolve", () => {
    expect(erl("mod_federation_dns:matches_s2s_out()")).toBe("true");
  });
});

describe("mod_federation_policy", () => {
  const bin = (d: string) => `<<"${d}">>`;
  // [policy, allowlist, allowed suffixes, remote domain, allowed] for the domain e.example.
  const cases: [string, string[], string[], string, boolean][] = [
    ["open", [], [], "p.example", true],
    ["closed", ["p.example"], [], "p.example", false],
    // The domain's own services are never another domain.
    ["closed", [], [], "groups.e.example", true],
    ["allowlist", ["p.example"], [], "p.example", true],
    ["allowlist", ["p.example"], [], "groups.p.example", true],
    ["allowlist", ["p.example"], [], "xp.example", false],
    ["allowlist", ["p.example"], [], "example", false],
    // Under a suffix, not the suffix itself.
    ["allowlist", [], ["pool.example"], "walkers.pool.example", true],
    ["allowlist", [], ["pool.example"], "pool.example", false],
    ["allowlist", [], ["pool.example"], "carpool.example", false],
  ];

  it("decides as the Prosody module does", () => {
    const calls = cases.map(
      ([policy, list, suffixes, remote]) =>
        `mod_federation_policy:allows(${policy}, <<"e.example">>, [${list.map(bin).join(",")}], [${suffixes.map(bin).join(",")}], ${bin(remote)})`,
    );
    expect(erl(`[${calls.join(",")}]`)).toBe(`[${cases.map((c) => String(c[4])).join(",")}]`);
  });
});

describe("mod_room_moderation", () => {
  it("copies the room's and the stanzas' records field for field from this ejabberd's headers", () => {
    // The module reads the room's state and builds stanzas with copies of these records: a field out of place would
    // read or write the wrong one.
    const fields =
      "fun F({typed_record_field, R, _}) -> F(R); F({record_field, _, {atom, _, N}}) -> N; " +
      "F({record_field, _, {atom, _, N}, _}) -> N end";
    const records = (file: string, names: string) =>
      `[{R, [(${fields})(X) || X <- Xs]} || {attribute, _, record, {R, Xs}} <- element(2, epp:parse_file(${file}, [])), lists:member(R, ${names})]`;
    const muc = `filename:join(code:lib_dir(ejabberd, include), "mod_muc_room.hrl")`;
    // p1_xmpp's application is xmpp, in a folder named after p1_xmpp: found from its module.
    const xmpp = `filename:join([filename:dirname(filename:dirname(code:which(xmpp))), "include", "xmpp_codec.hrl"])`;
    const headers = `lists:sort(${records(muc, "[state, user]")} ++ ${records(xmpp, "[text, message]")})`;
    expect(erl(`length(${headers})`)).toBe("4");
    expect(erl(`${headers} =:= lists:sort(mod_room_moderation:room_records())`)).toBe("true");
  });
});

describe("xh_commands", () => {
  it("builds the platform's admin commands with this ejabberd's own command record, field for field", () => {
    const fields =
      "fun F({typed_record_field, R, _}) -> F(R); F({record_field, _, {atom, _, N}}) -> N; " +
      "F({record_field, _, {atom, _, N}, _}) -> N end";
    const record = (file: string) =>
      `hd([[(${fields})(X) || X <- Xs] || {attribute, _, record, {ejabberd_commands, Xs}} <- element(2, epp:parse_file(${file}, []))])`;
    const theirs = record(`filename:join(code:lib_dir(ejabberd, include), "ejabberd_commands.hrl")`);
    const ours = record(`"${PLATFORM_MODULES_DIR}xh_commands.hrl"`);
    expect(erl(`length(${theirs})`)).toBe("19");
    expect(erl(`${theirs} =:= ${ours}`)).toBe("true");
  });
});

describe("mod_domain_transfer", () => {
  it("copies the stored SCRAM credentials' record field for field from this ejabberd's own", () => {
    // The module creates accounts with this record: a field out of place would store a key as the salt.
    const fields =
      "fun F({typed_record_field, R, _}) -> F(R); F({record_field, _, {atom, _, N}}) -> N; " +
      "F({record_field, _, {atom, _, N}, _}) -> N end";
    const auth = "element(2, hd(element(2, element(2, beam_lib:chunks(code:which(ejabberd_auth), [abstract_code])))))";
    const theirs = `hd([[(${fields})(X) || X <- Xs] || {attribute, _, record, {scram, Xs}} <- element(2, ${auth})])`;
    expect(erl(`length(${theirs})`)).toBe("5");
    expect(erl(`${theirs} =:= mod_domain_transfer:scram_fields()`)).toBe("true");
  });

  it("copies mod_pubsub's node and item records field for field from this ejabberd's own", () => {
    // PEP nodes and items are read through them: a field out of place would export a node's options as its items.
    const fields =
      "fun F({typed_record_field, R, _}) -> F(R); F({record_field, _, {atom, _, N}}) -> N; " +
      "F({record_field, _, {atom, _, N}, _}) -> N end";
    const pubsub = `filename:join(code:lib_dir(ejabberd, include), "pubsub.hrl")`;
    const theirs = `lists:sort([{R, [(${fields})(X) || X <- Xs]} || {attribute, _, record, {R, Xs}} <- element(2, epp:parse_file(${pubsub}, [])), lists:member(R, [pubsub_node, pubsub_item])])`;
    expect(erl(`length(${theirs})`)).toBe("2");
    expect(erl(`${theirs} =:= lists:sort(mod_domain_transfer:pubsub_fields())`)).toBe("true");
  });
});

describe("inetrc", () => {
  const federation = (resolvers: string[]) => ({ federation: { caPem: "", resolvers } });

  it("points the node at the platform's resolvers alone, ports and IPv6 included", () => {
    const file = path.join(out.dir, "inetrc");
    writeFileSync(file, renderInetrc(federation(["127.0.0.1@5353", "::1", "2001:db8::53@53"])));
    const terms = erl(`element(2, file:consult("${file}"))`);
    expect(terms).toContain("{resolv_conf,[]}");
    expect(terms).not.toContain("resolv.conf");
    expect(terms).toContain("{nameserver,{127,0,0,1},5353}");
    expect(terms).toContain("{nameserver,{0,0,0,0,0,0,0,1},53}");
    expect(terms).toContain("{nameserver,{8193,3512,0,0,0,0,0,83},53}");
  });

  it("keeps the system's resolvers when the platform names none, and refuses what is not an address", () => {
    expect(renderInetrc({})).toContain('"/etc/resolv.conf"');
    expect(renderInetrc({})).not.toContain("nameserver");
    expect(() => renderInetrc(federation(["resolver.example"]))).toThrow(TypeError);
    expect(() => renderInetrc(federation(["127.0.0.1@99999"]))).toThrow(TypeError);
  });
});
