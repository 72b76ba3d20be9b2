"use client";
import { type ReactNode, type RefObject, useCallback, useId, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useI18n } from "../lib/i18n/client";
import { interpolate } from "../lib/i18n/format";
import { Button, type ButtonVariant } from "./ui/button";

/** The words of a confirmation: what is asked, what follows, and the button that goes ahead. */
export interface ConfirmTexts {
  title: string;
  body: string;
  confirmLabel?: string;
}

/**
 * The dialog of a confirmation, opened by its owner (`dialogRef.current.showModal()`). With `typeToConfirm`, the
 * person must type that word (the resource's name) before the action is enabled. `onClose` follows every closing,
 * confirmed or not.
 */
export function ConfirmDialog({
  dialogRef,
  title,
  body,
  confirmLabel,
  typeToConfirm,
  typePrompt,
  onConfirm,
  onClose,
}: ConfirmTexts & {
  dialogRef: RefObject<HTMLDialogElement | null>;
  typeToConfirm?: string;
  typePrompt?: string;
  onConfirm: () => Promise<unknown> | undefined;
  onClose?: () => void;
}) {
  const { m } = useI18n();
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const inputId = useId();
  const ready = !typeToConfirm || typed === typeToConfirm;
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      className="m-auto w-full max-w-md rounded-lg border border-zinc-200 p-0 shadow-xl backdrop:bg-zinc-900/40"
      onClose={() => {
        setTyped("");
        onClose?.();
      }}
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
            dialogRef.current?.close();
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
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
            {m.app.cancel}
          </Button>
          <Button type="submit" variant="danger" disabled={!ready || busy}>
            {confirmLabel ?? m.app.confirm}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * A destructive action behind a confirmation dialog. With `typeToConfirm`, the person must type that word
 * (the resource's name) before the action is enabled.
 */
export function ConfirmButton({
  label,
  variant = "danger",
  size = "sm",
  ...dialog
}: ConfirmTexts & {
  label: ReactNode;
  typeToConfirm?: string;
  typePrompt?: string;
  onConfirm: () => Promise<unknown> | undefined;
  variant?: ButtonVariant;
  size?: "sm" | "md";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button variant={variant} size={size} onClick={() => ref.current?.showModal()}>
        {label}
      </Button>
      <ConfirmDialog dialogRef={ref} {...dialog} />
    </>
  );
}

/**
 * A confirmation asked in the middle of something else, such as a form's save: `ask` opens the dialog with its words
 * and answers whether the person went ahead. Render `dialog` outside any form (a dialog holds a form of its own).
 */
export function useConfirmation() {
  const ref = useRef<HTMLDialogElement>(null);
  const answer = useRef<(yes: boolean) => void>(() => undefined);
  const [texts, setTexts] = useState<ConfirmTexts>({ title: "", body: "" });
  const ask = useCallback(
    (next: ConfirmTexts) =>
      new Promise<boolean>((resolve) => {
        answer.current = resolve;
        // Worded before it opens, so that it never shows an earlier question's words.
        flushSync(() => setTexts(next));
        ref.current?.showModal();
      }),
    [],
  );
  // Closing answers no, unless the confirmation answered yes first (a promise keeps its first answer).
  const dialog = (
    <ConfirmDialog
      dialogRef={ref}
      {...texts}
      onConfirm={() => {
        answer.current(true);
        return undefined;
      }}
      onClose={() => answer.current(false)}
    />
  );
  return { ask, dialog };
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
