// A background job's status on an open page (a publication, a results book, the result letters' PDFs, a
// version of the books, a roadmap run, a composite-index run) keeps itself up to date without reloading
// the page: every region marked data-refresh="<seconds>" (with an id) takes its content from the page
// fetched again, so the focus stays where the person left it and a screen reader hears the changed
// status line (the short status region is aria-live="polite"; a region that changes every beat, such as
// a count of seconds, is not live), not the whole page again. All the regions of a page come from one
// fetch per beat (at the shortest of their intervals), so the facts of one job never show two states at
// once. When a fetched region has no data-refresh any more, or is not on the fetched page at all, its job
// has ended: its content is swapped a last time, or, with data-refresh-end="reload" (the job's end
// changes the whole page), the page is loaded once. A fetch that was redirected (the session ended)
// stops the following, and the status line says the session ended. Without JavaScript a <noscript> meta refresh reloads the page instead.
(() => {
  const sessionEnded = document.currentScript?.dataset.sessionEnded;
  let following = [...document.querySelectorAll("[data-refresh][id]")];
  if (following.length === 0) return;
  const seconds = Math.max(1, Math.min(...following.map((region) => Number(region.dataset.refresh) || 3)));
  const later = () => window.setTimeout(tick, seconds * 1000);
  const tick = () => {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then((response) =>
        response.ok ? response.text().then((html) => [response, html]) : Promise.reject(response.status),
      )
      .then(([response, html]) => {
        // redirected (the session ended, so the login page answered): the job's state is unknown, not
        // ended; stop following rather than reload the person's page into a login form, and say so in the
        // status line (the polite one, so a screen reader hears it), which would otherwise look current
        if (response.redirected) {
          const line = following.find((region) => region.hasAttribute("aria-live")) || following[0];
          if (sessionEnded) line.textContent = sessionEnded;
          return;
        }
        const page = new DOMParser().parseFromString(html, "text/html");
        const updates = following.map((region) => {
          const fresh = page.getElementById(region.id);
          // the region gone from the fetched page (a status shown only while its job runs) is an end too
          return { region, fresh, running: fresh !== null && fresh.hasAttribute("data-refresh") };
        });
        if (updates.some(({ region, running }) => !running && region.dataset.refreshEnd === "reload")) {
          window.location.reload();
          return;
        }
        updates.forEach(({ region, fresh, running }) => {
          if (fresh && fresh.innerHTML.trim() !== region.innerHTML.trim()) region.innerHTML = fresh.innerHTML;
          if (!running) delete region.dataset.refresh;
        });
        following = following.filter((region) => region.hasAttribute("data-refresh"));
        if (following.length > 0) later();
      })
      .catch(later); // a network blip or a 5xx: try again at the next beat
  };
  later();
})();
