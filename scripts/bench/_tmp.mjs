import { chromium } from "@playwright/test";
import zlib from "node:zlib";
const [url, cookie] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const context = await browser.newContext({ extraHTTPHeaders: cookie ? { cookie } : {}, serviceWorkers: "block" });
const page = await context.newPage();
const rows = [];
page.on("response", async (r) => { const u = r.url(); if (!/\.js(\?|$)/.test(u)) return; const b = await r.body().catch(() => null); if (!b) return; rows.push([u.replace(/^https?:\/\/[^/]+/, ""), b.length, zlib.gzipSync(b, { level: 9 }).length]); });
page.on("console", m => console.log("CONSOLE", m.type(), m.text().slice(0,200))); await page.goto(url, { waitUntil: "networkidle" });
await page.waitForSelector("html[data-hydrated]", { timeout: 10000 }).catch(() => console.log("NOT HYDRATED"));
rows.sort((a, b) => b[2] - a[2]);
let raw = 0, gz = 0; for (const r of rows) { raw += r[1]; gz += r[2]; }
for (const r of rows) console.log(String(r[2]).padStart(7), String(r[1]).padStart(8), r[0]);
console.log("TOTAL", rows.length, "files", (gz / 1024).toFixed(1), "KB gzip", (raw / 1024).toFixed(1), "KB raw");
await browser.close();
