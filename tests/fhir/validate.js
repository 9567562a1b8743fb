// Validates FHIR R4 JSON files with the `fhir` package (structure, cardinality, types and
// value sets of R4) and fails on any error or unexpected property. Usage: node validate.js FILE...
'use strict';
const fs = require('fs');
const { Fhir } = require('fhir');

const fhir = new Fhir();
let failed = 0;
for (const file of process.argv.slice(2)) {
    const resource = JSON.parse(fs.readFileSync(file, 'utf8'));
    const result = fhir.validate(resource, { errorOnUnexpected: true });
    const errors = result.messages.filter((m) => m.severity === 'error');
    if (!result.valid || errors.length) {
        failed++;
        console.error(`${file}: not valid FHIR R4`);
        for (const m of result.messages) console.error(`  ${m.severity} ${m.location}: ${m.message}`);
    } else {
        console.log(`${file}: valid FHIR R4 (${resource.entry ? resource.entry.length : 1} resources)`);
    }
}
process.exit(failed ? 1 : 0);
