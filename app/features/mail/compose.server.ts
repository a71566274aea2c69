import type { TFunction } from "i18next";
import { createI18n } from "#app/i18n/i18n.ts";
import { defaultLanguage, isLanguage, textDirection, type Language } from "#app/i18n/languages.ts";
import { allResources, namespaces } from "#app/i18n/resources.ts";

// The look of every mail: a plain-text part and an HTML part from the same
// content, in the recipient's language (right to left for Arabic, with links
// and addresses isolated left to right). No images, no tracking, nothing
// loaded from anywhere: a mail reads the same offline and in any client.

export interface MailContent {
  subject: string;
  greeting: string;
  /** Paragraphs before the action link. */
  before: string[];
  /** The one thing the mail asks the reader to do, as a button and as a plain link. */
  action?: { label: string; url: string };
  /** Paragraphs after it. */
  after: string[];
}

export interface RenderedMail {
  language: Language;
  fromName: string;
  subject: string;
  text: string;
  html: string;
}

let translator: ReturnType<typeof createI18n> | undefined;

/** A t() for mails in this language (falling back to Dutch), namespace "mail" first. */
export function mailT(language: string): { t: TFunction; language: Language } {
  const chosen = isLanguage(language) ? language : defaultLanguage;
  translator ??= createI18n(defaultLanguage, allResources, namespaces);
  return { t: translator.getFixedT(chosen, "mail"), language: chosen };
}

/** The language to write to a person in: their own choice, else the page's where the mail was caused. */
export function mailLanguage(saved: string | null | undefined, page: string | null | undefined): Language {
  if (isLanguage(saved)) return saved;
  if (isLanguage(page)) return page;
  return defaultLanguage;
}

/** Wraps a value (an address, a date) so that it keeps its own direction inside right-to-left text. */
export function isolate(value: string, language: Language): string {
  return textDirection(language) === "rtl" ? `\u2066${value}\u2069` : value;
}

export function renderMail(language: Language, municipalityName: string, content: MailContent): RenderedMail {
  const { t } = mailT(language);
  const footer = t("layout.footer", { municipality: municipalityName });
  return {
    language,
    fromName: t("layout.sender", { municipality: municipalityName }),
    subject: content.subject,
    text: renderText(content, footer, t("layout.link_intro")),
    html: renderHtml(language, content, footer, t("layout.link_fallback")),
  };
}

function renderText(content: MailContent, footer: string, linkIntro: string): string {
  const blocks = [content.greeting, ...content.before];
  // The link alone on its line: mail programs make it clickable, whatever the text's direction.
  if (content.action) blocks.push(`${content.action.label}. ${linkIntro}\n${content.action.url}`);
  blocks.push(...content.after);
  // "-- " on its own line: mail programs show what follows as the signature.
  return `${blocks.join("\n\n")}\n\n-- \n${footer}\n`;
}

const STYLE = [
  "body{margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5}",
  ".mail-body{max-width:600px;margin:0 auto}",
  ".mail-action{margin:24px 0}",
  ".mail-button{display:inline-block;padding:12px 20px;border-radius:4px;background:#1e5b9c;color:#ffffff;font-weight:bold;text-decoration:none}",
  ".mail-link{word-break:break-all}",
  ".mail-footer{margin-top:32px;padding-top:12px;border-top:1px solid #cccccc;color:#555555;font-size:14px}",
].join("");

function renderHtml(language: Language, content: MailContent, footer: string, linkFallback: string): string {
  const dir = textDirection(language);
  const paragraphs = (texts: string[]) => texts.map((text) => `<p>${escapeHtml(text)}</p>`).join("\n");
  const action = content.action
    ? [
        `<p class="mail-action"><a class="mail-button" href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.label)}</a></p>`,
        `<p>${escapeHtml(linkFallback)}<br>`,
        // dir="ltr" isolates the address: in right-to-left text it still reads left to right.
        `<a class="mail-link" dir="ltr" href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.url)}</a></p>`,
      ].join("\n")
    : "";
  return [
    "<!doctype html>",
    `<html lang="${language}" dir="${dir}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.subject)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    `<body dir="${dir}">`,
    `<div class="mail-body" lang="${language}" dir="${dir}">`,
    `<p>${escapeHtml(content.greeting)}</p>`,
    paragraphs(content.before),
    action,
    paragraphs(content.after),
    `<p class="mail-footer">${escapeHtml(footer)}</p>`,
    "</div>",
    "</body>",
    "</html>",
  ]
    .filter((line) => line !== "")
    .join("\n")
    .concat("\n");
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
