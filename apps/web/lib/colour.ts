/**
 * A domain's accent colour is chosen freely by its admins, so nothing may assume it reads well: text set on it is
 * black or white, whichever contrasts more (WCAG 2 relative luminance), and text is never set in it on white.
 */

const HEX = /^#[0-9a-f]{6}$/i;

/** The colour when it is a #rrggbb one, lower case; null otherwise (nothing else ever reaches a style attribute). */
export function accentOf(value: string | null | undefined): string | null {
  return value && HEX.test(value) ? value.toLowerCase() : null;
}

/** WCAG 2 relative luminance of a #rrggbb colour, from 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const channel = (offset: number) => {
    const c = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2 contrast ratio between two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Black or white text for a background of this colour: whichever contrasts more. Pure black and white are what
 * guarantee it: the worse of the two is never below 4.58:1, above the 4.5:1 that body text needs.
 */
export function readableOn(background: string): "#000000" | "#ffffff" {
  return contrastRatio(background, "#000000") >= contrastRatio(background, "#ffffff") ? "#000000" : "#ffffff";
}
