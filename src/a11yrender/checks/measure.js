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
  const pathCache = new Map();
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "HEAD", "TITLE", "OPTION", "DATALIST"]);
  const TARGETS = [
    "a[href]", "area[href]", "button", "input:not([type=hidden])", "select", "textarea", "summary",
    "[role=button]", "[role=link]", "[role=checkbox]", "[role=radio]", "[role=switch]", "[role=tab]",
    "[role=menuitem]", "[role=option]", "[tabindex]:not([tabindex='-1'])",
  ].join(",");
  const TEXT_INPUTS = new Set(["", "text", "search", "email", "url", "tel", "number", "password", "date", "time", "datetime-local", "month", "week"]);
  const BUTTON_INPUTS = new Set(["submit", "reset", "button"]);

  function cssPath(el) {
    if (pathCache.has(el)) return pathCache.get(el);
    const path = cssPathOf(el);
    pathCache.set(el, path);
    return path;
  }

  function cssPathOf(el) {
    const parts = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      if (e.id && document.querySelectorAll("#" + CSS.escape(e.id)).length === 1) {
        parts.unshift("#" + CSS.escape(e.id));
        break;
      }
      let part = e.localName;
      const parent = e.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === e.localName);
        if (same.length > 1) part += `:nth-of-type(${same.indexOf(e) + 1})`;
      }
      parts.unshift(part);
      if (e.localName === "body" || e.localName === "html") break;
    }
    return parts.join(" > ");
  }

  function rectOf(r) {
    return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
  }

  // Hidden from sight although laid out: clipped to a pixel (the sr-only pattern) or
  // moved off the page.
  function concealed(el, rects) {
    const doc = document.scrollingElement || document.documentElement;
    if (rects.every((r) => r.right + scrollX < 0 || r.bottom + scrollY < 0 || r.left + scrollX > doc.scrollWidth + 1)) return true;
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      const box = e.getBoundingClientRect();
      const tiny = box.width <= 1.5 || box.height <= 1.5;
      if (tiny && (s.overflow !== "visible" || s.clip !== "auto" || s.clipPath !== "none")) return true;
      if (s.clipPath && /inset\(\s*50%/.test(s.clipPath)) return true;
    }
    return false;
  }

  function opacityOf(el) {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  }

  // Background layers from the element outwards, stopping at the first opaque colour.
  function backgrounds(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      const image = s.backgroundImage !== "none";
      layers.push({ color: s.backgroundColor, image, selector: image ? cssPath(e) : null });
      const m = /rgba?\(([^)]+)\)/.exec(s.backgroundColor);
      const alpha = m ? m[1].split(/[ ,/]+/).filter(Boolean)[3] : undefined;
      if (m && (alpha === undefined || parseFloat(alpha) >= 1)) break;
    }
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
    });
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
    const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim()) continue;
      const el = node.parentElement;
      if (!el || SKIP.has(el.tagName)) continue;
      const s = getComputedStyle(el);
      if (s.visibility !== "visible" || s.display === "none") continue;
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (!rects.length || concealed(el, rects)) continue;
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

  return { textRuns, overflow, targets, languages, boxes, lineLengths, focus, motion };
})()
