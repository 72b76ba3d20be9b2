import { z } from "zod";

/** The web app's environment, validated once on the server; see .env.example. */
const webEnvSchema = z.object({
  API_URL: z.string().url().default("http://127.0.0.1:3001"),
});

let cached: z.infer<typeof webEnvSchema> | null = null;

export function webEnv(): z.infer<typeof webEnvSchema> {
  if (!cached) {
    const parsed = webEnvSchema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(
        `Invalid web app environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    }
    cached = parsed.data;
  }
  return cached;
}
