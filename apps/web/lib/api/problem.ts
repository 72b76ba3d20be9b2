/** An RFC 9457 problem as the API sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}

export function asProblem(value: unknown, status: number): Problem {
  if (value && typeof value === "object") return { status, ...(value as Problem) };
  return { status, title: typeof value === "string" ? value : "Request failed" };
}

/** The message for one field, if the API named it. */
export function fieldError(problem: Problem | null, field: string): string | undefined {
  return problem?.errors?.find((e) => e.field === field || e.field.endsWith(`.${field}`))?.message;
}
