"use client";
import { useState } from "react";
import { api } from "../../lib/api/client";
import { fieldError } from "../../lib/api/problem";
import { useI18n } from "../../lib/i18n/client";
import { useAction } from "../../lib/use-action";
import { QrCode } from "../qr-code";
import { Button } from "../ui/button";
import { Alert, TextField } from "../ui/field";

/** Recovery codes, shown once: to write down or download. */
function RecoveryCodes({ codes }: { codes: string[] }) {
  const { m } = useI18n();
  const file = `data:text/plain;charset=utf-8,${encodeURIComponent(`${codes.join("\n")}\n`)}`;
  return (
    <div className="space-y-2" role="status">
      <p className="font-medium">{m.security.codesTitle}</p>
      <p className="text-sm text-zinc-700">{m.security.codesLead}</p>
      <ul className="grid grid-cols-2 gap-1 font-mono text-sm" aria-label={m.security.codesTitle}>
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <a className="text-sm font-medium text-brand-700 underline" href={file} download="recovery-codes.txt">
        {m.security.download}
      </a>
    </div>
  );
}

/** Turning two-step sign-in on: scan the QR code, type the app's code, keep the recovery codes. */
export function TwoFactorSetup({ enabled, codesLeft }: { enabled: boolean; codesLeft: number }) {
  const { m } = useI18n();
  const { run, pending, problem } = useAction();
  const [started, setStarted] = useState<{ secret: string; uri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) return <RecoveryCodes codes={codes} />;
  if (enabled) {
    return (
      <div className="space-y-4">
        <p>{m.security.on.replace("{count}", String(codesLeft))}</p>
        <form
          className="space-y-3"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const code = String(form.get("regen-code") ?? "");
            const result = await run(() => api.POST("/api/v1/me/two-factor/recovery-codes", { body: { code } }));
            if (result?.data) setCodes((result.data as { recoveryCodes: string[] }).recoveryCodes);
          }}
        >
          <TextField
            id="regen-code"
            name="regen-code"
            label={m.security.codeNow}
            autoComplete="one-time-code"
            required
          />
          <Button type="submit" disabled={pending}>
            {m.security.regenerate}
          </Button>
        </form>
        <form
          className="space-y-3"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            await run(() =>
              api.POST("/api/v1/me/two-factor/disable", {
                body: { password: String(form.get("password") ?? ""), code: String(form.get("off-code") ?? "") },
              }),
            );
          }}
        >
          <TextField
            id="password"
            name="password"
            type="password"
            label={m.auth.password}
            autoComplete="current-password"
            required
            error={fieldError(problem, "password")}
          />
          <TextField id="off-code" name="off-code" label={m.auth.code} autoComplete="one-time-code" required />
          <Button type="submit" disabled={pending}>
            {m.security.turnOff}
          </Button>
        </form>
        {problem ? <Alert>{problem.detail ?? problem.title}</Alert> : null}
      </div>
    );
  }
  if (!started) {
    return (
      <div className="space-y-3">
        <p>{m.security.off}</p>
        <Button
          disabled={pending}
          onClick={async () => {
            const result = await run(() => api.POST("/api/v1/me/two-factor/start"));
            if (result?.data) setStarted(result.data as { secret: string; uri: string });
          }}
        >
          {m.security.turnOn}
        </Button>
        {problem ? <Alert>{problem.detail ?? problem.title}</Alert> : null}
      </div>
    );
  }
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const code = String(new FormData(e.currentTarget).get("code") ?? "");
        const result = await run(() => api.POST("/api/v1/me/two-factor/confirm", { body: { code } }));
        if (result?.data) setCodes((result.data as { recoveryCodes: string[] }).recoveryCodes);
      }}
    >
      <p>{m.security.scan}</p>
      <QrCode value={started.uri} label={m.security.qr} />
      <p className="text-sm text-zinc-700">
        {m.security.orType} <code className="break-all">{started.secret}</code>
      </p>
      <TextField
        id="code"
        name="code"
        label={m.auth.code}
        autoComplete="one-time-code"
        required
        error={fieldError(problem, "code")}
      />
      {problem && !fieldError(problem, "code") ? <Alert>{problem.detail ?? problem.title}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {m.security.confirm}
      </Button>
    </form>
  );
}
