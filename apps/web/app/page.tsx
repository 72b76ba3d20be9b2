const apiUrl = process.env.API_URL ?? "http://127.0.0.1:3001";

async function apiStatus(): Promise<string> {
  try {
    const res = await fetch(`${apiUrl}/readyz`, { cache: "no-store" });
    return res.ok ? "ready" : "starting";
  } catch {
    return "unreachable";
  }
}

export const dynamic = "force-dynamic";

export default async function Home() {
  const status = await apiStatus();
  return (
    <main style={{ maxWidth: 640, margin: "4rem auto", padding: "0 1rem" }}>
      <h1>Your own chat server</h1>
      <p>
        Private, standard XMPP chat for your family or community. The dashboard is on its way; meanwhile the API is
        ready to use.
      </p>
      <ul>
        <li>
          API status: <strong>{status}</strong>
        </li>
        <li>
          API reference: <a href={`${process.env.NEXT_PUBLIC_API_URL ?? "http://localhost:3001"}/docs`}>/docs</a>
        </li>
      </ul>
    </main>
  );
}
