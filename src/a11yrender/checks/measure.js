// What a reader gets, read off Chromium's computed styles and layout. Plain data only:
// the arithmetic (compositing, contrast ratios, thresholds) happens in Python, in
// a11yrender.colour and a11yrender.checks, so there is one implementation of it.
(() => {
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "HEAD", "TITLE", "OPTION", "DATALIST"]);
  const TARGETS = [
    "a[href]", "area[href]", "button", "input:not([type=hidden])", "select", "textarea", "summary",
    "[role=button]", "[role=link]", "[role=checkbox]", "[role=radio]", "[role=switch]", "[role=tab]",
    "[role=menuitem]", "[role=option]", "[tabindex]:not([tabindex='-1'])",
  ].join(",");
  const TEXT_INPUTS = new Set(["", "text", "search", "email", "url", "tel", "number", "password", "date", "time", "datetime-local", "month", "week"]);
  const BUTTON_INPUTS = new Set(["submit", "reset", "button"]);

  // A CSS path to el, from the nearest ancestor with a unique id (or from body). Memoised,
  // with sibling positions counted once per parent: pages with thousands of text runs
  // under one parent made this quadratic.
  const pathMemo = new Map();
  const positionMemo = new Map();
  function uniqueId(e) {
    return e.id && document.querySelectorAll("#" + CSS.escape(e.id)).length === 1;
  }
  function position(e) {
    const parent = e.parentElement;
    if (!positionMemo.has(parent)) {
      const counts = new Map(), positions = new Map();
      for (const c of parent.children) {
        const n = (counts.get(c.localName) || 0) + 1;
        counts.set(c.localName, n);
        positions.set(c, n);
      }
      positionMemo.set(parent, { counts, positions });
    }
    const { counts, positions } = positionMemo.get(parent);
    return counts.get(e.localName) > 1 ? positions.get(e) : 0;
  }
  function cssPath(el) {
    if (pathMemo.has(el)) return pathMemo.get(el);
    let path;
    if (uniqueId(el)) {
      path = "#" + CSS.escape(el.id);
    } else {
      let part = el.localName;
      const parent = el.parentElement;
      if (parent) {
        const n = position(el);
        if (n) part += `:nth-of-type(${n})`;
      }
      const top = !parent || parent.nodeType !== 1 || el.localName === "body" || el.localName === "html";
      path = top ? part : cssPath(parent) + " > " + part;
    }
    pathMemo.set(el, path);
    return path;
  }

  function rectOf(r) {
    return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
  }

  // Hidden from sight although laid out: clipped to a pixel (the sr-only pattern) or
  // moved off the page.
  // The per-element answers below are memoised for the duration of one call (this script
  // is evaluated afresh for each): a page's thousands of text runs share their ancestors.
  const clippedMemo = new Map(), opacityMemo = new Map(), backgroundMemo = new Map();
  function forgetStyles() {
    clippedMemo.clear(); opacityMemo.clear(); backgroundMemo.clear(); underlinedMemo.clear();
  }

  function concealed(el, rects) {
    const doc = document.scrollingElement || document.documentElement;
    if (rects.every((r) => r.right + scrollX < 0 || r.bottom + scrollY < 0 || r.left + scrollX > doc.scrollWidth + 1)) return true;
    return clippedAway(el);
  }

  // el or an ancestor (below body) is clipped to nothing, or clipped away by inset(50%).
  function clippedAway(e) {
    if (!e || e === document.body) return false;
    if (clippedMemo.has(e)) return clippedMemo.get(e);
    const s = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    const tiny = box.width <= 1.5 || box.height <= 1.5;
    const result = (tiny && (s.overflow !== "visible" || s.clip !== "auto" || s.clipPath !== "none"))
      || !!(s.clipPath && /inset\(\s*50%/.test(s.clipPath)) || clippedAway(e.parentElement);
    clippedMemo.set(e, result);
    return result;
  }

  function opacityOf(el) {
    if (!el) return 1;
    if (opacityMemo.has(el)) return opacityMemo.get(el);
    const o = parseFloat(getComputedStyle(el).opacity) * opacityOf(el.parentElement);
    opacityMemo.set(el, o);
    return o;
  }

  // Background layers from the element outwards, stopping at the first opaque colour.
  function backgrounds(el) {
    if (!el) return [];
    if (backgroundMemo.has(el)) return backgroundMemo.get(el);
    const s = getComputedStyle(el);
    const image = s.backgroundImage !== "none";
    const layer = { color: s.backgroundColor, image, selector: image ? cssPath(el) : null };
    const m = /rgba?\(([^)]+)\)/.exec(s.backgroundColor);
    const alpha = m ? m[1].split(/[ ,/]+/).filter(Boolean)[3] : undefined;
    const opaque = m && (alpha === undefined || parseFloat(alpha) >= 1);
    const layers = opaque ? [layer] : [layer].concat(backgrounds(el.parentElement));
    backgroundMemo.set(el, layers);
    return layers;
  }

  function style(el, pseudo) {
    const s = getComputedStyle(el, pseudo);
    return {
      fontSize: parseFloat(s.fontSize),
      lineHeight: s.lineHeight === "normal" ? null : parseFloat(s.lineHeight),
      fontWeight: parseInt(s.fontWeight, 10) || 400,
      // What is painted: -webkit-text-fill-color wins over color when set.
      color: s.webkitTextFillColor || s.color,
      textAlign: s.textAlign,
      textShadow: s.textShadow !== "none",
      letterSpacing: s.letterSpacing,
      wordSpacing: s.wordSpacing,
    };
  }

  function run(el, text, kind, rects, pseudo) {
    return Object.assign(style(el, pseudo), {
      selector: cssPath(el), tag: el.localName, kind, text: text.replace(/\s+/g, " ").trim().slice(0, 200),
      rect: rectOf(rects[0]), lines: rects.length, opacity: opacityOf(el), backgrounds: backgrounds(el),
      lang: (el.closest("[lang]") || document.documentElement).getAttribute("lang") || "",
      link: !!el.closest(":any-link"), underlined: underlined(el),
    });
  }

  // Whether the text of el is drawn underlined: by its own text-decoration or one that
  // propagates from an ancestor (decorations do not propagate into inline-blocks, floats or
  // absolutely positioned boxes).
  const underlinedMemo = new Map();
  function underlined(el) {
    if (!el || el.nodeType !== 1) return false;
    if (underlinedMemo.has(el)) return underlinedMemo.get(el);
    const s = getComputedStyle(el);
    let result;
    if (s.textDecorationLine.includes("underline")) result = true;
    else if (s.display.startsWith("inline-") || s.float !== "none" || s.position === "absolute" || s.position === "fixed") result = false;
    else result = underlined(el.parentElement);
    underlinedMemo.set(el, result);
    return result;
  }

  function visibleBox(el) {
    const s = getComputedStyle(el);
    if (s.visibility !== "visible" || s.display === "none") return null;
    const rects = [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (!rects.length || concealed(el, rects)) return null;
    return rects;
  }

  // The focus indicator of each focusable element, read while it has focus (focused by
  // script, without scrolling). limit bounds the work on pages with thousands of links.
  function focusIndicators(limit) {
    const out = [];
    const before = document.activeElement;
    for (const el of document.querySelectorAll(TARGETS)) {
      if (limit && out.length >= limit) break;
      if (!visibleBox(el)) continue;
      el.focus({ preventScroll: true });
      if (document.activeElement !== el) continue;
      forgetStyles();  // focus may restyle ancestors (:focus-within)
      const s = getComputedStyle(el);
      out.push({
        selector: cssPath(el), tag: el.localName, outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
        outlineColor: s.outlineColor, outlineOffset: parseFloat(s.outlineOffset) || 0, boxShadow: s.boxShadow,
        backgrounds: backgrounds(el.parentElement || el), rect: rectOf(el.getBoundingClientRect()),
      });
      el.blur();
    }
    if (before && before.focus) before.focus({ preventScroll: true });
    return out;
  }

  // The border of every visible form control and button, and the backgrounds either side.
  function controlBorders() {
    const out = [];
    for (const el of document.querySelectorAll("input, textarea, select, button")) {
      const type = (el.getAttribute("type") || "").toLowerCase();
      if (el.localName === "input" && !TEXT_INPUTS.has(type) && !BUTTON_INPUTS.has(type)) continue;
      if (!visibleBox(el)) continue;
      const s = getComputedStyle(el);
      const sides = ["top", "right", "bottom", "left"].map((side) => ({
        style: s.getPropertyValue(`border-${side}-style`), width: parseFloat(s.getPropertyValue(`border-${side}-width`)) || 0,
        color: s.getPropertyValue(`border-${side}-color`),
      }));
      out.push({
        selector: cssPath(el), tag: el.localName, type, sides,
        outside: backgrounds(el.parentElement || el), inside: backgrounds(el), rect: rectOf(el.getBoundingClientRect()),
      });
    }
    return out;
  }

  // Glyphs that are not text nodes: the shapes of inline SVG (painted with fill and stroke)
  // and generated content (::before/::after: icon fonts, decorative characters).
  function glyphs() {
    const out = [];
    const SHAPES = "path, circle, rect, ellipse, line, polyline, polygon, text, use";
    for (const svg of document.querySelectorAll("svg")) {
      if (svg.parentElement && svg.parentElement.closest("svg")) continue;
      if (!visibleBox(svg)) continue;
      const color = getComputedStyle(svg).color;
      for (const shape of svg.querySelectorAll(SHAPES)) {
        if (shape.closest("defs, symbol, mask, clipPath, pattern, marker")) continue;
        const s = getComputedStyle(shape);
        if (s.display === "none" || s.visibility !== "visible") continue;
        out.push({ selector: cssPath(shape), kind: "svg", fill: s.fill, stroke: s.stroke, color: getComputedStyle(shape).color,
                   svgColor: color, backgrounds: backgrounds(svg), text: "" });
      }
    }
    for (const el of document.body ? document.body.querySelectorAll("*") : []) {
      if (SKIP.has(el.tagName)) continue;
      for (const pseudo of ["::before", "::after"]) {
        const s = getComputedStyle(el, pseudo);
        const content = s.content;
        if (!content || content === "none" || content === "normal" || !/^["'].*\S.*["']$/s.test(content)) continue;
        if (s.display === "none" || s.visibility !== "visible" || !visibleBox(el) || opacityOf(el) === 0) continue;
        const text = content.slice(1, -1);
        out.push({ selector: cssPath(el) + pseudo, kind: "generated", fill: "", stroke: "",
                   color: s.webkitTextFillColor || s.color, svgColor: "", backgrounds: backgrounds(el), text,
                   opacity: opacityOf(el) * parseFloat(s.opacity), textShadow: s.textShadow !== "none",
                   fontSize: parseFloat(s.fontSize), fontWeight: parseInt(s.fontWeight, 10) || 400 });
      }
    }
    return out;
  }

  // Every <img> and image button as painted: loaded, its alt, and what could alter it.
  function images() {
    const out = [];
    for (const el of document.querySelectorAll("img, input[type=image i]")) {
      const rects = visibleBox(el);
      let filter = "none", blend = "normal";
      for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.filter !== "none") filter = s.filter;
        if (s.mixBlendMode !== "normal") blend = s.mixBlendMode;
      }
      out.push({
        selector: cssPath(el), src: el.getAttribute("src"), alt: el.getAttribute("alt"), visible: !!rects,
        loaded: el.localName === "img" ? el.complete && el.naturalWidth > 0 : true,
        filter, blend, opacity: opacityOf(el), rect: rectOf(el.getBoundingClientRect()),
      });
    }
    return out;
  }

  function textRuns() {
    const out = [];
    const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim()) continue;
      const el = node.parentElement;
      if (!el || SKIP.has(el.tagName) || el.closest("svg title, svg desc, select")) continue;
      const s = getComputedStyle(el);
      if (s.visibility !== "visible" || s.display === "none") continue;
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (!rects.length || concealed(el, rects)) continue;
      if (opacityOf(el) === 0) continue;  // painted fully transparent: hidden, like visibility: hidden
      out.push(run(el, node.data, "text", rects));
    }
    for (const el of document.querySelectorAll("input, textarea, select")) {
      const type = (el.getAttribute("type") || "").toLowerCase();
      if (el.localName === "input" && !TEXT_INPUTS.has(type) && !BUTTON_INPUTS.has(type)) continue;
      const rects = [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (!rects.length || getComputedStyle(el).visibility !== "visible" || concealed(el, rects)) continue;
      const value = el.localName === "select" ? (el.selectedOptions[0] || {}).text || "" : el.value;
      if (value && value.trim()) out.push(run(el, value, "control", rects));
      else if (el.placeholder && el.placeholder.trim()) out.push(run(el, el.placeholder, "placeholder", rects, "::placeholder"));
    }
    return out;
  }

  function overflow() {
    const doc = document.scrollingElement || document.documentElement;
    const width = doc.clientWidth;
    const offenders = [];
    const all = document.body ? document.body.querySelectorAll("*") : [];
    for (const el of all) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right + scrollX <= width + 1 && r.left + scrollX >= -1) continue;
      const s = getComputedStyle(el);
      if (s.position === "fixed" || s.visibility !== "visible") continue;
      let contained = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const ox = getComputedStyle(a).overflowX;
        if (ox !== "visible") { contained = true; break; }
      }
      if (contained) continue;
      if (offenders.some((o) => o.el.contains(el))) continue;
      offenders.push({ el, selector: cssPath(el), tag: el.localName, rect: rectOf(r) });
      if (offenders.length >= 25) break;
    }
    return {
      viewportWidth: innerWidth, clientWidth: width, scrollWidth: doc.scrollWidth,
      offenders: offenders.map(({ el, ...rest }) => rest),
    };
  }

  function isInline(el) {
    if (getComputedStyle(el).display !== "inline") return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    if (!block) return false;
    // Text of the block that is not inside any target: the target sits in a sentence.
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim()) continue;
      const owner = node.parentElement;
      if (owner && owner.closest(TARGETS) && block.contains(owner.closest(TARGETS))) continue;
      if (/^[\s|·•\/\\,，、:：;；()（）\[\]【】-]+$/.test(node.data)) continue;
      return true;
    }
    return false;
  }

  function targets() {
    const out = [];
    for (const el of document.querySelectorAll(TARGETS)) {
      if (el.parentElement && el.parentElement.closest(TARGETS) && el.localName !== "input") continue;
      const s = getComputedStyle(el);
      if (s.visibility !== "visible") continue;
      const rects = [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (!rects.length || concealed(el, rects)) continue;
      const box = el.getBoundingClientRect();
      out.push({
        selector: cssPath(el), tag: el.localName, role: el.getAttribute("role") || "",
        text: (el.innerText || el.value || el.getAttribute("aria-label") || el.getAttribute("alt") || "").replace(/\s+/g, " ").trim().slice(0, 80),
        rect: rectOf(box), lines: rects.length, inline: isInline(el),
      });
    }
    return out;
  }

  function languages() {
    const root = document.documentElement;
    const parts = [];
    for (const el of document.querySelectorAll("body [lang], body [xml\\:lang]")) {
      parts.push({
        selector: cssPath(el), tag: el.localName,
        lang: el.getAttribute("lang") ?? el.getAttribute("xml:lang"),
        text: (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 80),
      });
    }
    return { document: root.getAttribute("lang"), xmlLang: root.getAttribute("xml:lang"), parts };
  }

  return { textRuns, overflow, targets, languages, focusIndicators, controlBorders, glyphs, images };
})()
