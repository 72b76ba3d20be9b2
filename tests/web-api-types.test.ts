import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderApiTypes, typesFile } from "../scripts/web-api-types.ts";

describe("the dashboard's typed API client", () => {
  it("is generated from the API's current OpenAPI document (run npm run web:api-types after changing routes)", async () => {
    const fresh = await renderApiTypes();
    expect(fresh).toContain("getPlatform");
    expect(fresh === readFileSync(typesFile, "utf8")).toBe(true);
  });

  it("lives under a generated/ folder, which lint skips", () => {
    expect(typesFile.split(path.sep)).toContain("generated");
  });
});
