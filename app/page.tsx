// Temporary placeholder; the lead replaces this with the Explorer.
export default function Home() {
  return (
    <section className="space-y-4">
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Scaling Explorer</h1>
      <p className="max-w-prose text-muted">
        Explore EfficientNet compound scaling: how depth, width and resolution grow together with φ,
        and what that costs in parameters and FLOPs.
      </p>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {["Depth  d = α^φ", "Width  w = β^φ", "Resolution  r = γ^φ"].map((t) => (
          <div key={t} className="rounded-lg border border-border bg-surface p-4 font-mono text-sm">
            {t}
          </div>
        ))}
      </div>
    </section>
  );
}
