export { COMPLIANCE_TESTS, fixFor } from "./catalogue.ts";
export { runComplianceCheck, scoreOf } from "./runner.ts";
export { formatComplianceTable } from "./table.ts";
export * from "./types.ts";
