"use client";
import { type ReactNode, useId, useRef, useState } from "react";
import { useI18n } from "../lib/i18n/client";
import { interpolate } from "../lib/i18n/format";
import { Button, type ButtonVariant } from "./ui/button";

/**
 * A destructive action behind a confirmation dialog. With `typeToConfirm`, the person must type that word
 * (the resource's name) before the action is enabled.
 */
export function ConfirmButton({
  label,
  title,
  body,
  confirmLabel,
  typeToConfirm,
  typePrompt,
  onConfirm,
  variant = "danger",
  size = "sm",
}: {
  label: ReactNode;
  title: string;
  body: string;
  confirmLabel?: string;
  typeToConfirm?: string;
  typePrompt?: string;
  onConfirm: () => Promise<unknown> | undefined;
  variant?: ButtonVariant;
  size?: "sm" | "md";
}) {
  const { m } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const inputId = useId();
  const ready = !typeToConfirm || typed === typeToConfirm;
  return (
    <>
      <Button variant={variant} size={size} onClick={() => dialog.current?.showModal()}>
        {label}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg border border-zinc-200 p-0 shadow-xl backdrop:bg-zinc-900/40"
        onClose={() => setTyped("")}
      >
        <form
          method="dialog"
          className="space-y-4 p-5"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!ready) return;
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
              dialog.current?.close();
            }
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <p className="text-sm text-zinc-700">{body}</p>
          {typeToConfirm ? (
            <div className="space-y-1">
              <label htmlFor={inputId} className="block text-sm font-medium">
                {typePrompt ?? typeToConfirm}
              </label>
              <input
                id={inputId}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                autoComplete="off"
                className="block w-full rounded-md border border-zinc-300 px-3 py-2 text-sm"
              />
            </div>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              {m.app.cancel}
            </Button>
            <Button type="submit" variant="danger" disabled={!ready || busy}>
              {confirmLabel ?? m.app.confirm}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}

/** Deletes something that cannot come back: the person types its name to confirm. */
export function DeleteByNameButton({
  name,
  label,
  body,
  onConfirm,
}: {
  name: string;
  label: string;
  body: string;
  onConfirm: () => Promise<unknown>;
}) {
  const { m } = useI18n();
  return (
    <ConfirmButton
      label={label}
      title={label}
      body={body}
      typeToConfirm={name}
      typePrompt={interpolate(m.instances.typeToConfirm, { name })}
      confirmLabel={m.app.delete}
      onConfirm={onConfirm}
    />
  );
}
