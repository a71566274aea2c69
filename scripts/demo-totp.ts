// Prints the current authenticator-app code of the demo staff accounts
// (coordinator, police, admin), for trying the demo without a phone.
import { totpCode, totpStep } from "#app/features/second-factor/totp.ts";
import { DEMO_TOTP_SECRET } from "#scripts/seed/demo.ts";

const now = new Date();
const secondsLeft = 30 - (Math.floor(now.getTime() / 1000) % 30);
process.stdout.write(`Demo code: ${totpCode(DEMO_TOTP_SECRET, totpStep(now))} (valid for ${secondsLeft} more seconds; secret ${DEMO_TOTP_SECRET})\n`);
