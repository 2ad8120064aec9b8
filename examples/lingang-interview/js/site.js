// The site's own scripts: a floating window that drifts around the page, and the
// font-size switcher. Elder mode removes both (and every script) by default.
function floatAd(id) {
  var el = document.getElementById(id), x = 10, y = 260, dx = 1, dy = 1;
  if (!el) return;
  window.__floatTimer = setInterval(function () {
    var w = document.documentElement.clientWidth - el.offsetWidth, h = document.documentElement.clientHeight - el.offsetHeight;
    x += dx; y += dy;
    if (x < 0 || x > w) dx = -dx;
    if (y < 0 || y > h) dy = -dy;
    el.style.left = x + "px"; el.style.top = (y + document.documentElement.scrollTop) + "px";
  }, 30);
}
function closeFloat() { clearInterval(window.__floatTimer); document.getElementById("floatWin").style.display = "none"; }
function doZoom(size) { document.getElementById("zoom").style.fontSize = size + "px"; }
function share(where) { return false; }
function zh_tran(to) { return false; }
