import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";

/** Public facts about this platform that sign-up and domain forms need before anyone logs in. */
export const platformRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/platform",
    {
      schema: {
        operationId: "getPlatform",
        tags: ["platform"],
        summary: "Platform facts: the base domain offering free subdomains, if any",
        security: [],
        response: {
          200: Type.Object({ baseDomain: Type.Union([Type.String(), Type.Null()]) }),
        },
      },
    },
    async () => ({ baseDomain: app.core.settings.platform?.baseDomain ?? null }),
  );
};
