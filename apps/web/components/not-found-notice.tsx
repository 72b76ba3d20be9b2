import type { ReactNode } from "react";
import type { Messages } from "../lib/i18n/en";

/** What a page that does not exist says, in the frame of the app; `children` is the way back. */
export function NotFoundNotice({ m, children }: { m: Messages; children: ReactNode }) {
  return (
    <div data-not-found className="rounded-lg border border-zinc-200 bg-white px-6 py-10 text-center shadow-sm">
      <h1 className="text-2xl font-semibold tracking-tight">{m.app.notFoundTitle}</h1>
      <p className="mx-auto mt-2 max-w-md text-sm text-zinc-700">{m.app.notFound}</p>
      <div className="mt-6">{children}</div>
    </div>
  );
}
