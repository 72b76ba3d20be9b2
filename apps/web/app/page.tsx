import { redirect } from "next/navigation";
import { serverApi } from "../lib/api/server";

export const dynamic = "force-dynamic";

/** Sends a signed-in person to their first organisation, anyone else to the sign-in page. */
export default async function Home() {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/v1/me");
  if (response.status === 401 || !data) redirect("/login");
  const first = data.tenants[0];
  if (first) redirect(`/t/${first.id}`);
  redirect(data.isOperator ? "/fleet" : "/signup");
}
