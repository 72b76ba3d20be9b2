import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";

export const caRoutes: FastifyPluginAsyncTypebox<{ caPem: () => Promise<string> }> = async (app, opts) => {
  app.get(
    "/ca.pem",
    {
      schema: {
        operationId: "getInternalCa",
        tags: ["certificates"],
        summary: "The platform's internal CA certificate (PEM), for clients that should trust it",
        produces: ["application/x-pem-file"],
        response: { 200: Type.String() },
      },
    },
    async (_request, reply) => reply.type("application/x-pem-file").send(await opts.caPem()),
  );
};
