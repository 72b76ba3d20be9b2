"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useI18n } from "../lib/i18n/client";

/** How often the page reads the records again while the platform re-checks them. */
const EVERY_MS = 3000;

/**
 * After "Check now", while the platform re-checks failing records (until `until`), the page reads them again every
 * few seconds, so that each one turns ok on screen as soon as the platform sees it. Polling: docs/api.md says why.
 */
export function DnsWatch({ until }: { until: string | null }) {
  const router = useRouter();
  const { m } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  const end = until ? Date.parse(until) : 0;
  const watching = end > now;
  useEffect(() => {
    if (!watching) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      router.refresh();
    }, EVERY_MS);
    return () => clearInterval(timer);
  }, [watching, router]);
  if (!until || !watching) return null;
  return (
    <p role="status" className="mb-3 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900">
      {m.dns.watching}
    </p>
  );
}
