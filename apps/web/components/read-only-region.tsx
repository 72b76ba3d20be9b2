"use client";
import { type ReactNode, useEffect, useRef } from "react";

const CONTROLS = "button, input, select, textarea";
/** An operator's own action (restoring a person's access), which the API allows operators: left enabled. */
const OPERATOR_ACTION = "[data-operator-action]";

/**
 * Disables every form control inside, so that nothing in it can be sent. The page arrives as a disabled fieldset,
 * which does it without any script. Once the page runs, each control is disabled on its own instead (and kept so as
 * React renders more of them), and the fieldset is enabled: accessibility checkers count everything inside a
 * disabled fieldset as out of keyboard reach, links and scrolling tables too, although browsers do not. Controls
 * inside `data-operator-action` are not the tenant's and stay enabled once the script runs.
 */
export function ReadOnlyRegion({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const disableAll = () => {
      for (const control of root.querySelectorAll<
        HTMLButtonElement | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
      >(CONTROLS)) {
        if (!control.disabled && !control.closest(OPERATOR_ACTION)) control.disabled = true;
      }
    };
    disableAll();
    root.disabled = false;
    const observer = new MutationObserver(disableAll);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["disabled"] });
    return () => observer.disconnect();
  }, []);
  return (
    <fieldset ref={ref} disabled className="min-w-0" data-read-only>
      {children}
    </fieldset>
  );
}
