"use client";
import { useEffect, useState } from "react";
import { api } from "../../lib/api/client";
import { useI18n } from "../../lib/i18n/client";
import { useAction } from "../../lib/use-action";
import { ActionButton } from "../action-button";
import { ActionOutcome } from "../action-outcome";
import { Button } from "../ui/button";
import { CopyLink } from "./invites";

export function CheckComplianceButton({ domainId }: { domainId: string }) {
  const { m } = useI18n();
  return (
    <ActionButton
      label={m.compliance.checkNow}
      call={() => api.POST("/api/v1/domains/{domainId}/compliance/check", { params: { path: { domainId } } })}
      progressOnly
    />
  );
}

/** Owners publish (or hide) the badge; its address is shown once it is public, with the HTML to paste. */
export function ComplianceBadgeToggle({
  domainId,
  domain,
  published,
}: {
  domainId: string;
  domain: string;
  published: boolean;
}) {
  const { m } = useI18n();
  const action = useAction();
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const url = `${origin}/api/v1/public/domains/${domain}/compliance-badge.svg`;
  return (
    <div className="space-y-3 text-sm" data-badge-public={published}>
      <p className="text-zinc-700">{published ? m.compliance.badgeOn : m.compliance.badgeOff}</p>
      {published && origin ? (
        <>
          {/* The badge as a website shows it: a plain image from the platform. */}
          {/* biome-ignore lint/performance/noImgElement: an SVG from the API, shown as visitors would see it */}
          <img src={url} alt={m.compliance.badgeAlt} height={20} />
          <CopyLink url={url} />
        </>
      ) : null}
      <Button
        size="sm"
        variant="secondary"
        disabled={action.pending}
        onClick={() =>
          action.run(() =>
            api.PUT("/api/v1/domains/{domainId}/compliance/badge", {
              params: { path: { domainId } },
              body: { public: !published },
            }),
          )
        }
      >
        {published ? m.compliance.hideBadge : m.compliance.publishBadge}
      </Button>
      <ActionOutcome action={action} />
    </div>
  );
}
