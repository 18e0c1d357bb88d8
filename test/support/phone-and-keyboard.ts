// docs/rules.md, rule 16, as a check any spec can run on the page in front of it: at 360 px
// nothing scrolls sideways or is cut off, every field has a visible label that names it, and Tab
// reaches every control with a visible focus.
import { expect, type Page } from "@playwright/test";

export const PHONE = { width: 360, height: 740 };

/** What is wrong with the page at phone width and by keyboard, as lists that should be empty. */
type PageFindings = {
  scrollWidth: number;
  /** Controls cut off at the screen's edge and not inside a container that scrolls to them. */
  outOfReach: string[];
  /** Fields without a visible label naming them. */
  unlabelled: string[];
  /** Each visible field with its visible label's text. */
  fields: { selector: string; label: string }[];
};

const CONTROLS = "a[href], button, input:not([type='hidden']), select, textarea, summary";
const FIELDS = "input:not([type='hidden']), select, textarea";

function inspectPage(page: Page): Promise<PageFindings> {
  return page.evaluate(
    ({ controls, fieldSelector }) => {
      const viewportWidth = window.innerWidth;
      const describe = (element: Element) =>
        `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}> ` +
        `"${(element.textContent ?? "").trim().slice(0, 40) || (element.getAttribute("name") ?? "")}"`;
      const shown = (element: Element) => {
        const box = element.getBoundingClientRect();
        return (
          element.checkVisibility({ visibilityProperty: true }) && box.width > 1 && box.height > 1
        );
      };
      const scrollsSideways = (element: Element | null): boolean => {
        for (let node = element?.parentElement; node; node = node.parentElement) {
          const { overflowX } = getComputedStyle(node);
          if (
            (overflowX === "auto" || overflowX === "scroll") &&
            node.scrollWidth > node.clientWidth
          )
            return true;
        }
        return false;
      };
      const outOfReach = Array.from(document.querySelectorAll(controls))
        .filter(shown)
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return (box.left < 0 || box.right > viewportWidth + 0.5) && !scrollsSideways(element);
        })
        .map(describe);
      const unlabelled: string[] = [];
      const fields: { selector: string; label: string }[] = [];
      for (const field of Array.from(document.querySelectorAll(fieldSelector)).filter(shown)) {
        const labels = Array.from((field as HTMLInputElement).labels ?? []).filter(shown);
        const text = labels
          .map((label) => label.textContent?.trim() ?? "")
          .filter(Boolean)
          .join(" ");
        if (!text || !field.id) unlabelled.push(describe(field));
        else fields.push({ selector: `#${CSS.escape(field.id)}`, label: text });
      }
      return {
        scrollWidth: document.documentElement.scrollWidth,
        outOfReach,
        unlabelled,
        fields,
      };
    },
    { controls: CONTROLS, fieldSelector: FIELDS },
  );
}

/**
 * Tabs through the page from its start and returns the visible controls that Tab never reached,
 * and those that showed no focus outline when reached.
 */
async function tabThrough(page: Page): Promise<{ unreached: string[]; noOutline: string[] }> {
  const total = await page.evaluate((controls) => {
    (document.activeElement as HTMLElement | null)?.blur();
    const candidates = Array.from(document.querySelectorAll<HTMLElement>(controls)).filter(
      (element) =>
        element.checkVisibility({ visibilityProperty: true }) &&
        !(element as HTMLButtonElement).disabled,
    );
    candidates.forEach((element, index) => (element.dataset.a11yIndex = String(index)));
    return candidates.length;
  }, CONTROLS);
  const reached = new Set<string>();
  const noOutline = new Set<string>();
  for (let press = 0; press < total * 2 + 10 && reached.size < total; press++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      const index = element?.dataset.a11yIndex;
      if (!element || index === undefined) return null;
      const style = getComputedStyle(element);
      const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
      return { index, outlined: outlined || style.boxShadow !== "none" };
    });
    if (!focused) continue;
    reached.add(focused.index);
    if (!focused.outlined) noOutline.add(focused.index);
  }
  const name = (indexes: string[]) =>
    page.evaluate(
      (wanted) =>
        wanted.map((index) => {
          const element = document.querySelector(`[data-a11y-index="${index}"]`)!;
          return `<${element.tagName.toLowerCase()}> "${(element.textContent ?? "").trim().slice(0, 40) || element.getAttribute("name") || ""}"`;
        }),
      indexes,
    );
  const all = Array.from({ length: total }, (_, index) => String(index));
  return {
    unreached: await name(all.filter((index) => !reached.has(index))),
    noOutline: await name([...noOutline]),
  };
}

/** The page as it is now: no sideways scrolling, every field labelled, every control reachable. */
export async function expectUsableOnPhoneByKeyboard(page: Page, what: string): Promise<void> {
  const findings = await inspectPage(page);
  expect(findings.scrollWidth, `${what}: the page scrolls sideways at 360 px`).toBeLessThanOrEqual(
    PHONE.width,
  );
  expect(findings.outOfReach, `${what}: controls cut off at 360 px`).toEqual([]);
  expect(findings.unlabelled, `${what}: fields without a visible label`).toEqual([]);
  for (const field of findings.fields) {
    await expect(
      page.locator(field.selector),
      `${what}: ${field.selector} is named by its label`,
    ).toHaveAccessibleName(field.label);
  }
  const keyboard = await tabThrough(page);
  expect(keyboard.unreached, `${what}: controls Tab never reaches`).toEqual([]);
  expect(keyboard.noOutline, `${what}: controls with no visible focus`).toEqual([]);
}
