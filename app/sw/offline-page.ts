// The page the service worker shows for an address it has no copy of, when
// there is no connection. Static HTML (written at build time, precached), so
// it needs no server and no JavaScript.

export interface OfflineStrings {
  title: string;
  body: string;
  visited: string;
  to_help: string;
  to_tips: string;
  to_start: string;
  retry: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function offlinePageHtml(options: { language: string; direction: "ltr" | "rtl"; stylesheets: string[]; strings: OfflineStrings }): string {
  const { language, direction, stylesheets, strings } = options;
  const e = escapeHtml;
  const lang = language === "nl" ? "" : `?lang=${language}`;
  return `<!doctype html>
<html lang="${language}" dir="${direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(strings.title)} – Wijkwijs</title>
<link rel="manifest" href="/manifest.webmanifest">
<link rel="icon" href="/favicon.ico" sizes="32x32">
${stylesheets.map((href) => `<link rel="stylesheet" href="${e(href)}">`).join("\n")}
</head>
<body class="utrecht-document utrecht-document--surface">
<div class="shell">
<header class="utrecht-page-header"><div class="shell-header"><a class="brand" href="/${lang}">Wijkwijs</a></div></header>
<main id="inhoud" class="page-main" data-offline-page="${language}">
<div class="stack">
<h1 class="utrecht-heading-1">${e(strings.title)}</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">${e(strings.body)}</p>
<p class="utrecht-paragraph">${e(strings.visited)}</p>
<ul class="utrecht-unordered-list">
<li><a class="utrecht-link" href="/hulp${lang}">${e(strings.to_help)}</a></li>
<li><a class="utrecht-link" href="/tips${lang}">${e(strings.to_tips)}</a></li>
<li><a class="utrecht-link" href="/start">${e(strings.to_start)}</a></li>
</ul>
<p class="utrecht-paragraph">${e(strings.retry)}</p>
</div>
</main>
</div>
</body>
</html>
`;
}
