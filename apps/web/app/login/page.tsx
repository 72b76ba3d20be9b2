import Link from "next/link";
import { AuthForm } from "../../components/auth-form";
import { PublicShell } from "../../components/public-shell";
import { Card } from "../../components/ui/card";
import { getI18n, titled } from "../../lib/i18n/server";

export const generateMetadata = titled((m) => m.auth.loginTitle);

export default async function Page({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const { m } = await getI18n();
  return (
    <PublicShell>
      <h1 className="text-2xl font-semibold tracking-tight">{m.auth.loginTitle}</h1>
      <p className="mb-6 mt-1 text-sm text-zinc-600">{m.auth.loginLead}</p>
      <Card>
        <AuthForm mode="login" next={typeof next === "string" ? next : undefined} />
      </Card>
      <p className="mt-4 text-center text-sm text-zinc-700">
        {m.auth.noAccount}{" "}
        <Link href="/signup" className="font-medium text-brand-700 underline">
          {m.auth.toSignup}
        </Link>
      </p>
    </PublicShell>
  );
}
