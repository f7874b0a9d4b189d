import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/** Where the navigation folds behind the Modules button; the same width as the media query in styles.css. */
const NARROW = '(max-width: 1024px)';

export interface FoldingNavigation {
  /** the folded navigation is showing (narrow windows only; a wide window always shows it) */
  open: boolean;
  toggle(): void;
  close(): void;
  frameRef: RefObject<HTMLDivElement | null>;
  headerRef: RefObject<HTMLElement | null>;
  navRef: RefObject<HTMLElement | null>;
  toggleRef: RefObject<HTMLButtonElement | null>;
}

/**
 * The navigation of a narrow window: a disclosure behind the header's Modules button
 * (`aria-expanded`), plain CSS and React state (Mantine's AppShell writes a <style>, which
 * the CSP forbids). Opening puts the keyboard on the current module; Escape closes it and
 * returns to the button, and so does choosing a module. The header's height is kept in a CSS
 * variable (through the CSSOM, which the CSP allows) so the panel opens just below it.
 */
export function useFoldingNavigation(): FoldingNavigation {
  const [open, setOpen] = useState(false);
  const frameRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLElement>(null);
  const navRef = useRef<HTMLElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const toggle = useCallback(() => setOpen((was) => !was), []);
  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    const frame = frameRef.current;
    const header = headerRef.current;
    if (!frame || !header) return;
    const measure = () => frame.style.setProperty('--frame-header-height', `${header.offsetHeight}px`);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(header);
    return () => observer.disconnect();
  }, []);

  // A window widened past the fold shows the navigation anyway; narrowed again, it starts folded.
  useEffect(() => {
    const narrow = window.matchMedia(NARROW);
    const fold = () => setOpen(false);
    narrow.addEventListener('change', fold);
    return () => narrow.removeEventListener('change', fold);
  }, []);

  useEffect(() => {
    const nav = navRef.current;
    if (!open || !nav) return;
    (nav.querySelector<HTMLElement>('[aria-current="page"]') ?? nav.querySelector<HTMLElement>('a'))?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      // Folding hides the links: the keyboard goes back to the button (a new page then takes it to its heading).
      if (window.matchMedia(NARROW).matches && nav.contains(document.activeElement)) toggleRef.current?.focus();
    };
  }, [open]);

  return { open, toggle, close, frameRef, headerRef, navRef, toggleRef };
}
