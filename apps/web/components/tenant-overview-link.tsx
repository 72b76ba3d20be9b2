"use client";
import Link from "next/link";
import { useParams } from "next/navigation";
import { buttonClass } from "./ui/button";

/** A link to the overview of the organisation whose pages the person is in (a not-found page gets no params). */
export function TenantOverviewLink({ label }: { label: string }) {
  const { tenantId } = useParams<{ tenantId?: string }>();
  return (
    <Link href={tenantId ? `/t/${tenantId}` : "/"} className={buttonClass("primary")}>
      {label}
    </Link>
  );
}
