/** Statements sent by this process so far. */
export function queryCount(): number;
/** Keeps the statements sent from now on (or stops with `false`); returns those kept so far. */
export function statements(keep?: boolean): string[];
