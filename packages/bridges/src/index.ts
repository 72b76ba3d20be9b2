export * from "./biboumi.ts";
