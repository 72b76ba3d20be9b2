import { accentOf } from "../lib/colour";

/**
 * A community's name and logo above its public pages, under a line in its accent colour. The colour is only ever a
 * line here: every text stays in the page's own colours, so no choice of colour can make it hard to read.
 */
export function BrandHeader({
  className = "mb-6",
  name,
  domain,
  accentColor,
  logoUrl,
  logoAlt,
}: {
  /** Its margins: a page's header keeps space under it, a preview needs none. */
  className?: string;
  name: string | null;
  domain: string;
  accentColor: string | null;
  logoUrl: string | null;
  logoAlt: string;
}) {
  const accent = accentOf(accentColor);
  return (
    <div
      className={`flex min-w-0 items-center gap-3 border-t-4 border-zinc-200 pt-4 ${className}`}
      style={accent ? { borderTopColor: accent } : undefined}
      data-brand
      data-accent={accent ?? undefined}
    >
      {logoUrl ? (
        // A fixed square box, so that the page does not move as the picture arrives, whatever its own size.
        // biome-ignore lint/performance/noImgElement: a small picture served by the API, which Next's optimiser cannot reach
        <img
          src={logoUrl}
          alt={logoAlt}
          width={56}
          height={56}
          className="h-14 w-14 shrink-0 rounded-md border border-zinc-200 bg-white object-contain"
          data-brand-logo
        />
      ) : null}
      <div className="min-w-0">
        {name ? (
          <p className="break-words text-lg font-semibold text-zinc-900" data-brand-name>
            {name}
          </p>
        ) : null}
        <p className="break-all text-sm text-zinc-700">{domain}</p>
      </div>
    </div>
  );
}
