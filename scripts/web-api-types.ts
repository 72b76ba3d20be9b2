/**
 * Writes the dashboard's typed API client types from the API's OpenAPI document:
 * npm run web:api-types. tests/web-api-types.test.ts fails when the committed file is stale.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { openApiDocument } from "../apps/api/src/openapi-document.ts";

export const typesFile = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "../apps/web/lib/api/generated/schema.ts",
);

export async function renderApiTypes(): Promise<string> {
  const doc = await openApiDocument();
  // biome-ignore lint/suspicious/noExplicitAny: openapi-typescript takes its own document type
  const ast = await openapiTS(doc as any, { alphabetize: true });
  return `/* Generated from the API's /openapi.json by scripts/web-api-types.ts. Do not edit. */\n${astToString(ast)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  writeFileSync(typesFile, await renderApiTypes());
  console.log(`wrote ${typesFile}`);
  process.exit(0);
}
