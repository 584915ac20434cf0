/** Matches the stylesheet's full-screen panel (styles.ts, `max-width: 480px`). */
const phoneQuery = "(max-width: 480px)";

/**
 * The open panel on a phone: it fills the screen, so the page behind must not scroll under the visitor's finger,
 * and the on-screen keyboard must not cover the composer. The panel follows the visual viewport (what remains
 * above the keyboard) through two CSS variables; the page's own overflow is put back as it was on close.
 */
export class PhoneLayout {
  private saved: { html: string; body: string } | null = null;

  constructor(private readonly root: HTMLElement) {}

  opened(): void {
    if (!window.matchMedia?.(phoneQuery).matches) return;
    if (this.saved === null) {
      this.saved = { html: document.documentElement.style.overflow, body: document.body.style.overflow };
      document.documentElement.style.overflow = "hidden";
      document.body.style.overflow = "hidden";
    }
    window.visualViewport?.addEventListener("resize", this.fit);
    window.visualViewport?.addEventListener("scroll", this.fit);
    this.fit();
  }

  closed(): void {
    window.visualViewport?.removeEventListener("resize", this.fit);
    window.visualViewport?.removeEventListener("scroll", this.fit);
    this.root.style.removeProperty("--oc-viewport-top");
    this.root.style.removeProperty("--oc-viewport-height");
    if (this.saved === null) return;
    document.documentElement.style.overflow = this.saved.html;
    document.body.style.overflow = this.saved.body;
    this.saved = null;
  }

  private readonly fit = () => {
    const viewport = window.visualViewport;
    if (!viewport) return;
    this.root.style.setProperty("--oc-viewport-top", `${viewport.offsetTop}px`);
    this.root.style.setProperty("--oc-viewport-height", `${viewport.height}px`);
  };
}
