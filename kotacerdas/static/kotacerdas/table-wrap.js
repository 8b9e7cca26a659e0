// A table wider than the window scrolls inside its .table-wrap (a phone): while it does, the box is a
// named region in the Tab order, so a keyboard reaches what lies beyond the edge (arrow keys scroll it).
// A table that fits stays out of the Tab order. No inline handlers: the CSP forbids them.
(() => {
  const name = document.currentScript ? document.currentScript.dataset.label : "";
  const mark = () => {
    document.querySelectorAll(".table-wrap").forEach((wrap) => {
      const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.tabIndex = 0;
        wrap.dataset.scrollRegion = "";
        if (!wrap.hasAttribute("role")) wrap.setAttribute("role", "region");
        if (!wrap.hasAttribute("aria-label") && !wrap.hasAttribute("aria-labelledby")) {
          const caption = wrap.querySelector("caption");
          wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : name);
        }
      } else if (!scrolls && "scrollRegion" in wrap.dataset) {
        wrap.removeAttribute("tabindex");
        delete wrap.dataset.scrollRegion;
      }
    });
  };
  mark();
  window.addEventListener("resize", mark);
})();
