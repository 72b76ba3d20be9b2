"use client";
import { useEffect, useState } from "react";
import { api } from "../lib/api/client";
import { useI18n } from "../lib/i18n/client";
import { interpolate } from "../lib/i18n/format";

type Verdict = { score: number; acceptable: boolean; problem: string | null };
type Problem = "too_short" | "too_long" | "contains_personal_info" | "too_common" | "not_saslprep";

/**
 * A strength meter under a new password, from the API's own rules (the same ones that refuse a weak password), so
 * the hint never disagrees with the answer. Checked a moment after typing stops; nothing is stored.
 */
export function PasswordStrength({
  password,
  kind,
  personal,
  id,
}: {
  password: string;
  kind: "platform" | "chat";
  personal: string[];
  id: string;
}) {
  const { m } = useI18n();
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const key = personal.join("\u0001");
  useEffect(() => {
    if (!password) {
      setVerdict(null);
      return;
    }
    let live = true;
    const timer = setTimeout(async () => {
      const result = await api.POST("/api/v1/auth/password-check", {
        body: { password, kind, personal: key ? key.split("\u0001").filter(Boolean).slice(0, 4) : [] },
      });
      if (live && result.data) setVerdict(result.data);
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [password, kind, key]);
  if (!verdict) return <p id={id} aria-live="polite" className="sr-only" />;
  const level = Math.max(0, Math.min(4, verdict.score));
  const tone = !verdict.acceptable ? "bg-red-600" : level >= 3 ? "bg-green-700" : "bg-amber-500";
  const advice =
    verdict.problem && verdict.problem in m.passwordStrength.problems
      ? interpolate(m.passwordStrength.problems[verdict.problem as Problem], { min: kind === "chat" ? 8 : 10 })
      : m.passwordStrength.ok;
  return (
    <div id={id} aria-live="polite" className="space-y-1" data-testid="password-strength">
      <div className="flex gap-1" aria-hidden="true">
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className={`h-1.5 flex-1 rounded ${i < Math.max(1, level) ? tone : "bg-zinc-200"}`} />
        ))}
      </div>
      <p className="text-xs text-zinc-700">
        <span className="font-medium">
          {m.passwordStrength.label}: {m.passwordStrength.levels[verdict.acceptable ? level : Math.min(level, 1)]}
        </span>
        {" · "}
        {advice}
      </p>
    </div>
  );
}
