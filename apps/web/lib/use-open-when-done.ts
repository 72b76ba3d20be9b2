"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

/** The page of what an API answer says it created (`{ domain: { id } }` for `kind` "domain"), under `base`. */
export function createdPage(data: unknown, kind: string, base: string): string | null {
  const created = (data as Record<string, { id?: string } | undefined> | undefined)?.[kind];
  return created?.id ? `${base}/${created.id}` : null;
}

/**
 * Opens the page of what a form created once the operation that sets it up has ended: `opens` is told that page
 * when the API accepted the form, `onDone` goes there (and nowhere when nothing was created).
 */
export function useOpenWhenDone() {
  const router = useRouter();
  const [href, setHref] = useState<string | null>(null);
  return {
    opens: (page: string | null) => {
      if (page) setHref(page);
    },
    onDone: () => {
      if (href) router.push(href);
    },
  };
}
