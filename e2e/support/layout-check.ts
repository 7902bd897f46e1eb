// What a person would see as broken, measured in the browser from layout boxes (no pixels), the way
// axe-core reads the page: text drawn over other text, text drawn over a chart it does not belong to,
// a chart's plot outside its frame, and anything reaching past the viewport's width (unless a scrolling
// or clipping box around it keeps it in). Runs as one page.evaluate: `page.evaluate(layoutProblems)`.
// Self-contained (Playwright sends the function's source to the page).

export interface LayoutProblem {
  kind: "text over text" | "text over chart" | "chart outside its frame" | "wider than the viewport";
  what: string;
}

export function layoutProblems(): LayoutProblem[] {
  type Box = { l: number; t: number; r: number; b: number };
  const problems: LayoutProblem[] = [];
  const vw = document.documentElement.clientWidth;
  const sx = window.scrollX;
  const sy = window.scrollY;
  const FULL: Box = { l: -Infinity, t: -Infinity, r: Infinity, b: Infinity };
  const toBox = (r: DOMRect): Box => ({ l: r.left + sx, t: r.top + sy, r: r.right + sx, b: r.bottom + sy });
  const meet = (a: Box, b: Box): Box => ({ l: Math.max(a.l, b.l), t: Math.max(a.t, b.t), r: Math.min(a.r, b.r), b: Math.min(a.b, b.b) });
  const w = (b: Box) => b.r - b.l;
  const h = (b: Box) => b.b - b.t;
  const empty = (b: Box) => w(b) <= 1.5 || h(b) <= 1.5;
  const short = (s: string) => s.replace(/\s+/g, " ").trim().slice(0, 40);
  const describe = (el: Element): string => {
    const id = el.id ? `#${el.id}` : "";
    const tid = el.getAttribute("data-testid");
    return `${el.tagName.toLowerCase()}${id}${tid ? `[data-testid=${tid}]` : ""} "${short(el.textContent ?? "")}"`;
  };

  // The visible part of each element: its box cut by every ancestor that clips or scrolls its overflow.
  const clipOf = new Map<Element, Box>();
  const hidden = new Set<Element>();
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "HEAD", "TITLE", "META", "LINK"]);
  const charts: { el: Element; frame: Element | null; box: Box }[] = [];
  const wide: string[] = [];
  const walk = (el: Element, clip: Box, parentHidden: boolean) => {
    if (SKIP.has(el.tagName)) return;
    const cs = getComputedStyle(el);
    // A closed <details> keeps its content laid out where it would be, but draws only its summary.
    const closedDetails =
      el.parentElement?.tagName === "DETAILS" && !(el.parentElement as HTMLDetailsElement).open && el.tagName !== "SUMMARY";
    const invisible =
      parentHidden ||
      closedDetails ||
      !el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true }) ||
      cs.display === "none" ||
      cs.visibility === "hidden" ||
      Number(cs.opacity) === 0 ||
      cs.clip === "rect(0px, 0px, 0px, 0px)" ||
      /inset\(50%\)/.test(cs.clipPath);
    if (invisible) hidden.add(el);
    const box = toBox(el.getBoundingClientRect());
    let inner = clip;
    const inSvg = el instanceof SVGElement && el.tagName !== "svg";
    if (!inSvg && (cs.overflowX !== "visible" || cs.overflowY !== "visible")) inner = meet(clip, box);
    if (cs.position === "fixed") inner = { l: sx, t: sy, r: sx + vw, b: Infinity };
    clipOf.set(el, inner);
    if (!invisible && !inSvg) {
      const seen = meet(box, clip);
      if (!empty(seen) && (seen.r > vw + sx + 1 || seen.l < sx - 1))
        wide.push(`${describe(el)} spans ${Math.round(seen.l)}–${Math.round(seen.r)} px`);
      // A chart: an SVG drawing of some size (icons are small), inside an element with role="img".
      if (el.tagName === "svg" && w(box) >= 64 && h(box) >= 64)
        charts.push({ el, frame: el.closest('[role="img"]'), box: meet(box, clip) });
    }
    for (const child of Array.from(el.children)) walk(child, inner, invisible);
  };
  walk(document.documentElement, FULL, false);
  // Report the outermost element that is too wide, not each of its descendants.
  problems.push(...wide.slice(0, 5).map((what) => ({ kind: "wider than the viewport" as const, what })));

  for (const c of charts) {
    if (!c.frame) continue;
    const frame = toBox(c.frame.getBoundingClientRect());
    if (c.box.l < frame.l - 1 || c.box.t < frame.t - 1 || c.box.r > frame.r + 1 || c.box.b > frame.b + 1)
      problems.push({
        kind: "chart outside its frame",
        what: `${describe(c.frame)}: plot ${Math.round(w(c.box))}×${Math.round(h(c.box))} px in a frame of ${Math.round(w(frame))}×${Math.round(h(frame))} px`,
      });
  }

  // Text: one box per line of each visible text node, cut by its clipping ancestors.
  const texts: { node: Text; el: Element; box: Box }[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.textContent?.trim() || hidden.has(el) || !clipOf.has(el)) continue;
    if (el instanceof SVGElement && el.tagName !== "text" && el.tagName !== "tspan") continue;
    range.selectNodeContents(n);
    for (const r of Array.from(range.getClientRects())) {
      const box = meet(toBox(r), clipOf.get(el)!);
      if (!empty(box)) texts.push({ node: n as Text, el, box });
    }
  }

  // Text over text: two text boxes that share more than a sliver (tight line heights may touch).
  texts.sort((a, b) => a.box.t - b.box.t);
  const reported = new Set<string>();
  for (let i = 0; i < texts.length; i++) {
    const a = texts[i]!;
    for (let j = i + 1; j < texts.length && texts[j]!.box.t < a.box.b; j++) {
      const b = texts[j]!;
      if (a.node === b.node) continue;
      const o = meet(a.box, b.box);
      if (w(o) > 2 && h(o) > 0.3 * Math.min(h(a.box), h(b.box))) {
        const what = `"${short(a.node.textContent!)}" (${describe(a.el)}) and "${short(b.node.textContent!)}" (${describe(b.el)})`;
        if (!reported.has(what)) problems.push({ kind: "text over text", what });
        reported.add(what);
      }
    }
  }

  // Text over a chart: text outside the chart's frame whose box enters the plot.
  for (const c of charts) {
    for (const t of texts) {
      if (c.frame?.contains(t.el) || c.el.contains(t.el)) continue;
      const o = meet(c.box, t.box);
      if (w(o) > 2 && h(o) > 2)
        problems.push({
          kind: "text over chart",
          what: `"${short(t.node.textContent!)}" (${describe(t.el)}) over ${describe(c.frame ?? c.el)}`,
        });
    }
  }
  return problems;
}
