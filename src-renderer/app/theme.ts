import {
  convertCssVariables,
  createTheme,
  DEFAULT_THEME,
  defaultCssVariablesResolver,
  mergeMantineTheme,
  darken,
  Drawer,
  keys,
  luminance,
  Modal,
  type CSSVariablesResolver,
  type MantineTheme,
} from '@mantine/core';

/**
 * A calm, readable theme: Inter (bundled, never fetched), a sober dark blue, text and
 * secondary text dark enough for WCAG AA on white.
 */
export const theme = createTheme({
  fontFamily: "'Inter Variable', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
  fontFamilyMonospace: "ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace",
  headings: { fontFamily: "'Inter Variable', system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif", fontWeight: '650' },
  primaryColor: 'blue',
  // blue.8 (#1971c2) carries white text at 4.9:1; the default shade 6 does not reach 4.5:1.
  primaryShade: { light: 8, dark: 8 },
  black: '#1a1b1e',
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    // Mantine locks page scroll through react-remove-scroll, which writes a <style>
    // element: the Content-Security-Policy (style-src 'self') forbids that.
    // The close (×) button has no name by default; every dialog's gets one.
    Modal: Modal.extend({ defaultProps: { lockScroll: false, closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { lockScroll: false, closeButtonProps: { 'aria-label': 'Close' } } }),
  },
});

/** WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `color`, darkened just enough to read at 4.6:1 or better on `background`. */
function readable(color: string, background: string): string {
  for (let amount = 0; amount < 0.9; amount += 0.05) {
    const candidate = amount === 0 ? color : darken(color, amount);
    if (contrast(candidate, background) >= 4.6) return candidate;
  }
  return '#000000';
}

/**
 * Secondary text, placeholders, the error colour, and every colour's "light" variant (alerts,
 * light buttons, badges) and text colour, made dark enough for WCAG AA: several of Mantine's
 * defaults (yellow, orange, the dimmed grey) do not reach 4.5:1.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
  };
  for (const name of keys(resolved.colors)) {
    const shades = resolved.colors[name];
    if (!shades) continue;
    light[`--mantine-color-${name}-light-color`] = readable(shades[9], shades[1]);
    light[`--mantine-color-${name}-text`] = readable(shades[8], resolved.white);
  }
  return { variables: {}, light, dark: {} };
};

/**
 * The CSS variables Mantine's <MantineProvider> would write into a <style> element,
 * for this theme, as text. The CSP forbids that element, so the provider runs with
 * `withCssVariables={false}` and these go into a constructed stylesheet instead
 * (CSSOM, which the CSP allows; see applyThemeVariables).
 */
function themeVariablesCss(override = theme, resolver = cssVariablesResolver): string {
  const merged: MantineTheme = mergeMantineTheme(DEFAULT_THEME, override);
  const base = defaultCssVariablesResolver(merged);
  const extra = resolver(merged);
  return convertCssVariables(
    {
      variables: { ...base.variables, ...extra.variables },
      light: { ...base.light, ...extra.light },
      dark: { ...base.dark, ...extra.dark },
    },
    ':root',
  );
}

/** Adopt the theme's variables as a constructed stylesheet on the document. */
export function applyThemeVariables(doc: Document = document): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(themeVariablesCss());
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
