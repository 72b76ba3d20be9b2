import Link from "next/link";
import { NotFoundNotice } from "../components/not-found-notice";
import { PublicShell } from "../components/public-shell";
import { buttonClass } from "../components/ui/button";
import { getI18n, titled } from "../lib/i18n/server";

export const generateMetadata = titled((m) => m.app.notFoundTitle);

/**
 * An address that leads nowhere, or to something that is not the person's. Kept free of API calls: Next renders
 * it along with every page, in case that page is not found.
 */
export default async function NotFound() {
  const { m } = await getI18n();
  return (
    <PublicShell narrow={false}>
      <NotFoundNotice m={m}>
        {/* The overview: the first organisation of someone signed in, the sign-in page for anyone else. */}
        <Link href="/" className={buttonClass("primary")}>
          {m.app.backToOverview}
        </Link>
      </NotFoundNotice>
    </PublicShell>
  );
}
