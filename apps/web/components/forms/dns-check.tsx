"use client";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { ActionButton } from "../action-button";

export function CheckDnsButton({ domainId }: { domainId: string }) {
  const { m } = useI18n();
  return (
    <ActionButton
      label={m.dns.checkNow}
      call={() => api.POST("/api/v1/domains/{domainId}/dns/check", { params: { path: { domainId } } })}
      progressOnly
    />
  );
}
