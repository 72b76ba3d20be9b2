import Link from "next/link";
import { getI18n } from "../lib/i18n/server";
import { buttonClass } from "./ui/button";

/** Cursor pagination: a link to the next page when the API says there is one. */
export async function Pager({ nextCursor, query = {} }: { nextCursor: string | null; query?: Record<string, string> }) {
  if (!nextCursor) return null;
  const { m } = await getI18n();
  const search = new URLSearchParams({ ...query, cursor: nextCursor });
  return (
    <div className="mt-3 flex justify-end">
      <Link href={`?${search}`} className={buttonClass("secondary", "sm")}>
        {m.app.next}
      </Link>
    </div>
  );
}
