// Entry point, in plain JavaScript so that it runs on any Node.js and can
// explain itself. The project pins Node 24 through the `node` devDependency,
// which npm puts first on the PATH of npm scripts; started any other way the
// system Node may be older, and it would fail on TypeScript or node:sqlite.

const REQUIRED_MAJOR = 24;
const version = process.versions.node;

if (Number(version.split(".")[0]) < REQUIRED_MAJOR) {
  process.stderr.write(
    `Wijkwijs needs Node.js ${REQUIRED_MAJOR} or newer; this is Node.js ${version}.\n` +
      `Start it through npm ("npm start", "npm run dev"): npm scripts use the Node.js ${REQUIRED_MAJOR} ` +
      `that "npm install" put in node_modules/.bin. Or install Node.js ${REQUIRED_MAJOR} LTS.\n`,
  );
  process.exit(1);
}

// APP_ENV is production unless chosen otherwise: `npm run dev` (--dev) and
// the demo behind `npm start` (--demo) choose development when it is unset.
const development = process.argv.includes("--dev");
if ((development || process.argv.includes("--demo")) && !process.env.APP_ENV) process.env.APP_ENV = "development";

// React renders with its production build unless we are developing.
if (!development) process.env.NODE_ENV ??= "production";

await import("./index.ts");
