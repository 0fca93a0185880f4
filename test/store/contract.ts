/**
 * The PlanStore contract suite. Every adapter runs it through the port API
 * only, e.g.
 *
 *   describePlanStoreContract('sqlite', async () => {
 *     const store = new SqlitePlanStore(tempFile);
 *     await store.init();
 *     return { store, cleanup: () => store.close() };
 *   });
 *
 * `makeStore` is called before every test and must return an initialised,
 * empty store; `cleanup` runs after the test. The suite performs a few
 * hundred store calls in all.
 */
import { describe } from 'vitest';
import { describeDirectoryContract } from './contract/directory-contract.js';
import { describeEvidenceContract } from './contract/evidence-contract.js';
import { describeHolidaysContract } from './contract/holidays-contract.js';
import type { MakeStore } from './contract/harness.js';
import { describeImportContract } from './contract/import-contract.js';
import { describeLedgerContract } from './contract/ledger-contract.js';
import { describePlanChangeContract } from './contract/plan-change-contract.js';
import { describeUpdateContract } from './contract/update-contract.js';

export type { MakeStore } from './contract/harness.js';

/** Registers the whole PlanStore contract, under `PlanStore contract: <name>`, against stores made by `makeStore`. */
export function describePlanStoreContract(name: string, makeStore: MakeStore): void {
  describe(`PlanStore contract: ${name}`, () => {
    describeImportContract(makeStore);
    describeUpdateContract(makeStore);
    describeEvidenceContract(makeStore);
    describeLedgerContract(makeStore);
    describeDirectoryContract(makeStore);
    describeHolidaysContract(makeStore);
    describePlanChangeContract(makeStore);
  });
}
