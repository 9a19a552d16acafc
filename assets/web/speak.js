// The relay's speaker page: hands the speaker link to the desktop app as a kanpe: link.
// The token stays in the fragment (never sent to a server) and is never put in a query string;
// the kanpe: link carries the whole https link, fragment included (core/links.py parses it).

const SCHEME = "kanpe:";
const TOKEN = /^[A-Za-z0-9_-]{22,128}$/;

function speakerLink() {
  const url = new URL(window.location.href);
  url.search = "";
  return url.toString();
}

function main() {
  const link = speakerLink();
  const hasToken = TOKEN.test(window.location.hash.slice(1));
  const open = document.getElementById("open");
  const field = document.getElementById("link");
  const copy = document.getElementById("copy");
  const copied = document.getElementById("copied");
  field.value = link;
  if (hasToken) {
    open.href = SCHEME + link;
  } else {
    open.removeAttribute("href");
    open.classList.add("disabled");
    open.setAttribute("aria-disabled", "true");
    document.getElementById("no-token").hidden = false;
  }
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(link);
      copied.textContent = "Copied.";
    } catch {
      field.select();
      copied.textContent = "Select the link and copy it (Ctrl+C or ⌘C).";
    }
  });
}

main();
