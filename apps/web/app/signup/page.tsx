import { AuthPage } from "../../components/auth-page";
import { titled } from "../../lib/i18n/server";

export const generateMetadata = titled((m) => m.auth.signupTitle);

export default async function Page({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  return <AuthPage mode="signup" next={(await searchParams).next} />;
}
