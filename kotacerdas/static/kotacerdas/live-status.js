// A background job's status on an open page (a publication, a results book, the result letters' PDFs, a
// version of the books, a roadmap run, a composite-index run) keeps itself up to date without reloading
// the page: every region marked data-refresh="<seconds>" (with an id) is fetched again and only its
// content is swapped, so the focus stays where the person left it and a screen reader hears the changed
// status line (the region is aria-live="polite"), not the whole page again. When the fetched region has
// no data-refresh any more, or is not on the fetched page at all, the job has ended: the content is
// swapped a last time, or, with data-refresh-end="reload" (the job's end changes the whole page), the
// page is loaded once. A fetch that was redirected (the session ended) stops the following. Without JavaScript a <noscript> meta refresh reloads the page instead.
(() => {
  const follow = (region) => {
    const seconds = Math.max(1, Number(region.dataset.refresh) || 3);
    const later = () => window.setTimeout(tick, seconds * 1000);
    const tick = () => {
      fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
        .then((response) =>
          response.ok ? response.text().then((html) => [response, html]) : Promise.reject(response.status),
        )
        .then(([response, html]) => {
          // redirected (the session ended, so the login page answered): the job's state is unknown, not
          // ended; stop following rather than reload the person's page into a login form
          if (response.redirected) return;
          const fresh = new DOMParser().parseFromString(html, "text/html").getElementById(region.id);
          // the region gone from the fetched page (a status shown only while its job runs) is an end too
          const running = fresh !== null && fresh.hasAttribute("data-refresh");
          if (!running && region.dataset.refreshEnd === "reload") {
            window.location.reload();
            return;
          }
          if (!fresh) return;
          if (fresh.innerHTML.trim() !== region.innerHTML.trim()) region.innerHTML = fresh.innerHTML;
          if (running) later();
          else delete region.dataset.refresh;
        })
        .catch(later); // a network blip or a 5xx: try again at the next beat
    };
    later();
  };
  document.querySelectorAll("[data-refresh][id]").forEach(follow);
})();
