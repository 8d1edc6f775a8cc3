// A page opened straight from the folder (file://) may not fetch() other pages, which
// Sphinx's search does only to show a few lines of each page found. There, the search
// lists the pages without those lines.
if (location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}
