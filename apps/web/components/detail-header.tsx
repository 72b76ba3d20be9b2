import Link from "next/link";
import type { ReactNode } from "react";
import { getI18n } from "../lib/i18n/server";
import { StatusBadge } from "./ui/badge";
import { PageHeader } from "./ui/card";

/** The top of one thing's page: the link back to where it is listed, its name with its status, and `actions`. */
export async function DetailHeader({
  back,
  backLabel,
  title,
  status,
  badges,
  lead,
  actions,
}: {
  back: string;
  backLabel: string;
  title: ReactNode;
  status: string;
  /** More badges after the status. */
  badges?: ReactNode;
  lead?: ReactNode;
  actions?: ReactNode;
}) {
  const { m } = await getI18n();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={back} className="text-brand-700 underline">
          {backLabel}
        </Link>
      </p>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {title} <StatusBadge status={status} labels={m.status} />
            {badges}
          </span>
        }
        lead={lead}
        actions={actions}
      />
    </>
  );
}
