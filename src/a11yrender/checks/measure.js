// What a reader gets, read off Chromium's computed styles and layout. Plain data only:
// the arithmetic (compositing, contrast ratios, thresholds) happens in Python, in
// a11yrender.colour and a11yrender.checks, so there is one implementation of it.
(() => {
  // One evaluation measures a page that does not change meanwhile: computed styles and CSS
  // paths are looked up once per element (a page of 1,000 text runs asks for each ancestor's
  // style hundreds of times).
  const getComputedStyle = ((native, cache) => (el, pseudo) => {
    if (pseudo) return native(el, pseudo);
    let style = cache.get(el);
    if (!style) { style = native(el); cache.set(el, style); }
    return style;
  })(window.getComputedStyle.bind(window), new Map());
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "HEAD", "TITLE", "OPTION", "DATALIST"]);
  const TARGETS = [
    "a[href]", "area[href]", "button", "input:not([type=hidden])", "select", "textarea", "summary",
    "[role=button]", "[role=link]", "[role=checkbox]", "[role=radio]", "[role=switch]", "[role=tab]",
    "[role=menuitem]", "[role=option]", "[tabindex]:not([tabindex='-1'])",
  ].join(",");
  const TEXT_INPUTS = new Set(["", "text", "search", "email", "url", "tel", "number", "password", "date", "time", "datetime-local", "month", "week"]);
  const BUTTON_INPUTS = new Set(["submit", "reset", "button"]);
  // Regions a site marks as its main content (MIIT's ergodic="article" included).
  const MAIN_CONTENT = "main, [role=main], article, [ergodic=article]";

  // Everything derived from an element's ancestors is memoised: a page has thousands of text
  // nodes sharing a few hundred ancestors, and each measurement call starts fresh.
  const styleCaches = [];
  function memo(fn, dependsOnStyle = false) {
    const cache = new Map();
    if (dependsOnStyle) styleCaches.push(cache);
    return (el) => {
      if (!cache.has(el)) cache.set(el, fn(el));
      return cache.get(el);
    };
  }
  // Focusing an element may restyle it and its ancestors (:focus-within): drop what was read.
  function forgetStyles() {
    for (const cache of styleCaches) cache.clear();
  }

  let idCounts = null;
  function uniqueId(el) {
    if (!el.id) return false;
    if (idCounts === null) {
      idCounts = new Map();
      for (const e of document.querySelectorAll("[id]")) idCounts.set(e.id, (idCounts.get(e.id) || 0) + 1);
    }
    return idCounts.get(el.id) === 1;
  }

  // For each parent, each child's :nth-of-type position and how many siblings share its tag.
  const positions = memo((parent) => {
    const index = new Map(), counts = new Map();
    for (const child of parent.children) {
      const n = (counts.get(child.localName) || 0) + 1;
      counts.set(child.localName, n);
      index.set(child, n);
    }
    return { index, counts };
  });

  const cssPath = memo((el) => {
    if (!el || el.nodeType !== 1) return "";
    if (uniqueId(el)) return "#" + CSS.escape(el.id);
    let part = el.localName;
    const parent = el.parentElement;
    if (parent) {
      const { index, counts } = positions(parent);
      if (counts.get(el.localName) > 1) part += `:nth-of-type(${index.get(el)})`;
    }
    if (!parent || el.localName === "body" || el.localName === "html") return part;
    return cssPath(parent) + " > " + part;
  });

  function rectOf(r) {
    return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
  }

  // An element or ancestor clipped to a pixel (the sr-only pattern) or by clip-path inset(50%).
  const clippedAway = memo((el) => {
    if (!el || el === document.body || el === document.documentElement) return false;
    const s = getComputedStyle(el);
    if (s.clipPath && /inset\(\s*50%/.test(s.clipPath)) return true;
    if (s.overflow !== "visible" || s.clip !== "auto" || s.clipPath !== "none") {
      const box = el.getBoundingClientRect();
      if (box.width <= 1.5 || box.height <= 1.5) return true;
    }
    return clippedAway(el.parentElement);
  }, true);

  // Hidden from sight although laid out: clipped away, or moved off the page.
  function concealed(el, rects) {
    const doc = document.scrollingElement || document.documentElement;
    if (rects.every((r) => r.right + scrollX < 0 || r.bottom + scrollY < 0 || r.left + scrollX > doc.scrollWidth + 1)) return true;
    return clippedAway(el);
  }

  const opacityOf = memo((el) => {
    if (!el) return 1;
    return parseFloat(getComputedStyle(el).opacity) * opacityOf(el.parentElement);
  }, true);

  // Background layers from the element outwards, stopping at the first opaque colour.
  const backgrounds = memo((el) => {
    if (!el) return [];
    const s = getComputedStyle(el);
    const image = s.backgroundImage !== "none";
    const layer = { color: s.backgroundColor, image, selector: image ? cssPath(el) : null };
    const m = /rgba?\(([^)]+)\)/.exec(s.backgroundColor);
    const alpha = m ? m[1].split(/[ ,/]+/).filter(Boolean)[3] : undefined;
    if (m && (alpha === undefined || parseFloat(alpha) >= 1)) return [layer];
    return [layer, ...backgrounds(el.parentElement)];
  }, true);

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
      shadows: s.textShadow === "none" ? "" : s.textShadow,
      letterSpacing: s.letterSpacing,
      wordSpacing: s.wordSpacing,
    };
  }

  function run(el, text, kind, rects, pseudo) {
    return Object.assign(style(el, pseudo), {
      selector: cssPath(el), tag: el.localName, kind, text: text.replace(/\s+/g, " ").trim().slice(0, 200),
      rect: rectOf(rects[0]), lines: rects.length, opacity: opacityOf(el), backgrounds: backgrounds(el),
      lang: (el.closest("[lang]") || document.documentElement).getAttribute("lang") || "",
      main: !!el.closest(MAIN_CONTENT),
      link: !!el.closest(":any-link"), underlined: underlined(el),
    });
  }

  // Whether the text of el is drawn underlined: by its own text-decoration or one that
  // propagates from an ancestor (decorations do not propagate into inline-blocks, floats or
  // absolutely positioned boxes).
  const underlined = memo((el) => {
    if (!el || el.nodeType !== 1) return false;
    const s = getComputedStyle(el);
    if (s.textDecorationLine.includes("underline")) return true;
    if (s.display.startsWith("inline-") || s.float !== "none" || s.position === "absolute" || s.position === "fixed") return false;
    return underlined(el.parentElement);
  }, true);

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

  // Text nodes in document order, entering open shadow roots (their text inherits from the host).
  function* textNodes(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) yield node;
      else if (node.shadowRoot) yield* textNodes(node.shadowRoot);
    }
  }

  function ownerElement(node) {
    return node.parentElement || (node.parentNode && node.parentNode.host) || null;
  }

  // Inactive user interface components are exempt from contrast (WCAG 1.4.3): a disabled
  // control, anything in a disabled fieldset or aria-disabled group, and a disabled control's label.
  // Ids that disabled controls use as their labels (aria-labelledby), found once per call.
  let disabledLabelIds = null;
  function labelsOfDisabled() {
    if (disabledLabelIds === null) {
      disabledLabelIds = new Set();
      for (const user of document.querySelectorAll("[aria-labelledby]")) {
        if (user.matches(":disabled, [aria-disabled=true]")) {
          for (const id of user.getAttribute("aria-labelledby").split(/\s+/)) if (id) disabledLabelIds.add(id);
        }
      }
    }
    return disabledLabelIds;
  }

  const disabled = memo((el) => {
    if (el.closest(":disabled, [aria-disabled=true]")) return true;
    const label = el.closest("label");
    if (label && label.control && (label.control.disabled || label.control.closest("[aria-disabled=true]"))) return true;
    const ids = labelsOfDisabled();
    if (ids.size) for (let e = el; e; e = e.parentElement) if (e.id && ids.has(e.id)) return true;
    return false;
  });

  function textRuns() {
    const out = [];
    const range = document.createRange();
    for (const node of textNodes(document.body || document.documentElement)) {
      if (!node.data.trim()) continue;
      const el = ownerElement(node);
      if (!el || SKIP.has(el.tagName) || el.closest("svg title, svg desc, select")) continue;
      const s = getComputedStyle(el);
      if (s.visibility !== "visible" || s.display === "none") continue;
      if (opacityOf(el) === 0) continue;  // painted fully transparent: hidden, like visibility: hidden
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (!rects.length || concealed(el, rects)) continue;
      const item = run(el, node.data, el.namespaceURI === "http://www.w3.org/2000/svg" ? "svg" : "text", rects);
      if (item.kind === "svg" && s.fill && s.fill.startsWith("rgb")) item.color = s.fill;
      item.disabled = disabled(el);
      out.push(item);
    }
    for (const el of document.querySelectorAll("input, textarea, select")) {
      const type = (el.getAttribute("type") || "").toLowerCase();
      if (el.localName === "input" && !TEXT_INPUTS.has(type) && !BUTTON_INPUTS.has(type)) continue;
      const rects = [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (!rects.length || getComputedStyle(el).visibility !== "visible" || concealed(el, rects)) continue;
      const value = el.localName === "select" ? (el.selectedOptions[0] || {}).text || "" : el.value;
      let item = null;
      if (value && value.trim()) item = run(el, value, "control", rects);
      else if (el.placeholder && el.placeholder.trim()) item = run(el, el.placeholder, "placeholder", rects, "::placeholder");
      if (item) { item.disabled = disabled(el); out.push(item); }
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

  function blockOf(node) {
    let block = node.nodeType === Node.ELEMENT_NODE ? node.parentElement : ownerElement(node);
    while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    return block;
  }

  // Whether a block's own line boxes hold text that is not part of any target (separators
  // such as "|" do not count): the same answer for every target in the block.
  const SEPARATORS = /^[\s|·•\/\\,，、:：;；()（）\[\]【】-]+$/;
  const blockHasSentenceText = memo((block) => {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim() || SEPARATORS.test(node.data)) continue;
      const owner = node.parentElement;
      if (!owner || blockOf(node) !== block) continue; // text of a nested block, another line box
      const target = owner.closest(TARGETS);
      if (target && block.contains(target)) continue;
      return true;
    }
    return false;
  });

  // A target in a sentence: an inline element in a line box with other text. WCAG 2.5.5 and
  // 2.5.8 exempt such targets.
  function isInline(el) {
    if (getComputedStyle(el).display !== "inline") return false;
    const block = blockOf(el);
    return !!block && blockHasSentenceText(block);
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

  // Each element that sets lang, with the text it governs: visible text (or image alt text)
  // whose nearest lang-setting ancestor it is.
  function languages() {
    const root = document.documentElement;
    const parts = [];
    const range = document.createRange();
    for (const el of document.querySelectorAll("body [lang], body [xml\\:lang]")) {
      const own = [];
      for (const node of textNodes(el)) {
        const owner = ownerElement(node);
        if (!node.data.trim() || !owner || owner.closest("[lang]") !== el || SKIP.has(owner.tagName)) continue;
        if (getComputedStyle(owner).visibility !== "visible") continue;
        range.selectNodeContents(node);
        if (![...range.getClientRects()].some((r) => r.width > 0 && r.height > 0)) continue;
        own.push(node.data);
      }
      for (const img of el.querySelectorAll("img[alt], area[alt], input[type=image][alt]")) {
        if (img.closest("[lang]") === el && img.getAttribute("alt").trim()) own.push(img.getAttribute("alt"));
      }
      parts.push({
        selector: cssPath(el), tag: el.localName,
        lang: el.getAttribute("lang") ?? el.getAttribute("xml:lang"),
        text: own.join(" ").replace(/\s+/g, " ").trim().slice(0, 80),
      });
    }
    return { document: root.getAttribute("lang"), xmlLang: root.getAttribute("xml:lang"), parts };
  }

  // WCAG 1.4.12: with the four spacings forced on every element, which text is cut off
  // by a box that hides overflow, and which lines of different texts overlap.
  const SPACING_CSS = "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;" +
    " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }";

  // The line boxes of every non-blank text node of the document's own tree (scripts and the
  // like aside) in an element ``wanted`` accepts, where they are laid out and not concealed.
  function* laidOutText(wanted) {
    const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim()) continue;
      const el = node.parentElement;
      if (!el || SKIP.has(el.tagName) || !wanted(el)) continue;
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length && !concealed(el, rects)) yield { node, el, rects };
    }
  }

  function textLineRects() {
    // Ruby lays its annotations over the base text, and its boxes over the line's
    // neighbours, by design: not an overlap a reader sees.
    return [...laidOutText((el) => getComputedStyle(el).visibility === "visible" && !el.closest("ruby, rt, rp"))];
  }

  function textSpacing() {
    const style = document.createElement("style");
    style.textContent = SPACING_CSS;
    (document.head || document.documentElement).appendChild(style);
    try {
      const lines = textLineRects();
      const clipped = [];
      for (const { el, rects, node } of lines) {
        for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
          const s = getComputedStyle(a);
          const hideX = s.overflowX === "hidden" || s.overflowX === "clip";
          const hideY = s.overflowY === "hidden" || s.overflowY === "clip";
          if (!hideX && !hideY) continue;
          const box = a.getBoundingClientRect();
          const inner = { left: box.left + a.clientLeft, top: box.top + a.clientTop };
          inner.right = inner.left + a.clientWidth;
          inner.bottom = inner.top + a.clientHeight;
          const cut = rects.some((r) => (hideX && (r.right > inner.right + 1 || r.left < inner.left - 1)) ||
                                        (hideY && (r.bottom > inner.bottom + 1 || r.top < inner.top - 1)));
          if (cut) {
            clipped.push({ selector: cssPath(el), clippedBy: cssPath(a), text: node.data.replace(/\s+/g, " ").trim().slice(0, 80) });
            break;
          }
        }
      }
      // Overlap of line boxes of different text nodes, found through a coarse grid.
      const CELL = 64, grid = new Map(), overlaps = [], seen = new Set();
      lines.forEach((line, index) => {
        for (const r of line.rects) {
          for (let gx = Math.floor(r.left / CELL); gx <= Math.floor(r.right / CELL); gx++) {
            for (let gy = Math.floor((r.top + scrollY) / CELL); gy <= Math.floor((r.bottom + scrollY) / CELL); gy++) {
              const key = gx + "," + gy;
              if (!grid.has(key)) grid.set(key, []);
              grid.get(key).push([index, r]);
            }
          }
        }
      });
      for (const cell of grid.values()) {
        for (let i = 0; i < cell.length; i++) {
          for (let j = i + 1; j < cell.length; j++) {
            const [a, ra] = cell[i], [b, rb] = cell[j];
            if (a === b) continue;
            const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
            const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
            if (w > 2 && h > 2 && h > 0.25 * Math.min(ra.height, rb.height)) {
              const key = Math.min(a, b) + ":" + Math.max(a, b);
              if (seen.has(key)) continue;
              seen.add(key);
              overlaps.push({
                selector: cssPath(lines[a].el), other: cssPath(lines[b].el),
                text: lines[a].node.data.replace(/\s+/g, " ").trim().slice(0, 60),
                otherText: lines[b].node.data.replace(/\s+/g, " ").trim().slice(0, 60),
              });
              if (overlaps.length >= 50) break;
            }
          }
        }
      }
      return { clipped: clipped.slice(0, 50), overlaps, texts: lines.length };
    } finally {
      style.remove();
    }
  }

  // Spacing declared !important in style attributes, which a reader's own stylesheet cannot
  // override (the ACT text-spacing rules), with the values the affected text really gets.
  const SPACING_PROPERTIES = ["letter-spacing", "word-spacing", "line-height"];

  function spacingOverrides() {
    const out = [];
    for (const el of document.querySelectorAll("[style]")) {
      for (const property of SPACING_PROPERTIES) {
        if (el.style.getPropertyPriority(property) !== "important") continue;
        const declared = el.style.getPropertyValue(property).trim();
        const affected = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.data.trim()) continue;
          const parent = node.parentElement;
          let owner = parent;
          while (owner && owner !== el && !(owner.style && owner.style.getPropertyValue(property))) owner = owner.parentElement;
          if (owner !== el) continue; // a nearer element sets its own value for this text
          const s = getComputedStyle(parent);
          if (s.visibility !== "visible") continue;
          range.selectNodeContents(node);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
          if (!rects.length || concealed(parent, rects)) continue;
          const lineTops = new Set(rects.map((r) => Math.round(r.top)));
          const value = s.getPropertyValue(property);
          affected.push({
            selector: cssPath(parent), fontSize: parseFloat(s.fontSize),
            computed: value === "normal" ? null : parseFloat(value), lines: lineTops.size,
            text: node.data.replace(/\s+/g, " ").trim().slice(0, 60),
          });
        }
        out.push({ selector: cssPath(el), property, declared, affected });
      }
    }
    return out;
  }

  function viewportMeta() {
    return [...document.querySelectorAll("meta[name='viewport' i]")].map((m) => m.getAttribute("content"));
  }

  function documentKind() {
    const root = document.documentElement;
    // Chromium shows an XML document without a stylesheet through its own HTML tree viewer;
    // that viewer is not the page.
    const viewer = !!document.getElementById("xml-viewer-style");
    return { html: root instanceof HTMLHtmlElement && !viewer, namespace: root.namespaceURI, tag: root.localName };
  }

  // Boxes of the elements matching a selector, in document order (paragraph spacing).
  function boxes(selector) {
    const out = [];
    for (const el of document.querySelectorAll(selector)) {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      out.push({
        selector: cssPath(el), tag: el.localName, rect: rectOf(r), visible: s.visibility === "visible" && r.height > 0,
        fontSize: parseFloat(s.fontSize), lineHeight: s.lineHeight === "normal" ? null : parseFloat(s.lineHeight),
        marginTop: parseFloat(s.marginTop), marginBottom: parseFloat(s.marginBottom),
        text: (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 80),
      });
    }
    return out;
  }

  // The widest line box of every visible text node (line length in characters = width / font size).
  function lineLengths() {
    const out = [];
    const shown = (el) => {
      const s = getComputedStyle(el);
      return s.visibility === "visible" && s.display !== "none";
    };
    for (const { node, el, rects } of laidOutText(shown)) {
      const s = getComputedStyle(el);
      // Rects on the same line (split by inline boxes) are merged.
      const lines = new Map();
      for (const r of rects) {
        const key = Math.round(r.top);
        const line = lines.get(key) || { left: r.left, right: r.right };
        line.left = Math.min(line.left, r.left); line.right = Math.max(line.right, r.right);
        lines.set(key, line);
      }
      const widest = Math.max(...[...lines.values()].map((l) => l.right - l.left));
      out.push({ selector: cssPath(el), text: node.data.replace(/\s+/g, " ").trim().slice(0, 80),
                 fontSize: parseFloat(s.fontSize), width: widest, lines: lines.size });
    }
    return out;
  }

  // The focused element and the indicator drawn around it.
  function focus() {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
      selector: cssPath(el), tag: el.localName, text: (el.innerText || el.value || "").replace(/\s+/g, " ").trim().slice(0, 80),
      href: el.getAttribute("href"), rect: rectOf(r), outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
      outlineColor: s.outlineColor, boxShadow: s.boxShadow, backgrounds: backgrounds(el.parentElement || el),
      visible: s.visibility === "visible" && r.width > 1.5 && r.height > 1.5,
    };
  }

  // What moves, floats or is fixed over the content, and what needs scripts.
  function motion() {
    const positioned = [];
    for (const el of document.querySelectorAll("body *")) {
      const s = getComputedStyle(el);
      if (s.display === "none" || s.visibility !== "visible") continue;
      if (s.position === "fixed" || s.position === "sticky" || (s.position === "absolute" && !concealed(el, [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0).concat([el.getBoundingClientRect()])))) {
        positioned.push({ selector: cssPath(el), tag: el.localName, position: s.position });
      } else if (s.float !== "none") {
        positioned.push({ selector: cssPath(el), tag: el.localName, position: "float:" + s.float });
      }
      if (positioned.length >= 25) break;
    }
    const animations = document.getAnimations ? document.getAnimations().filter((a) => a.playState === "running").length : 0;
    const scripts = [...document.scripts].filter((s) => !/^application\/ld\+json$/i.test((s.type || "").trim())).length;
    const handlers = [...document.querySelectorAll("*")].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length;
    return {
      positioned, animations, scripts, handlers,
      marquees: document.querySelectorAll("marquee, blink").length,
      frames: document.querySelectorAll("iframe, frame, embed, object, applet").length,
      autoplay: document.querySelectorAll("[autoplay]").length,
      refresh: document.querySelectorAll("meta[http-equiv='refresh' i]").length,
      compatMode: document.compatMode,
    };
  }

  return {
    textRuns, overflow, targets, languages, textSpacing, spacingOverrides, viewportMeta, documentKind,
    focusIndicators, controlBorders, glyphs, images, boxes, lineLengths, focus, motion,
  };
})()
