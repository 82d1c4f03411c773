// Accessibility end to end, in the release build: axe-core on the main screens in light and
// dark, the palette's contrast in both themes, the Theme switch, keyboard focus, landmarks and
// headings, and the print stylesheet. Screenshots go to e2e/artifacts/a11y-*.png.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, screenshot, startApp } from "./harness.mjs";

const AXE_SOURCE = readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

/** Impacts that fail a test; moderate and minor ones are printed as diagnostics only. */
const FAILING_IMPACTS = new Set(["serious", "critical"]);

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

/**
 * Opens `rest` in a fresh context with the system colour scheme `colorScheme`.
 * bypassCSP: the app's Content-Security-Policy allows only its own script files, so the page
 * refuses axe-core injected as script text. Only this file's contexts bypass it; the other e2e
 * tests (and smoke.test.mjs, which checks the policy) run under the real policy.
 */
async function open(rest = "/", { colorScheme = "light" } = {}) {
  const context = await app.browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme,
    bypassCSP: true,
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (err) => pageErrors.push(err.stack || String(err)));
  await page.goto(app.server.url(rest), { waitUntil: "load" });
  await page.getByLabel("Call record JSON").waitFor({ state: "visible", timeout: 20_000 });
  return { page, context, pageErrors, close: () => context.close() };
}

/** Chooses a theme with the switch, as a person would. */
async function chooseTheme(page, value) {
  await page.getByLabel("Theme").selectOption(value);
}

/** Waits for the example's summary, then opens the first session and the first segment. */
async function openExampleCards(page) {
  await page.locator(".summary").waitFor({ state: "visible", timeout: 20_000 });
  for (const toggle of [".session__toggle", ".segment__toggle"]) {
    const first = page.locator(toggle).first();
    await first.waitFor({ state: "visible" });
    if ((await first.getAttribute("aria-expanded")) === "false") await first.click();
    assert.equal(await first.getAttribute("aria-expanded"), "true", `${toggle} opens`);
  }
  await page.getByTestId("stream-row").first().waitFor({ state: "visible" });
}

/** Opens every card of the example, repeatedly, until no closed disclosure is left. */
async function openEveryCard(page) {
  await openExampleCards(page);
  for (let round = 0; round < 5; round++) {
    const closed = page.locator("button.disclosure[aria-expanded=false]");
    const n = await closed.count();
    if (n === 0) return;
    for (let i = n - 1; i >= 0; i--) await closed.nth(i).click();
  }
}

/** Pastes broken JSON and inspects it, which shows the syntax alert. */
async function showBadInput(page) {
  await page.getByLabel("Call record JSON").fill('{"a":');
  await page.getByRole("button", { name: "Inspect", exact: true }).click();
  await page.getByRole("alert").waitFor({ state: "visible" });
}

/** Runs axe-core on the whole page and returns its violations, simplified. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    const simplify = (v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    });
    return {
      rules: result.passes.length + result.violations.length + result.incomplete.length,
      violations: result.violations.map(simplify),
      // "Needs review": mostly contrast that axe cannot compute (text over a gradient or
      // another element). Printed, never failed on.
      incomplete: result.incomplete.map(simplify),
    };
  });
}

function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.targets.join("\n      ")}`)
    .join("\n  ");
}

// Every card open includes the Raw JSON boxes (scrollable, so focusable) and the gaps between
// segments (inside their list items, so the segment list holds only items).
const SCREENS = {
  start: { rest: "/", prepare: async () => {} },
  example: { rest: "/#example", prepare: openExampleCards },
  "example, every card open": {
    rest: "/#example",
    prepare: openEveryCard,
  },
  "bad input": { rest: "/", prepare: showBadInput },
};

// "dark via switch" starts from a light system and chooses Dark with the switch, so that the
// attribute path is checked as well as the prefers-color-scheme path.
const MODES = {
  light: { colorScheme: "light", theme: null },
  dark: { colorScheme: "dark", theme: null },
  "dark via switch": { colorScheme: "light", theme: "dark" },
};

describe("axe-core finds nothing serious or critical", () => {
  for (const [screen, { rest, prepare }] of Object.entries(SCREENS)) {
    for (const [mode, { colorScheme, theme }] of Object.entries(MODES)) {
      test(`${screen}, ${mode}`, { timeout: 60_000 }, async (t) => {
        const p = await open(rest, { colorScheme });
        try {
          if (theme) await chooseTheme(p.page, theme);
          await prepare(p.page);
          const { rules, violations, incomplete } = await axeViolations(p.page);
          assert.ok(rules > 20, `axe ran its rules (${rules})`);
          if (incomplete.length) t.diagnostic(`needs review:\n  ${describeViolations(incomplete)}`);
          const minor = violations.filter((v) => !FAILING_IMPACTS.has(v.impact));
          if (minor.length) t.diagnostic(`below serious:\n  ${describeViolations(minor)}`);
          const failing = violations.filter((v) => FAILING_IMPACTS.has(v.impact));
          assert.deepEqual(
            failing.map((v) => v.id),
            [],
            `${screen} in ${mode}: axe violations of impact serious or critical:\n  ${describeViolations(failing)}`,
          );
          assert.deepEqual(p.pageErrors, [], "page errors");
          await screenshot(p.page, `a11y-${screen}-${mode}`);
        } finally {
          await p.close();
        }
      });
    }
  }
});

// Every text/background pair the stylesheet combines, with the ratio WCAG AA asks for: 4.5 for
// text, 3 for focus rings and the boundaries of fields and buttons. axe checks only what is on
// screen; this checks the palette itself, including colours the example never shows.
const PAIRS = [
  ["--text", "--bg", 4.5],
  ["--text", "--surface", 4.5],
  ["--text", "--surface-2", 4.5],
  ["--muted", "--bg", 4.5],
  ["--muted", "--surface", 4.5],
  ["--muted", "--surface-2", 4.5],
  ["--accent", "--surface", 4.5],
  ["--accent", "--bg", 4.5],
  ["--accent-text", "--accent", 4.5],
  ["--good", "--good-bg", 4.5],
  ["--good", "--surface", 4.5],
  ["--good", "--surface-2", 4.5],
  ["--poor", "--poor-bg", 4.5],
  ["--poor", "--surface", 4.5],
  ["--poor", "--surface-2", 4.5],
  ["--warning", "--warning-bg", 4.5],
  ["--warning", "--surface", 4.5],
  ["--warning", "--surface-2", 4.5],
  ["--neutral", "--neutral-bg", 4.5],
  ["--neutral", "--surface", 4.5],
  ["--text", "--neutral-bg", 4.5],
  ["--text", "--poor-bg", 4.5],
  ["--text", "--warning-bg", 4.5],
  ["--muted", "--warning-bg", 4.5],
  ["--muted", "--poor-bg", 4.5],
  ["--focus", "--bg", 3],
  ["--focus", "--surface", 3],
  ["--focus", "--surface-2", 3],
  ["--control-border", "--bg", 3],
  ["--control-border", "--surface", 3],
  ["--control-border", "--surface-2", 3],
];

/** WCAG 2.x contrast ratio of two [r, g, b] colours (0–255). */
function contrast(a, b) {
  const luminance = (rgb) => {
    const [r, g, bl] = rgb.map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The palette as the browser resolves it under `data-theme=theme`: name → [r, g, b]. */
async function palette(page, theme) {
  const names = [...new Set(PAIRS.flatMap(([fg, bg]) => [fg, bg]))];
  return page.evaluate(
    ({ theme, names }) => {
      document.documentElement.setAttribute("data-theme", theme);
      const probe = document.createElement("div");
      document.body.append(probe);
      const out = {};
      for (const name of names) {
        probe.style.color = `var(${name})`;
        const parts = getComputedStyle(probe).color.match(/[\d.]+/g).map(Number);
        out[name] = parts.slice(0, 3);
      }
      probe.remove();
      return out;
    },
    { theme, names },
  );
}

describe("contrast", () => {
  for (const theme of ["light", "dark"]) {
    test(`every palette pair meets WCAG AA in ${theme}`, { timeout: 60_000 }, async (t) => {
      const p = await open("/");
      try {
        const colours = await palette(p.page, theme);
        const rows = PAIRS.map(([fg, bg, min]) => ({
          pair: `${fg} on ${bg}`,
          ratio: contrast(colours[fg], colours[bg]),
          min,
        }));
        t.diagnostic(
          `${theme}:\n  ${rows.map((r) => `${r.pair.padEnd(32)} ${r.ratio.toFixed(2)}`).join("\n  ")}`,
        );
        const failing = rows.filter((r) => r.ratio < r.min);
        assert.deepEqual(
          failing.map((r) => `${r.pair}: ${r.ratio.toFixed(2)} < ${r.min}`),
          [],
          `${theme}: palette pairs below WCAG AA`,
        );
      } finally {
        await p.close();
      }
    });
  }
});

describe("the Theme switch", () => {
  const bodyBackground = (page) =>
    page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const themeAttribute = (page) =>
    page.evaluate(() => document.documentElement.getAttribute("data-theme"));
  const stored = (page) => page.evaluate(() => localStorage.getItem("callscope.theme"));

  test("Dark sets data-theme, darkens the page, survives a reload; System removes it", { timeout: 60_000 }, async () => {
    const p = await open("/", { colorScheme: "light" });
    try {
      const page = p.page;
      assert.equal(await themeAttribute(page), null, "no attribute by default: follow the system");
      assert.equal(await page.getByLabel("Theme").inputValue(), "system");
      const light = await bodyBackground(page);

      await chooseTheme(page, "dark");
      assert.equal(await themeAttribute(page), "dark", "Dark sets data-theme=dark");
      const dark = await bodyBackground(page);
      assert.notEqual(dark, light, "the body background changes with the theme");
      assert.equal(await stored(page), "dark", "the choice is remembered");

      await page.reload({ waitUntil: "load" });
      await page.getByLabel("Call record JSON").waitFor({ state: "visible" });
      assert.equal(await themeAttribute(page), "dark", "the choice survives a reload");
      assert.equal(await page.getByLabel("Theme").inputValue(), "dark", "the switch shows it");
      assert.equal(await bodyBackground(page), dark);

      await chooseTheme(page, "system");
      assert.equal(await themeAttribute(page), null, "System removes the attribute");
      assert.equal(await stored(page), null, "System is stored as no preference");
      assert.equal(await bodyBackground(page), light, "a light system shows the light page");
      assert.deepEqual(p.pageErrors, [], "page errors");
    } finally {
      await p.close();
    }
  });

  test("Light overrides a dark system, and the keyboard operates the switch", { timeout: 60_000 }, async () => {
    const p = await open("/", { colorScheme: "dark" });
    try {
      const page = p.page;
      const dark = await bodyBackground(page);
      await chooseTheme(page, "light");
      assert.equal(await themeAttribute(page), "light");
      assert.notEqual(await bodyBackground(page), dark, "Light wins over the dark system");
      const scheme = await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
      assert.equal(scheme, "light", "form controls and scrollbars follow the chosen theme");

      // The switch is the first stop on the page and changes with the arrow keys.
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "theme-switch");
      await page.keyboard.press("ArrowDown");
      assert.equal(await themeAttribute(page), "dark", "ArrowDown from Light chooses Dark");
    } finally {
      await p.close();
    }
  });
});

describe("a saved theme", () => {
  test("applies before the app starts, so a dark choice does not flash light", { timeout: 60_000 }, async () => {
    const p = await open("/");
    try {
      await p.page.evaluate(() => localStorage.setItem("callscope.theme", "dark"));
      // Without the WebAssembly only boot.js runs: the theme must already be on <html>.
      await p.page.route("**/*.wasm", (route) => route.abort());
      await p.page.reload();
      await p.page.waitForFunction(() => document.documentElement.dataset.theme !== undefined);
      assert.equal(await p.page.evaluate(() => document.documentElement.dataset.theme), "dark");
    } finally {
      await p.close();
    }
  });
});

describe("keyboard", () => {
  test("every stop on the example shows a focus ring, and cards open with Enter and Space", { timeout: 90_000 }, async (t) => {
    const p = await open("/#example");
    try {
      const page = p.page;
      await openExampleCards(page);
      // Clicking the title (not focusable) moves the start of Tab order to the top of the page.
      await page.locator("h1").click();

      const stops = [];
      for (let i = 0; i < 150; i++) {
        await page.keyboard.press("Tab");
        const stop = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          const label = (el.getAttribute("aria-label") || el.textContent || el.id || "")
            .replace(/\s+/g, " ")
            .trim()
            .slice(0, 50);
          return {
            what: `${el.tagName.toLowerCase()}${el.getAttribute("class") ? "." + el.getAttribute("class").split(" ").join(".") : ""} "${label}"`,
            outline: `${style.outlineStyle} ${style.outlineWidth}`,
            visible: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
          };
        });
        if (!stop || (stops.length && stop.what === stops[0].what)) break;
        stops.push(stop);
      }
      t.diagnostic(`tab order:\n  ${stops.map((s) => `${s.what} [${s.outline}]`).join("\n  ")}`);
      assert.ok(stops.length > 10, `Tab reaches the controls (${stops.length} stops)`);
      const unringed = stops.filter((s) => !s.visible).map((s) => s.what);
      assert.deepEqual(unringed, [], "every focused element shows an outline of 2px or more");
      for (const expected of ["theme-switch", "Inspect", "Load example", "Fetch from a URL", "session__toggle", "segment__toggle"]) {
        assert.ok(stops.some((s) => s.what.includes(expected)), `Tab reaches ${expected}`);
      }

      // Disclosure buttons are real buttons: Enter and Space toggle them.
      const toggle = page.locator(".session__toggle").nth(1);
      await toggle.focus();
      const before = await toggle.getAttribute("aria-expanded");
      await page.keyboard.press("Enter");
      const afterEnter = await toggle.getAttribute("aria-expanded");
      assert.notEqual(afterEnter, before, "Enter toggles a session card");
      await page.keyboard.press("Space");
      assert.equal(await toggle.getAttribute("aria-expanded"), before, "Space toggles it back");
      await screenshot(page, "a11y-focus-ring");
    } finally {
      await p.close();
    }
  });
});

describe("landmarks and headings", () => {
  test("one banner, one main, headings from h1 down without skipping a level", { timeout: 60_000 }, async (t) => {
    const p = await open("/#example");
    try {
      const page = p.page;
      await openExampleCards(page);
      assert.equal(await page.getByRole("banner").count(), 1, "one banner (the page header)");
      assert.equal(await page.getByRole("main").count(), 1, "one main");
      const headings = await page.evaluate(() =>
        [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => ({
          level: Number(h.tagName[1]),
          text: h.textContent.replace(/\s+/g, " ").trim().slice(0, 60),
        })),
      );
      t.diagnostic(`outline:\n  ${headings.map((h) => `${"  ".repeat(h.level - 1)}h${h.level} ${h.text}`).join("\n  ")}`);
      assert.equal(headings.filter((h) => h.level === 1).length, 1, "one h1");
      assert.equal(headings[0].level, 1, "the h1 comes first");
      const skips = headings
        .map((h, i) => (i > 0 && h.level > headings[i - 1].level + 1 ? `h${headings[i - 1].level} → h${h.level} "${h.text}"` : null))
        .filter(Boolean);
      assert.deepEqual(skips, [], "no heading skips a level going down");
    } finally {
      await p.close();
    }
  });
});

describe("print", () => {
  for (const mode of ["light", "dark via switch"]) {
    test(`the example prints as a black-on-white report without controls, ${mode}`, { timeout: 60_000 }, async () => {
      const p = await open("/#example", { colorScheme: mode === "light" ? "light" : "dark" });
      try {
        const page = p.page;
        if (mode !== "light") await chooseTheme(page, "dark");
        await openExampleCards(page);
        // A4 less the 12 mm side margins of @page is about 703 CSS pixels wide.
        await page.setViewportSize({ width: 703, height: 1000 });
        await page.emulateMedia({ media: "print" });
        await screenshot(page, `a11y-print-${mode}`);

        const look = await page.evaluate(() => ({
          background: getComputedStyle(document.body).backgroundColor,
          color: getComputedStyle(document.body).color,
        }));
        assert.equal(look.background, "rgb(255, 255, 255)", "white paper");
        assert.equal(look.color, "rgb(0, 0, 0)", "black text");
        for (const hidden of [".input", ".fetch", ".theme-switch", ".button", ".app__tagline"]) {
          const shown = await page.locator(hidden).evaluateAll((els) =>
            els.filter((el) => getComputedStyle(el).display !== "none").length,
          );
          assert.equal(shown, 0, `${hidden} is not printed`);
        }
        assert.ok(await page.locator(".summary").isVisible(), "the summary is printed");
        assert.ok(await page.getByTestId("stream-row").first().isVisible(), "open cards print their streams");
        const arrows = await page.locator(".disclosure__icon").evaluateAll((els) =>
          els.filter((el) => getComputedStyle(el).display !== "none").length,
        );
        assert.equal(arrows, 0, "no ▸/▾ marks on paper");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll("main *")]
            .filter((el) => el.getBoundingClientRect().right > innerWidth + 1)
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(" ").join(".")}`),
        );
        assert.ok(overflow <= 0, `nothing is wider than the paper (${overflow}px too wide: ${wide.join(", ")})`);
      } finally {
        await p.close();
      }
    });
  }
});
