import type { ReactNode } from "react";

export const metadata = { title: "XMPP platform", description: "Private chat for your family or community" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: 0, background: "#f7f7f8", color: "#18181b" }}>
        {children}
      </body>
    </html>
  );
}
