// Peer for the vuln-scanner benchmark: Renovate's @renovatebot/osv-offline-db (the offline OSV store Renovate's
// vulnerability alerts query), on the same generated advisories and the same SBOM.
//   node peer-osv-offline-db.mjs SBOM.json        (OSV_OFFLINE_ROOT_DIR holds maven.nedb: one advisory per line)
// What it does: builds its per-package index of the NDJSON file, then looks every SBOM component's package up and
// reads its advisories. What it does NOT do (Renovate does that elsewhere): evaluate the version ranges, merge aliases,
// score severities, write a report. So it is a lower bound for "index + lookup", not a full scan.
import { OsvOfflineDb } from '@renovatebot/osv-offline-db';
import { readFileSync } from 'node:fs';

const sbom = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const db = OsvOfflineDb.create();
let advisories = 0;
for (const c of sbom.components) {
  advisories += (await db.query('Maven', `${c.group}:${c.name}`)).length;
}
db[Symbol.dispose]();
console.log(`${sbom.components.length} packages looked up, ${advisories} advisories read`);
