import Link from "next/link";
import { getI18n } from "../lib/i18n/server";
import { AuthForm } from "./auth-form";
import { PublicShell } from "./public-shell";
import { Card } from "./ui/card";

/** The sign-in or sign-up page: its form, and a link to the other one for those on the wrong page. */
export async function AuthPage({ mode, next }: { mode: "login" | "signup"; next: string | string[] | undefined }) {
  const { m } = await getI18n();
  const words =
    mode === "login"
      ? {
          title: m.auth.loginTitle,
          lead: m.auth.loginLead,
          other: m.auth.noAccount,
          href: "/signup",
          to: m.auth.toSignup,
        }
      : {
          title: m.auth.signupTitle,
          lead: m.auth.signupLead,
          other: m.auth.haveAccount,
          href: "/login",
          to: m.auth.toLogin,
        };
  return (
    <PublicShell>
      <h1 className="text-2xl font-semibold tracking-tight">{words.title}</h1>
      <p className="mb-6 mt-1 text-sm text-zinc-600">{words.lead}</p>
      <Card>
        <AuthForm mode={mode} next={typeof next === "string" ? next : undefined} />
      </Card>
      <p className="mt-4 text-center text-sm text-zinc-700">
        {words.other}{" "}
        <Link href={words.href} className="font-medium text-brand-700 underline">
          {words.to}
        </Link>
      </p>
    </PublicShell>
  );
}
