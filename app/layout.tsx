import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import Link from "next/link";

import NavLinks from "@/components/NavLinks";
import ThemeToggle from "@/components/ThemeToggle";
import { themeInitScript } from "@/components/theme";

import "./globals.css";

export const metadata: Metadata = {
  title: "Scaling Explorer",
  description:
    "Touch the EfficientNet paper: compound scaling calculator, explorer, in-browser TensorFlow.js builder and class activation maps.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // proxy.ts sets a fresh CSP nonce per request; the inline theme script must carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The inline script adds/removes the `dark` class before hydration.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="flex min-h-dvh flex-col bg-background text-foreground antialiased">
        <header className="sticky top-0 z-40 border-b border-border bg-background/85 backdrop-blur">
          <nav
            aria-label="Main"
            className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5 sm:px-6"
          >
            <Link href="/" className="mr-auto font-semibold tracking-tight whitespace-nowrap">
              Scaling Explorer
            </Link>
            {/* Narrow screens: links wrap onto their own full-width row below brand + toggle. */}
            <div className="order-last -mx-1 w-full sm:order-none sm:mx-0 sm:w-auto">
              <NavLinks />
            </div>
            <ThemeToggle />
          </nav>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 sm:py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
