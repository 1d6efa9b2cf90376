// Optional enhancements; every page works without this file.
// The sign-in page's button is pressed for the reader: the one-time link is spent by a person's
// browser, not by a mail scanner that only fetches the page.
const autoSubmit = document.querySelector("form[data-auto-submit]");
if (autoSubmit && !sessionStorage.getItem("submitted:" + location.search)) {
  sessionStorage.setItem("submitted:" + location.search, "1");
  autoSubmit.requestSubmit();
}
// A failed form: focus the error summary so a keyboard or screen-reader user hears it first.
document.getElementById("error-summary")?.focus();
